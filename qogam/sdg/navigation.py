"""Navigation item of the SDG profile: for the staff who may read their university's."""

from django.utils.translation import gettext_lazy as _

from qogam.core.navigation import NavItem, register_nav_item

register_nav_item(
    NavItem(
        "sdg",
        _("SDGs"),
        "sdg:profile",
        lambda request: request.user.has_perm("sdg.view_profile"),
        72,
        section="sdg",
    )
)
