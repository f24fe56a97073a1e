"""Navigation item of reports: for the staff who read their university's reports."""

from django.utils.translation import gettext_lazy as _

from qogam.core.navigation import NavItem, register_nav_item

register_nav_item(
    NavItem(
        "reports",
        _("Reports"),
        "reports:list",
        lambda request: request.user.has_perm("reports.view_reports"),
        75,
        section="reports",
    )
)
