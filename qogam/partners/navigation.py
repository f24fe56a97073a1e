from django.utils.translation import gettext_lazy as _

from qogam.core.navigation import NavItem, register_nav_item
from qogam.partners.queries import represents_a_partner


def _sees_partners(request) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    if user.has_perm("partners.manage_partners") or request.viewer.staff_university_ids:
        return True
    # A representative keeps their own organisation's record: one small query, for them only.
    return represents_a_partner(request)


register_nav_item(
    NavItem("partners", _("Partners"), "partners:list", _sees_partners, 40, section="partners")
)
