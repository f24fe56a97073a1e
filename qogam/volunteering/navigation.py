from django.utils.translation import gettext_lazy as _

from qogam.core.navigation import NavItem, register_nav_item


def _sees_volunteering(request) -> bool:
    # Public opportunities are public: everyone, signed in or not, may look for one.
    return True


register_nav_item(
    NavItem(
        "volunteering",
        _("Volunteering"),
        "volunteering:list",
        _sees_volunteering,
        47,
        section="volunteering",
    )
)
