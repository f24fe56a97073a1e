from django.utils.translation import gettext_lazy as _

from qogam.core.navigation import NavItem, register_nav_item

register_nav_item(
    NavItem(
        "coverage",
        _("In the media"),
        "coverage:list",
        lambda request: request.user.has_perm("coverage.view_coverage_list"),
        70,
        section="coverage",
    )
)
