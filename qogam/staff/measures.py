"""Measures of staff third-mission assignments that indicators count (see qogam.core.measures).

Assignments are made per academic year, not per day, so a period counts the assignments of
the academic year it starts in (an academic-year period is the usual one for these).
"""

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qogam.core.i18n import translated
from qogam.core.measures import (
    DISTINCT,
    SUM,
    Measure,
    MeasureScope,
    ProvenanceRow,
    register_measure,
)
from qogam.core.periods import academic_year_label, academic_year_of
from qogam.organisations.queries import counted_units
from qogam.staff.enums import AssignmentStatus
from qogam.staff.models import Assignment, AssignmentLine


def _assignments(scope: MeasureScope) -> QuerySet[Assignment]:
    lines = AssignmentLine.objects.filter(assignment=OuterRef("pk"))
    qs = Assignment.objects.filter(
        university_id=scope.university_id,
        status=AssignmentStatus.AGREED,
        year=academic_year_of(scope.starts_on),
    ).filter(Exists(lines))
    units = counted_units(scope)
    if units is not None:
        qs = qs.filter(unit_id__in=sorted(units))
    return qs


def _lines(scope: MeasureScope) -> QuerySet[AssignmentLine]:
    qs = AssignmentLine.objects.filter(
        university_id=scope.university_id,
        assignment__status=AssignmentStatus.AGREED,
        assignment__year=academic_year_of(scope.starts_on),
    )
    units = counted_units(scope)
    if units is not None:
        qs = qs.filter(assignment__unit_id__in=sorted(units))
    return qs


def _person(user) -> str:
    return user.full_name or user.email


def _assignment_row(assignment: Assignment) -> ProvenanceRow:
    return ProvenanceRow(
        title=_person(assignment.person),
        url=assignment.get_absolute_url(),
        on=timezone.localdate(assignment.agreed_at) if assignment.agreed_at else None,
        detail="{} · {}".format(
            academic_year_label(assignment.year), translated(assignment.unit, "name").text
        ),
        counted=assignment.person_id,
    )


def _line_row(line: AssignmentLine) -> ProvenanceRow:
    assignment = line.assignment
    return ProvenanceRow(
        title=_person(assignment.person),
        url=assignment.get_absolute_url(),
        on=timezone.localdate(assignment.agreed_at) if assignment.agreed_at else None,
        detail=_("%(function)s · %(hours)s h · %(year)s")
        % {
            "function": translated(line.function, "name").text,
            "hours": line.planned_hours,
            "year": academic_year_label(assignment.year),
        },
        counted=line.planned_hours,
    )


register_measure(
    Measure(
        key="staff.people_with_functions",
        label=_("staff with agreed third-mission functions"),
        description=_(
            "Staff members with an assignment of third-mission functions agreed with the head "
            "of their unit, with at least one function, for the academic year the period "
            "starts in; each person counts once."
        ),
        records=_assignments,
        row=_assignment_row,
        how=DISTINCT,
        counted_field="person_id",
        filters={"unit": None},
        counts="people",
        related=("person", "unit"),
        order=700,
    )
)

register_measure(
    Measure(
        key="staff.planned_hours",
        label=_("planned third-mission hours"),
        description=_(
            "The sum of the planned hours of the functions in agreed third-mission assignments "
            "for the academic year the period starts in."
        ),
        records=_lines,
        row=_line_row,
        how=SUM,
        counted_field="planned_hours",
        filters={"unit": None},
        counts="hours",
        related=("assignment__person", "function"),
        order=701,
    )
)
