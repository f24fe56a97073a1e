"""Measures of volunteering: volunteers, verified hours, service-learning, opportunities
(qogam.core.measures).

Hours belong to the university whose opportunity they were given on (HoursEntry.university
is the shift's), so a university counts the students of other universities of the network
who volunteered on its opportunities too. A shift is in the period when it starts on one of
the period's days, in the local time zone.
"""

from collections import defaultdict
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db.models import OuterRef, QuerySet, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qogam.accounts.models import Membership
from qogam.core.enums import Role
from qogam.core.measures import (
    DISTINCT,
    ROWS,
    SUM,
    Measure,
    MeasureScope,
    ProvenanceRow,
    register_measure,
    sdg_choices,
    visibility_choices,
    with_sdgs,
)
from qogam.core.periods import academic_year_bounds, academic_year_label, academic_year_of
from qogam.organisations.queries import counted_units
from qogam.partners.measures import partner_kinds
from qogam.projects.enums import ProjectKind
from qogam.projects.models import Project
from qogam.volunteering.enums import HoursStatus, OpportunityStatus
from qogam.volunteering.models import Enrolment, HoursEntry, Opportunity, Shift


def opportunity_kinds():
    return ProjectKind.choices


def period_moments(scope: MeasureScope) -> tuple[datetime, datetime]:
    """[first day 00:00, the day after the last 00:00) in the local time zone."""
    start = timezone.make_aware(datetime.combine(scope.starts_on, time.min))
    end = timezone.make_aware(datetime.combine(scope.ends_on + timedelta(days=1), time.min))
    return start, end


# --- Hours -----------------------------------------------------------------------------------


def _entries(scope: MeasureScope, *, by_student_unit: bool = False) -> QuerySet[HoursEntry]:
    """Hours entries of the period. A unit narrows to the opportunity's unit, or, with
    `by_student_unit`, to the students recorded in the unit: a share of a unit's students
    must count that unit's students, whichever unit offered the opportunity."""
    start, end = period_moments(scope)
    qs = HoursEntry.objects.filter(
        university_id=scope.university_id, shift__starts_at__gte=start, shift__starts_at__lt=end
    )
    units = counted_units(scope)
    if units is not None and by_student_unit:
        students = Membership.objects.filter(
            university_id=scope.university_id, role=Role.STUDENT, unit_id__in=sorted(units)
        )
        qs = qs.filter(student_id__in=students.values("user_id"))
    elif units is not None:
        qs = qs.filter(shift__opportunity__unit_id__in=sorted(units))
    if kinds := scope.values("kind"):
        qs = qs.filter(shift__opportunity__kind__in=kinds)
    if goals := scope.values("sdg"):
        # Opportunities carry no goals of their own: those of the project they serve count.
        tagged = with_sdgs(Project.objects.filter(university_id=scope.university_id), goals)
        qs = qs.filter(shift__opportunity__project_id__in=tagged.values("pk"))
    if kinds := scope.values("partner_kind"):
        qs = qs.filter(shift__opportunity__partner__kind__in=kinds)
    return qs.order_by("shift__starts_at", "pk")


def verified_entries(scope: MeasureScope) -> QuerySet[HoursEntry]:
    return _entries(scope).filter(status=HoursStatus.VERIFIED)


def verified_entries_of_students(scope: MeasureScope) -> QuerySet[HoursEntry]:
    return _entries(scope, by_student_unit=True).filter(status=HoursStatus.VERIFIED)


def entries_not_rejected(scope: MeasureScope) -> QuerySet[HoursEntry]:
    return _entries(scope).exclude(status=HoursStatus.REJECTED)


def entry_row(entry: HoursEntry) -> ProvenanceRow:
    opportunity = entry.shift.opportunity
    return ProvenanceRow(
        title=f"{entry.student} · {opportunity.title}",
        url=opportunity.get_absolute_url(),
        on=timezone.localdate(entry.shift.starts_at),
        detail=str(
            _("%(hours)s h · %(status)s")
            % {"hours": entry.hours, "status": entry.get_status_display()}
        ),
        counted=entry.student_id,
    )


