"""Home panel: the projects a person is responsible for or takes part in."""

from qogam.core.dashboards import Panel, register_panel
from qogam.projects import queries


def _my_projects(request):
    if not request.user.is_authenticated:
        return None
    projects = queries.my_projects(request.user)
    if not projects:
        return None
    return {"projects": projects}


register_panel(Panel("my-projects", "projects/panels/my_projects.html", _my_projects, 20))
