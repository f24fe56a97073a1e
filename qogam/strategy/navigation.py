from django.utils.translation import gettext_lazy as _

from qogam.core.navigation import NavItem, register_nav_item

register_nav_item(
    NavItem(
        "strategy",
        _("Strategy"),
        "strategy:list",
        lambda request: request.user.has_perm("strategy.view_strategy_list"),
        65,
        section="strategy",
    )
)