def entry_hours_row(entry: HoursEntry) -> ProvenanceRow:
    row = entry_row(entry)
    return ProvenanceRow(row.title, row.url, row.on, row.detail, entry.hours)


# --- Service-learning ------------------------------------------------------------------------


def _completed_enrolments(enrolments: QuerySet[Enrolment], year: int) -> set[int]:
    """The enrolments of `year` whose student has the verified hours their course requires,
    counted as volunteering.academic counts them: shifts starting within the academic year,
    of the course's kinds (every kind when it names none), on any university's opportunity."""
    rows = list(
        enrolments.filter(academic_year=year).values_list(
            "pk", "student_id", "course__kinds", "course__required_hours"
        )
    )
    if not rows:
        return set()
    start, end = academic_year_bounds(year)
    # A student's hours span universities (network and public opportunities).
    totals = (
        HoursEntry.objects.with_scopes_disabled()
        .filter(
            status=HoursStatus.VERIFIED,
            shift__starts_at__gte=start,
            shift__starts_at__lt=end,
            student_id__in=enrolments.filter(academic_year=year).values("student_id"),
        )
        .order_by()
        .values_list("student_id", "shift__opportunity__kind")
        .annotate(total=Sum("hours"))
    )
    by_student: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for student_id, kind, total in totals:
        by_student[student_id][kind] = total
    completed = set()
    for pk, student_id, kinds, required in rows:
        hours = by_student.get(student_id, {})
        verified = sum(
            (total for kind, total in hours.items() if not kinds or kind in kinds), Decimal(0)
        )
        if required and verified >= required:
            completed.add(pk)
    return completed


def service_learning_completions(scope: MeasureScope) -> QuerySet[Enrolment]:
    enrolments = Enrolment.objects.filter(
        university_id=scope.university_id, course__service_learning=True
    )
    units = counted_units(scope)
    if units is not None:
        enrolments = enrolments.filter(course__unit_id__in=sorted(units))
    completed: set[int] = set()
    for year in range(academic_year_of(scope.starts_on), academic_year_of(scope.ends_on) + 1):
        completed |= _completed_enrolments(enrolments, year)
    return Enrolment.objects.filter(pk__in=sorted(completed)).order_by("academic_year", "pk")


def enrolment_row(enrolment: Enrolment) -> ProvenanceRow:
    course = enrolment.course
    # An enrolment records no date of completion; its academic year says when it ran.
    return ProvenanceRow(
        title=f"{enrolment.student} · {course}",
        url=course.get_absolute_url(),
        detail=str(
            _("%(year)s · %(hours)s h required")
            % {"year": academic_year_label(enrolment.academic_year), "hours": course.required_hours}
        ),
        counted=enrolment.student_id,
    )


# --- Opportunities ---------------------------------------------------------------------------


def opportunities(scope: MeasureScope) -> QuerySet[Opportunity]:
    start, end = period_moments(scope)
    shifts = Shift.objects.filter(starts_at__gte=start, starts_at__lt=end)
    first_shift = shifts.filter(opportunity_id=OuterRef("pk")).order_by("starts_at")
    qs = Opportunity.objects.filter(
        university_id=scope.university_id,
        status__in=[OpportunityStatus.OPEN, OpportunityStatus.CLOSED],
        pk__in=shifts.values("opportunity_id"),
    )
    units = counted_units(scope)
    if units is not None:
        qs = qs.filter(unit_id__in=sorted(units))
    if kinds := scope.values("kind"):
        qs = qs.filter(kind__in=kinds)
    if chosen := scope.values("visibility"):
        qs = qs.filter(visibility__in=chosen)
    return qs.annotate(first_shift_at=Subquery(first_shift.values("starts_at")[:1])).order_by(
        "first_shift_at", "pk"
    )


def opportunity_row(opportunity: Opportunity) -> ProvenanceRow:
    return ProvenanceRow(
        title=opportunity.title,
        url=opportunity.get_absolute_url(),
        on=timezone.localdate(opportunity.first_shift_at),
        detail=f"{opportunity.get_kind_display()} · {opportunity.get_status_display()}",
    )


