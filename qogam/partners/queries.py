"""Reads about partners shared by pages, exports, the API and the partnership view."""

from datetime import date, timedelta

from django.db.models import Case, CharField, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from qogam.core.i18n import fallback_order
from qogam.core.partnership import Activity, activity_sources
from qogam.core.visibility import Viewer, visible_to
from qogam.organisations.models import University
from qogam.partners.enums import AgreementState, AgreementStatus, PartnershipHealth
from qogam.partners.models import EXPIRING_WITHIN_DAYS, Agreement, Contact, PartnerOrganisation
from qogam.partners.rules import PARTNERSHIP_ROLES

# A partner with nothing done together for this long is "dormant".
DORMANT_AFTER_DAYS = 365


def organisations_visible_to(viewer: Viewer) -> QuerySet[PartnerOrganisation]:
    """Partners the viewer may read; a representative also reads their own organisation."""
    qs = visible_to(PartnerOrganisation, viewer)
    if viewer.user_id:
        own = PartnerOrganisation.objects.with_scopes_disabled().filter(
            contacts__user_id=viewer.user_id, contacts__is_representative=True
        )
        qs = qs | own
    return qs.distinct()


def with_display_name(qs: QuerySet[PartnerOrganisation]) -> QuerySet[PartnerOrganisation]:
    """Annotate `display_name`: the name as the reader sees it (their language, then kk, ru, en)."""
    return qs.annotate(
        display_name=Coalesce(
            *[NullIf(F(f"name_{code}"), Value("")) for code in fallback_order()],
            output_field=CharField(),
        )
    )


def represented_by(user) -> QuerySet[PartnerOrganisation]:
    """The organisations this person represents."""
    return PartnerOrganisation.objects.with_scopes_disabled().filter(
        contacts__user=user, contacts__is_representative=True
    )


def represents_a_partner(request) -> bool:
    """Whether the signed-in person represents an organisation: one small query, asked once
    per request however many menu items want to know."""
    if not hasattr(request, "_represents_a_partner"):
        user = request.user
        request._represents_a_partner = user.is_authenticated and represented_by(user).exists()
    return request._represents_a_partner


def contacts_visible_to(viewer: Viewer, organisation: PartnerOrganisation) -> QuerySet[Contact]:
    """An organisation's contacts, or none: they are shown to staff and representatives only."""
    contacts = Contact.objects.with_scopes_disabled().filter(organisation=organisation)
    if viewer.is_network_admin or organisation.university_id in viewer.staff_university_ids:
        return contacts
    if viewer.user_id and contacts.filter(user_id=viewer.user_id, is_representative=True).exists():
        return contacts
    return contacts.none()


def with_status(qs: QuerySet[Agreement], today: date | None = None) -> QuerySet[Agreement]:
    """Annotate `current_status`, the same rule as Agreement.status_on(), in the database."""
    today = today or timezone.localdate()
    soon = today + timedelta(days=EXPIRING_WITHIN_DAYS)
    return qs.annotate(
        current_status=Case(
            When(state=AgreementState.DRAFT, then=Value(AgreementStatus.DRAFT)),
            When(state=AgreementState.TERMINATED, then=Value(AgreementStatus.TERMINATED)),
            When(ends_on__lt=today, then=Value(AgreementStatus.EXPIRED)),
            When(ends_on__lte=soon, then=Value(AgreementStatus.EXPIRING)),
            default=Value(AgreementStatus.ACTIVE),
            output_field=CharField(),
        )
    )


def agreements_visible_to(viewer: Viewer) -> QuerySet[Agreement]:
    qs = visible_to(Agreement, viewer)
    if viewer.user_id:
        own = Agreement.objects.with_scopes_disabled().filter(
            organisation__contacts__user_id=viewer.user_id,
            organisation__contacts__is_representative=True,
        )
        qs = qs | own
    return with_status(qs.distinct().select_related("organisation", "university"))


def agreement_activities(organisation: PartnerOrganisation, viewer: Viewer) -> list[Activity]:
    agreements = agreements_visible_to(viewer).filter(
        Q(organisation=organisation) | Q(other_parties=organisation)
    )
    return [
        Activity(
            on=a.signed_on or a.starts_on,
            title=str(a),
            url=a.get_absolute_url(),
            kind=a.get_kind_display(),
        )
        for a in agreements.distinct()
    ]


def partnership(organisation: PartnerOrganisation, viewer: Viewer) -> dict:
    """Everything the viewer may see done with a partner, its last date and its health."""
    sections = []
    latest: date | None = None
    for source in activity_sources():
        items = sorted(source.activities(organisation, viewer), key=lambda a: a.on, reverse=True)
        if items:
            latest = max(latest or items[0].on, items[0].on)
        sections.append({"key": source.key, "label": source.label, "activities": items})
    today = timezone.localdate()
    active = latest is not None and (today - latest).days <= DORMANT_AFTER_DAYS
    return {
        "sections": sections,
        "last_interaction": latest,
        "health": PartnershipHealth.ACTIVE if active else PartnershipHealth.DORMANT,
    }


def universities_managed_by(viewer: Viewer) -> QuerySet[University]:
    """Universities where the viewer may add partners and agreements, or import them."""
    universities = University.objects.filter(is_active=True).order_by("name")
    if viewer.is_network_admin:
        return universities
    return universities.filter(pk__in=sorted(viewer.university_ids_with(*PARTNERSHIP_ROLES)))
