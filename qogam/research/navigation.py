from django.utils.translation import gettext_lazy as _

from qogam.core.navigation import NavItem, register_nav_item

# Studies and the science shop are read by everyone, by each record's visibility.
register_nav_item(
    NavItem("research", _("Research"), "research:list", lambda r: True, 60, section="research")
)
