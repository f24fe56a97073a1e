from django.utils.translation import gettext_lazy as _

from qogam.core.navigation import NavItem, register_nav_item

# Councils with network or public visibility are readable by everyone, so the list is too.
register_nav_item(
    NavItem(
        "councils", _("Councils"), "councils:list", lambda request: True, 55, section="councils"
    )
)
