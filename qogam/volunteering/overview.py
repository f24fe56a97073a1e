"""Reads for the coordinator's overview and the partner representative's view.

Every figure is one aggregate query over the opportunities the reader may run (or whose
partner they represent), so a page costs the same number of queries with ten records or ten
thousand. The set of opportunities is the gate: every query below starts from it, never from a
university's whole table.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import (
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from qogam.core.enums import Role
from qogam.core.visibility import Viewer, viewer_of
from qogam.organisations.models import Unit
from qogam.organisations.queries import units_beneath
from qogam.partners.models import PartnerOrganisation
from qogam.partners.queries import represented_by
from qogam.projects.models import Project
from qogam.volunteering.enums import Attendance, HoursStatus, OpportunityStatus, SignUpStatus
from qogam.volunteering.models import HoursEntry, Opportunity, Shift, SignUp
from qogam.volunteering.rules import OFFICE_ROLES

# How many rows a section lists at most; the counts above each list are always complete.
LIST_LIMIT = 50
TOP_STUDENTS = 20
# The partner view shows shifts from this many days back (their attendance and hours).
PARTNER_DAYS_BACK = 30


def _opportunities() -> QuerySet[Opportunity]:
    # Narrowed below by the same rules as volunteering.manage_opportunity / represents_partner.
    return Opportunity.objects.with_scopes_disabled()


def _coordinated_units(viewer: Viewer) -> set[int]:
    """The units the viewer coordinates, and every unit beneath them."""
    coordinated: set[int] = set()
    for university_id in viewer.university_ids_with(Role.UNIT_COORDINATOR):
        coordinated |= viewer.unit_ids_with(university_id, Role.UNIT_COORDINATOR)
    return units_beneath(coordinated)


def opportunities_managed_by(user) -> QuerySet[Opportunity]:
    """The opportunities `user` may run: the queryset form of volunteering.manage_opportunity
    (the network's administrators; the university's administrators and office; a unit's
    coordinator for the unit and the units beneath it; the responsible staff of the project)."""
    if not getattr(user, "is_authenticated", False):
        return _opportunities().none()
    viewer = viewer_of(user)
    if viewer.is_network_admin:
        return _opportunities().all()
    q = Q(project__in=Project.objects.with_scopes_disabled().filter(responsible=user).values("pk"))
    office = viewer.university_ids_with(*OFFICE_ROLES)
    if office:
        q |= Q(university__in=sorted(office))
    coordinated = _coordinated_units(viewer)
    if coordinated:
        q |= Q(unit__in=sorted(coordinated))
    return _opportunities().filter(q)


def overview_units(user) -> QuerySet[Unit]:
    """The units to filter the overview by: those of the reader's universities they run, the
    units they coordinate and those beneath, and the units of opportunities they run."""
    units = Unit.objects.with_scopes_disabled()
    viewer = viewer_of(user)
    if viewer.is_network_admin:
        return units.all()
    q = Q(pk__in=opportunities_managed_by(user).exclude(unit=None).values("unit"))
    office = viewer.university_ids_with(*OFFICE_ROLES)
    if office:
        q |= Q(university__in=sorted(office))
    coordinated = _coordinated_units(viewer)
    if coordinated:
        q |= Q(pk__in=sorted(coordinated))
    return units.filter(q)


def may_open_overview(user) -> bool:
    """Whoever may create opportunities somewhere, or runs one as a project's staff."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.has_perm("volunteering.create_opportunities"):
        return True
    return opportunities_managed_by(user).exists()


