from django.utils.translation import gettext_lazy as _

from qogam.core.navigation import NavItem, register_nav_item

register_nav_item(
    NavItem("notices", _("Notices"), "notifications:inbox", lambda r: r.user.is_authenticated, 70)
)
