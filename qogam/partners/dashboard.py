"""Home panels: partnerships needing attention, and a representative's own organisation."""

from django.db.models import Q

from qogam.core.dashboards import Panel, register_panel
from qogam.core.enums import Role
from qogam.partners import queries
from qogam.partners.enums import AgreementStatus
from qogam.partners.rules import PARTNERSHIP_ROLES

# The panel lists this many agreements at most, soonest end first.
PANEL_ITEMS = 8


def _attention(request):
    """Agreements of the person's universities that are expiring or have just expired."""
    if not request.user.has_perm("partners.manage_partners"):
        return None
    viewer = request.viewer
    agreements = queries.agreements_visible_to(viewer).filter(
        current_status__in=[AgreementStatus.EXPIRING, AgreementStatus.EXPIRED]
    )
    if not viewer.is_network_admin:
        agreements = agreements.filter(
            university__in=sorted(viewer.university_ids_with(*PARTNERSHIP_ROLES))
        )
    expiring = list(
        agreements.filter(current_status=AgreementStatus.EXPIRING).order_by("ends_on")[:PANEL_ITEMS]
    )
    expired = list(
        agreements.filter(current_status=AgreementStatus.EXPIRED).order_by("-ends_on")[:PANEL_ITEMS]
    )
    if not expiring and not expired:
        return None  # nothing needs attention: no panel
    return {"expiring": expiring, "expired": expired}


def _my_organisation(request):
    """For a partner's representative: their organisation, its agreements, a link to edit."""
    user = request.user
    if not user.is_authenticated:
        return None
    organisations = list(queries.represented_by(user).select_related("university").distinct())
    if not organisations:
        # A partner's representative whose account is not linked yet is told how to fix it.
        return (
            {"organisations": [], "agreements": []}
            if Role.PARTNER in request.viewer.roles
            else None
        )
    agreements = list(
        queries.agreements_visible_to(request.viewer)
        .filter(Q(organisation__in=organisations) | Q(other_parties__in=organisations))
        .distinct()
        .order_by("-starts_on")[:PANEL_ITEMS]
    )
    return {"organisations": organisations, "agreements": agreements}


register_panel(Panel("partners-attention", "partners/panels/attention.html", _attention, 25))
register_panel(
    Panel("my-organisation", "partners/panels/my_organisation.html", _my_organisation, 12)
)