@dataclass(frozen=True)
class OverviewFilters:
    opportunity: Opportunity | None = None
    unit: Unit | None = None
    starts_on: date | None = None
    ends_on: date | None = None

    def narrow(self, opportunities: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
        if self.opportunity is not None:
            opportunities = opportunities.filter(pk=self.opportunity.pk)
        if self.unit is not None:
            opportunities = opportunities.filter(unit__in=sorted(units_beneath([self.unit.pk])))
        return opportunities

    def window(self, prefix: str = "") -> Q:
        """Shifts starting within the date range (both days included)."""
        q = Q()
        if self.starts_on is not None:
            start = timezone.make_aware(datetime.combine(self.starts_on, time.min))
            q &= Q(**{f"{prefix}starts_at__gte": start})
        if self.ends_on is not None:
            end = timezone.make_aware(datetime.combine(self.ends_on + timedelta(days=1), time.min))
            q &= Q(**{f"{prefix}starts_at__lt": end})
        return q


def _shifts() -> QuerySet[Shift]:
    return Shift.objects.with_scopes_disabled()


def _with_places(shifts: QuerySet[Shift]) -> QuerySet[Shift]:
    return shifts.annotate(
        confirmed=Count("sign_ups", filter=Q(sign_ups__status=SignUpStatus.CONFIRMED)),
        waiting=Count("sign_ups", filter=Q(sign_ups__status=SignUpStatus.WAITLISTED)),
    )


def upcoming_shifts(
    opportunities: QuerySet[Opportunity], filters: OverviewFilters, *, now: datetime
) -> QuerySet[Shift]:
    """Shifts still to come, soonest first, with `confirmed` and `waiting` counts."""
    return (
        _with_places(
            _shifts().filter(filters.window(), opportunity__in=opportunities, starts_at__gte=now)
        )
        .select_related("opportunity")
        .order_by("starts_at", "pk")
    )


def no_shows(
    opportunities: QuerySet[Opportunity], filters: OverviewFilters, *, now: datetime
) -> QuerySet[SignUp]:
    """Confirmed volunteers of shifts that have started who were recorded as absent."""
    return (
        SignUp.objects.with_scopes_disabled()
        .filter(
            filters.window("shift__"),
            shift__opportunity__in=opportunities,
            shift__starts_at__lt=now,
            status=SignUpStatus.CONFIRMED,
            attendance=Attendance.ABSENT,
        )
        .select_related("student", "shift__opportunity")
        .order_by("-shift__starts_at", "pk")
    )


def attendance_to_record(
    opportunities: QuerySet[Opportunity], filters: OverviewFilters, *, now: datetime
) -> QuerySet[Shift]:
    """Shifts that have ended with confirmed volunteers whose attendance is not recorded;
    `unrecorded` counts them."""
    return (
        _shifts()
        .filter(filters.window(), opportunity__in=opportunities, ends_at__lte=now)
        .annotate(
            unrecorded=Count(
                "sign_ups",
                filter=Q(
                    sign_ups__status=SignUpStatus.CONFIRMED,
                    sign_ups__attendance=Attendance.UNKNOWN,
                ),
            )
        )
        .filter(unrecorded__gt=0)
        .select_related("opportunity")
        .order_by("-starts_at", "pk")
    )


def hours_awaiting(
    opportunities: QuerySet[Opportunity], filters: OverviewFilters | None = None
) -> QuerySet[Opportunity]:
    """Opportunities with hours logged and not yet verified: `entries` and `hours` each."""
    logged = Q(shifts__hours_entries__status=HoursStatus.LOGGED)
    if filters is not None:
        logged &= filters.window("shifts__")
    return (
        opportunities.annotate(
            entries=Count("shifts__hours_entries", filter=logged),
            hours=Sum("shifts__hours_entries__hours", filter=logged),
        )
        .filter(entries__gt=0)
        .order_by("-entries", "pk")
    )


def students_by_hours(
    opportunities: QuerySet[Opportunity], filters: OverviewFilters, *, limit: int = TOP_STUDENTS
) -> list[dict]:
    """The students with the most verified hours on these opportunities: dicts with
    `student_id`, `name`, `email`, `total` and `entries`, most hours first."""
    rows = (
        HoursEntry.objects.with_scopes_disabled()
        .filter(
            filters.window("shift__"),
            shift__opportunity__in=opportunities,
            status=HoursStatus.VERIFIED,
        )
        .order_by()
        .values("student_id", "student__full_name", "student__email")
        .annotate(total=Sum("hours"), entries=Count("pk"))
        .order_by("-total", "student__full_name", "student_id")[:limit]
    )
    return [
        {
            "student_id": row["student_id"],
            "name": row["student__full_name"] or row["student__email"],
            "email": row["student__email"],
            "total": row["total"] or Decimal("0"),
            "entries": row["entries"],
        }
        for row in rows
    ]


def verified_hours_total(opportunities: QuerySet[Opportunity], filters: OverviewFilters) -> dict:
    """All verified hours on these opportunities, and how many students gave them."""
    totals = (
        HoursEntry.objects.with_scopes_disabled()
        .filter(
            filters.window("shift__"),
            shift__opportunity__in=opportunities,
            status=HoursStatus.VERIFIED,
        )
        .aggregate(hours=Sum("hours"), students=Count("student", distinct=True))
    )
    return {"hours": totals["hours"] or Decimal("0"), "students": totals["students"]}


def fill_rates(
    opportunities: QuerySet[Opportunity], filters: OverviewFilters
) -> QuerySet[Opportunity]:
    """Opportunities with shifts, least filled first: `places` (the shifts' capacity),
    `confirmed` (confirmed sign-ups) and `fill_rate` (per cent).

    Two subqueries, because summing capacity over a join with the sign-ups would count each
    shift's places once per sign-up.
    """
    shifts = _shifts().filter(filters.window(), opportunity=OuterRef("pk")).order_by()
    places = shifts.values("opportunity").annotate(total=Sum("capacity")).values("total")
    confirmed = (
        SignUp.objects.with_scopes_disabled()
        .filter(
            filters.window("shift__"),
            shift__opportunity=OuterRef("pk"),
            status=SignUpStatus.CONFIRMED,
        )
        .order_by()
        .values("shift__opportunity")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return (
        opportunities.annotate(
            places=Coalesce(Subquery(places, output_field=IntegerField()), Value(0)),
            confirmed=Coalesce(Subquery(confirmed, output_field=IntegerField()), Value(0)),
        )
        .filter(places__gt=0)
        .annotate(
            fill_rate=ExpressionWrapper(
                Cast(F("confirmed"), FloatField()) * 100.0 / Cast(F("places"), FloatField()),
                output_field=FloatField(),
            )
        )
        .order_by("fill_rate", "pk")
    )


# --- The partner representative's view ------------------------------------------------------


def organisations_represented_by(user) -> list[PartnerOrganisation]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(represented_by(user).select_related("university").distinct().order_by("pk"))


def partner_opportunities(organisations: list[PartnerOrganisation]) -> QuerySet[Opportunity]:
    """The opportunities of the organisations (of any university), drafts left out: a draft
    is not offered yet and its page is closed to the partner."""
    return (
        _opportunities()
        .filter(partner__in=[o.pk for o in organisations])
        .exclude(status=OpportunityStatus.DRAFT)
        .select_related("university", "partner")
        .order_by("pk")
    )


def partner_shifts(
    opportunities: QuerySet[Opportunity], *, now: datetime, limit: int = LIST_LIMIT
) -> list[Shift]:
    """Shifts from PARTNER_DAYS_BACK days ago on, with `confirmed`, `waiting` and `volunteers`
    (the confirmed sign-ups with the student): two queries whatever the number of shifts."""
    since = now - timedelta(days=PARTNER_DAYS_BACK)
    shifts = list(
        _with_places(_shifts().filter(opportunity__in=opportunities, starts_at__gte=since))
        .select_related("opportunity")
        .order_by("starts_at", "pk")[:limit]
    )
    volunteers: dict[int, list[SignUp]] = {shift.pk: [] for shift in shifts}
    for row in (
        SignUp.objects.with_scopes_disabled()
        .filter(shift__in=[shift.pk for shift in shifts], status=SignUpStatus.CONFIRMED)
        .select_related("student")
        .order_by("created_at", "pk")
    ):
        volunteers[row.shift_id].append(row)
    for shift in shifts:
        shift.volunteers = volunteers[shift.pk]  # type: ignore[attr-defined]
    return shifts


def coordinator_counts(opportunities: QuerySet[Opportunity], *, now: datetime) -> dict[str, int]:
    """For the home panel: shifts with attendance to record, hours entries to verify."""
    shifts = attendance_to_record(opportunities, OverviewFilters(), now=now).count()
    hours = (
        HoursEntry.objects.with_scopes_disabled()
        .filter(shift__opportunity__in=opportunities, status=HoursStatus.LOGGED)
        .count()
    )
    return {"attendance": shifts, "hours": hours}
