"""Reads about volunteering shared by the pages and the API."""

from datetime import date, datetime, time

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from qogam.core.enums import Role, Visibility
from qogam.core.i18n import CONTENT_LANGUAGES
from qogam.core.measures import with_sdgs
from qogam.core.visibility import Viewer, visible_to
from qogam.organisations.models import Unit, University
from qogam.partners.models import PartnerOrganisation
from qogam.projects.models import Project
from qogam.volunteering.enums import ACTIVE_STATUSES, OpportunityStatus, SignUpStatus
from qogam.volunteering.models import Opportunity, Shift, SignUp
from qogam.volunteering.rules import CREATOR_ROLES


def _all_opportunities() -> QuerySet[Opportunity]:
    # Only ever narrowed by the rules below, which decide what is read.
    return Opportunity.objects.with_scopes_disabled()


def opportunities_visible_to(viewer: Viewer) -> QuerySet[Opportunity]:
    """Opportunities the viewer may read: visible_to(), plus the private ones offered to the
    students of their university and those of a partner the viewer represents; drafts only
    for their university's staff."""
    qs = visible_to(Opportunity, viewer)
    students_at = sorted(viewer.university_ids_with(Role.STUDENT))
    if students_at:
        qs = qs | _all_opportunities().filter(
            university__in=students_at, visibility=Visibility.PRIVATE
        )
    if viewer.user_id:
        qs = qs | _all_opportunities().filter(
            partner__contacts__user_id=viewer.user_id, partner__contacts__is_representative=True
        )
    if not viewer.is_network_admin:
        qs = qs.filter(
            ~Q(status=OpportunityStatus.DRAFT)
            | Q(university__in=sorted(viewer.staff_university_ids))
        )
    return qs.distinct().select_related("university", "unit")


def filter_opportunities(
    qs: QuerySet[Opportunity],
    *,
    q: str = "",
    kind: str = "",
    unit: Unit | None = None,
    on_or_after: date | None = None,
    status: str = "",
    sdg: int | None = None,
) -> QuerySet[Opportunity]:
    if sdg:
        # An opportunity serves its own goals and those of the project it belongs to.
        qs = with_sdgs(qs, [sdg]) | with_sdgs(qs, [sdg], "project__sdgs")
    if q:
        term = q.strip()
        match = Q()
        for code in CONTENT_LANGUAGES:
            match |= Q(**{f"title_{code}__icontains": term})
            match |= Q(**{f"description_{code}__icontains": term})
        match |= Q(location__icontains=term) | Q(skills__icontains=term)
        qs = qs.filter(match)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if unit is not None:
        qs = qs.filter(unit=unit)
    if on_or_after is not None:
        start = timezone.make_aware(datetime.combine(on_or_after, time.min))
        qs = qs.filter(
            pk__in=Shift.objects.with_scopes_disabled()
            .filter(starts_at__gte=start)
            .values("opportunity_id")
        )
    return qs


def shifts_of(opportunity: Opportunity) -> QuerySet[Shift]:
    """The opportunity's shifts with `confirmed` and `waiting` counts."""
    return (
        Shift.objects.with_scopes_disabled()
        .filter(opportunity=opportunity)
        .annotate(
            confirmed=Count("sign_ups", filter=Q(sign_ups__status=SignUpStatus.CONFIRMED)),
            waiting=Count("sign_ups", filter=Q(sign_ups__status=SignUpStatus.WAITLISTED)),
        )
        .order_by("starts_at", "pk")
    )


def active_sign_ups_of(user, shifts) -> dict[int, SignUp]:
    """The person's active sign-up on each of `shifts`, by shift id."""
    if not user.is_authenticated:
        return {}
    rows = SignUp.objects.with_scopes_disabled().filter(
        student=user, shift__in=list(shifts), status__in=ACTIVE_STATUSES
    )
    return {row.shift_id: row for row in rows}


def waiting_position(sign_up: SignUp) -> int | None:
    if sign_up.status != SignUpStatus.WAITLISTED:
        return None
    ahead = SignUp.objects.with_scopes_disabled().filter(
        shift_id=sign_up.shift_id, status=SignUpStatus.WAITLISTED
    )
    ahead = ahead.filter(
        Q(created_at__lt=sign_up.created_at) | Q(created_at=sign_up.created_at, pk__lt=sign_up.pk)
    )
    return ahead.count() + 1


def roster_of(shift: Shift) -> QuerySet[SignUp]:
    return (
        SignUp.objects.with_scopes_disabled()
        .filter(shift=shift)
        .select_related("student")
        .order_by("status", "created_at", "pk")
    )


def sign_ups_of(user) -> QuerySet[SignUp]:
    """The person's own sign-ups, soonest first."""
    return (
        SignUp.objects.with_scopes_disabled()
        .filter(student=user)
        .select_related("shift__opportunity__university")
        .order_by("-shift__starts_at", "pk")
    )


def readable_shift(viewer: Viewer, public_id) -> Shift | None:
    return (
        Shift.objects.with_scopes_disabled()
        .filter(public_id=public_id, opportunity__in=opportunities_visible_to(viewer))
        .select_related("opportunity", "opportunity__unit")
        .first()
    )


def universities_for_new_opportunities(viewer: Viewer) -> QuerySet[University]:
    qs = University.objects.filter(is_active=True).order_by("slug")
    if viewer.is_network_admin:
        return qs
    return qs.filter(pk__in=sorted(viewer.university_ids_with(*CREATOR_ROLES)))


def units_of(university_ids) -> QuerySet[Unit]:
    return Unit.objects.with_scopes_disabled().filter(university__in=list(university_ids))


def projects_of(university_ids) -> QuerySet[Project]:
    return Project.objects.with_scopes_disabled().filter(university__in=list(university_ids))


def partners_of(university_ids) -> QuerySet[PartnerOrganisation]:
    return PartnerOrganisation.objects.with_scopes_disabled().filter(
        university__in=list(university_ids)
    )


def readable_sign_up(user, public_id) -> SignUp | None:
    """The person's own sign-up, or one on a roster they manage; None otherwise."""
    if not user.is_authenticated:
        return None
    record = (
        SignUp.objects.with_scopes_disabled()
        .select_related("shift__opportunity", "student")
        .filter(public_id=public_id)
        .first()
    )
    if record is None:
        return None
    if record.student_id == user.pk or user.has_perm(
        "volunteering.manage_opportunity", record.shift.opportunity
    ):
        return record
    return None
