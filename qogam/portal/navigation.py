from django.utils.translation import gettext_lazy as _

from qogam.core.navigation import NavItem, register_nav_item


def _signed_in(request) -> bool:
    # Visitors reach the portal from the university's website; the signed-in see, from the
    # menu, what their university shows to the public.
    return request.user.is_authenticated


register_nav_item(NavItem("portal", _("Public site"), "portal:home", _signed_in, 190))
