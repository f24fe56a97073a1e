from django.utils.translation import gettext_lazy as _

from qogam.core.navigation import NavItem, register_nav_item


def _sees_projects(request) -> bool:
    # Every member of a university reads its projects; the public reads public ones on the
    # list page itself, without a place in the menu.
    return request.user.is_authenticated and bool(
        request.viewer.university_ids or request.viewer.is_network_admin
    )


register_nav_item(
    NavItem("projects", _("Projects"), "projects:list", _sees_projects, 45, section="projects")
)
