"""Home panel: the signed-in person's measures that are overdue or fall due within 30 days.
Hidden when there are none."""

from django.utils import timezone

from qogam.core.dashboards import Panel, register_panel
from qogam.strategy import queries


def _my_measures(request):
    user, viewer = request.user, request.viewer
    # Only staff own measures; students, partners and the public cost no query here.
    if not user.is_authenticated or not viewer.staff_university_ids:
        return None
    overdue, soon = queries.my_open_measures(user, timezone.localdate())
    if not overdue and not soon:
        return None
    return {"overdue": overdue, "soon": soon}


register_panel(Panel("strategy-measures", "strategy/panels/my_measures.html", _my_measures, 22))
