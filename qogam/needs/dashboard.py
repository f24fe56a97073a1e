"""The needs' entry in the main navigation and their panel on the home page."""

from django.utils.translation import gettext_lazy as _

from qogam.core.dashboards import Panel, register_panel
from qogam.core.navigation import NavItem, register_nav_item
from qogam.needs import queries
from qogam.needs.rules import DECIDER_ROLES, MODERATOR_ROLES


def _awaiting(request):
    """Needs waiting for the university: to moderate, and published but not yet answered."""
    viewer = request.viewer
    ids = queries.universities_where(viewer, *DECIDER_ROLES)
    if ids == []:
        return None
    moderated = queries.universities_where(viewer, *MODERATOR_ROLES)
    to_moderate = None
    if moderated != []:
        to_moderate = queries.to_moderate_count(moderated)
    return {"needs": queries.awaiting_decision(ids), "to_moderate": to_moderate}


register_panel(Panel("needs-awaiting", "needs/panels/awaiting.html", _awaiting, 25))
register_nav_item(
    NavItem("needs", _("Community needs"), "needs:list", lambda r: True, 40, section="needs")
)
