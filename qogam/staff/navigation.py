from django.utils.translation import gettext_lazy as _

from qogam.core.navigation import NavItem, register_nav_item

register_nav_item(
    NavItem(
        "staff",
        _("Third-mission work"),
        "staff:mine",
        lambda request: request.user.has_perm("staff.view_own_activity"),
        66,
        section="staff",
    )
)
