from django.utils.translation import gettext_lazy as _

from qogam.core.navigation import NavItem, register_nav_item
from qogam.partners.queries import represents_a_partner
from qogam.volunteering.overview import opportunities_managed_by


def _sees_volunteering(request) -> bool:
    # Public opportunities are public: everyone, signed in or not, may look for one.
    return True


def _sees_overview(request) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    if user.has_perm("volunteering.create_opportunities"):
        return True
    # A project's responsible staff run its opportunities: one small query, for staff only.
    if not request.viewer.staff_university_ids:
        return False
    return opportunities_managed_by(user).exists()


def _sees_partner_view(request) -> bool:
    user = request.user
    if not user.is_authenticated or request.viewer.staff_university_ids:
        return False
    # A representative of a partner organisation: one small query, for non-staff only.
    return represents_a_partner(request)


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
register_nav_item(
    NavItem(
        "volunteering-overview",
        _("Volunteering overview"),
        "volunteering:overview",
        _sees_overview,
        48,
    )
)
register_nav_item(
    NavItem(
        "volunteering-partner", _("Our volunteers"), "volunteering:partner", _sees_partner_view, 48
    )
)