HOURS_FILTERS = {
    "unit": None,
    "kind": opportunity_kinds,
    "sdg": sdg_choices,
    "partner_kind": partner_kinds,
}

register_measure(
    Measure(
        key="volunteering.verified_volunteers",
        label=_("Volunteers with verified hours"),
        description=_(
            "Students with at least one verified hours entry on a shift of the university's "
            "opportunities that started within the period, each counted once. A unit, kind or "
            "partner kind is the opportunity's; a goal is that of the project it serves."
        ),
        records=verified_entries,
        row=entry_row,
        how=DISTINCT,
        counted_field="student_id",
        filters=HOURS_FILTERS,
        counts="people",
        related=("student", "shift__opportunity"),
        order=20,
    )
)

register_measure(
    Measure(
        key="volunteering.verified_hours",
        label=_("Verified volunteer hours"),
        description=_(
            "The sum of the verified hours on shifts of the university's opportunities that "
            "started within the period. A unit, kind or partner kind is the opportunity's; a "
            "goal is that of the project it serves."
        ),
        records=verified_entries,
        row=entry_hours_row,
        how=SUM,
        counted_field="hours",
        filters=HOURS_FILTERS,
        counts="hours",
        related=("student", "shift__opportunity"),
        order=21,
    )
)

register_measure(
    Measure(
        key="volunteering.student_volunteers",
        label=_("Students with verified volunteer hours"),
        description=_(
            "Students with at least one verified hours entry on a shift of the university's "
            "opportunities that started within the period, each counted once. With a unit, the "
            "students recorded in that unit or below it, whichever unit offered the opportunity "
            "(so a share of a unit's students counts its own students). A kind or partner kind "
            "is the opportunity's; a goal is that of the project it serves."
        ),
        records=verified_entries_of_students,
        row=entry_row,
        how=DISTINCT,
        counted_field="student_id",
        filters=HOURS_FILTERS,
        counts="people",
        related=("student", "shift__opportunity"),
        order=23,
    )
)

register_measure(
    Measure(
        key="volunteering.student_hours",
        label=_("Verified volunteer hours of students"),
        description=_(
            "The sum of the verified hours on shifts of the university's opportunities that "
            "started within the period. With a unit, the hours of the students recorded in that "
            "unit or below it, whichever unit offered the opportunity."
        ),
        records=verified_entries_of_students,
        row=entry_hours_row,
        how=SUM,
        counted_field="hours",
        filters=HOURS_FILTERS,
        counts="hours",
        related=("student", "shift__opportunity"),
        order=24,
    )
)

register_measure(
    Measure(
        key="volunteering.volunteers",
        label=_("Volunteers"),
        description=_(
            "Students with hours logged on a shift of the university's opportunities that "
            "started within the period, verified or awaiting verification (rejected hours do "
            "not count), each counted once."
        ),
        records=entries_not_rejected,
        row=entry_row,
        how=DISTINCT,
        counted_field="student_id",
        filters=HOURS_FILTERS,
        counts="people",
        related=("student", "shift__opportunity"),
        order=22,
    )
)

register_measure(
    Measure(
        key="volunteering.service_learning_students",
        label=_("Students who completed service-learning"),
        description=_(
            "Students enrolled in a service-learning course for an academic year that overlaps "
            "the period and whose verified hours in that year (of the kinds the course counts) "
            "reach the hours it requires, each counted once. Enrolments record no date of "
            "completion, so the academic year places them in the period. With a unit, courses "
            "of that unit or one below it."
        ),
        records=service_learning_completions,
        row=enrolment_row,
        how=DISTINCT,
        counted_field="student_id",
        filters={"unit": None},
        counts="people",
        related=("student", "course"),
        order=23,
    )
)

register_measure(
    Measure(
        key="volunteering.opportunities",
        label=_("Volunteering opportunities"),
        description=_(
            "Open or closed opportunities (not drafts) of the university with at least one "
            "shift starting within the period."
        ),
        records=opportunities,
        row=opportunity_row,
        how=ROWS,
        filters={"unit": None, "kind": opportunity_kinds, "visibility": visibility_choices},
        counts="records",
        order=24,
    )
)
