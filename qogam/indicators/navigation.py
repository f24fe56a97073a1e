"""Navigation item of indicators: for everyone who reads a university's figures."""

from django.utils.translation import gettext_lazy as _

from qogam.core.navigation import NavItem, register_nav_item

register_nav_item(
    NavItem(
        "indicators",
        _("Indicators"),
        "indicators:dashboard",
        lambda request: request.user.has_perm("indicators.view_dashboard"),
        70,
        section="indicators",
    )
)
