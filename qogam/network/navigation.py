"""Navigation item of the network: for its members' people and its administrators."""

from django.utils.translation import gettext_lazy as _

from qogam.core.navigation import NavItem, register_nav_item

register_nav_item(
    NavItem(
        "network",
        _("Network"),
        "network:home",
        lambda request: request.user.has_perm("network.view_network"),
        80,
        section="network",
    )
)
