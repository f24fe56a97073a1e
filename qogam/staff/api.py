"""The staff API: see docs/architecture.md, "API". The same queries and rules as the pages."""

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from qogam.accounts.models import Membership
from qogam.core.api_auth import signed_in
from qogam.core.enums import STAFF_ROLES
from qogam.core.i18n import translated
from qogam.core.periods import academic_year_of
from qogam.staff import queries
from qogam.staff.models import Assignment, Function

router = Router(tags=["staff"])

# Lists answer at most this many records; `offset` pages on.
LIST_LIMIT = 200


class TextsOut(Schema):
    kk: str
    ru: str
    en: str
    display: str


def _texts(obj, field: str) -> TextsOut:
    return TextsOut(
        kk=getattr(obj, f"{field}_kk") or "",
        ru=getattr(obj, f"{field}_ru") or "",
        en=getattr(obj, f"{field}_en") or "",
        display=translated(obj, field).text,
    )


class FunctionOut(Schema):
    id: UUID
    university: str
    name: TextsOut
    planned_hours: Decimal
    sources: list[str]
    categories: list[str]
    hours_per_item: Decimal
    active: bool


class LineOut(Schema):
    function: UUID
    function_name: str
    planned_hours: Decimal
    done_hours: Decimal


class AssignmentOut(Schema):
    id: UUID
    university: str
    person: UUID
    person_name: str
    unit: UUID
    position: UUID
    position_name: str
    year: int
    status: str
    agreed_at: datetime | None
    planned_hours: Decimal
    done_hours: Decimal
    coverage: int | None
    lines: list[LineOut]


class ContributionOut(Schema):
    source: str
    on: date
    title: str
    url: str
    role: str
    hours: Decimal | None
    category: str


class SourceTotalOut(Schema):
    source: str
    label: str
    count: int
    hours: Decimal


class ActivityOut(Schema):
    university: str
    year: int
    assignment: AssignmentOut | None
    totals: list[SourceTotalOut]
    contributions: list[ContributionOut]


def _function_out(f: Function) -> FunctionOut:
    return FunctionOut(
        id=f.public_id,
        university=f.university.slug,
        name=_texts(f, "name"),
        planned_hours=f.planned_hours,
        sources=list(f.sources),
        categories=list(f.categories),
        hours_per_item=f.hours_per_item,
        active=f.active,
    )


def _assignment_out(a: Assignment, progress: queries.Progress) -> AssignmentOut:
    return AssignmentOut(
        id=a.public_id,
        university=a.university.slug,
        person=a.person.public_id,
        person_name=a.person.full_name or a.person.email,
        unit=a.unit.public_id,
        position=a.position.public_id,
        position_name=translated(a.position, "name").text,
        year=a.year,
        status=a.status,
        agreed_at=a.agreed_at,
        planned_hours=progress.planned,
        done_hours=progress.done,
        coverage=progress.coverage,
        lines=[
            LineOut(
                function=line.function.public_id,
                function_name=translated(line.function, "name").text,
                planned_hours=line.planned,
                done_hours=line.done,
            )
            for line in progress.lines
        ],
    )


def _with_progress(assignments: list[Assignment]) -> list[AssignmentOut]:
    """Each assignment with its done hours: one roll-up per university and year."""
    groups: dict[tuple[int, int], list[Assignment]] = {}
    for a in assignments:
        groups.setdefault((a.university_id, a.year), []).append(a)
    rollups = {}
    for (university_id, year), group in groups.items():
        found = queries.rollup(university_id, [a.person_id for a in group], year)
        for person_id, person_rollup in found.items():
            rollups[(university_id, year, person_id)] = person_rollup
    return [
        _assignment_out(a, queries.progress_of(a, rollups[(a.university_id, a.year, a.person_id)]))
        for a in assignments
    ]


@router.get("/staff/functions", response=list[FunctionOut], auth=signed_in)
def list_staff_functions(request, active: bool | None = None):
    viewer = request.viewer
    if not request.user.has_perm("staff.view_catalogue"):
        raise PermissionDenied
    qs = Function.objects.select_related("university")
    if not viewer.is_network_admin:
        qs = qs.filter(university__in=sorted(viewer.staff_university_ids))
    if active is not None:
        qs = qs.filter(active=active)
    return [_function_out(f) for f in qs.order_by("university", "name", "pk")[:LIST_LIMIT]]


@router.get("/staff/assignments", response=list[AssignmentOut], auth=signed_in)
def list_staff_assignments(request, year: int | None = None, offset: int = 0):
    qs = queries.assignments_readable_by(request.viewer)
    if year is not None:
        qs = qs.filter(year=year)
    start = max(offset, 0)
    return _with_progress(
        list(qs.order_by("-year", "person__full_name", "pk")[start : start + LIST_LIMIT])
    )


@router.get("/staff/assignments/{public_id}", response=AssignmentOut, auth=signed_in)
def get_staff_assignment(request, public_id: UUID):
    assignment = get_object_or_404(
        queries.with_details(Assignment.objects.all()), public_id=public_id
    )
    if not request.user.has_perm("staff.view_assignment", assignment):
        raise PermissionDenied
    return _with_progress([assignment])[0]


@router.get("/staff/me/activity", response=list[ActivityOut], auth=signed_in)
def my_staff_activity(request, year: int | None = None):
    """The signed-in person's roll-up in the academic year, one entry per university."""
    year = year or academic_year_of()
    memberships = (
        Membership.objects.filter(user=request.user, role__in=STAFF_ROLES)
        .select_related("university")
        .order_by("university")
    )
    answer, seen = [], set()
    for membership in memberships:
        if membership.university_id in seen:
            continue
        seen.add(membership.university_id)
        record = queries.person_record(request.user, membership.university_id, year)
        answer.append(
            ActivityOut(
                university=membership.university.slug,
                year=year,
                assignment=_assignment_out(record.assignment, record.progress)
                if record.assignment and record.progress
                else None,
                totals=[
                    SourceTotalOut(source=s.key, label=s.label, count=s.count, hours=s.hours)
                    for s in record.rollup.by_source
                ],
                contributions=[
                    ContributionOut(
                        source=c.source,
                        on=c.on,
                        title=c.title,
                        url=c.url,
                        role=str(c.role),
                        hours=c.hours,
                        category=c.category,
                    )
                    for c in record.rollup.contributions
                ],
            )
        )
    return answer
