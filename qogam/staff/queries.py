"""Reads of the third-mission catalogue, assignments and the activity roll-up.

The roll-up gathers what each person did from every source registered in
`qogam.core.contributions` (projects, councils, volunteering supervision, research, media…);
`staff` never reads those apps' models itself. Done hours are never stored: they are counted
here from the records each time.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import F, Prefetch, Q, QuerySet

from qogam.accounts.models import Membership, User
from qogam.core.contributions import (
    Contribution,
    contribution_source,
    contribution_sources,
    contributions_of,
)
from qogam.core.enums import STAFF_ROLES, Role
from qogam.core.periods import academic_year_label
from qogam.core.visibility import Viewer
from qogam.organisations.models import Unit
from qogam.organisations.queries import units_beneath
from qogam.staff.models import Assignment, AssignmentLine, ExpectedFunction, Function, Position
from qogam.staff.rules import OFFICE_ROLES

ZERO = Decimal(0)

# --- Catalogue ---------------------------------------------------------------------------------


def functions_of(university_ids: Iterable[int], *, active_only: bool = False) -> QuerySet[Function]:
    qs = Function.objects.filter(university__in=sorted(set(university_ids))).select_related(
        "university"
    )
    return qs.filter(active=True) if active_only else qs


def positions_of(university_ids: Iterable[int]) -> QuerySet[Position]:
    return Position.objects.filter(university__in=sorted(set(university_ids))).select_related(
        "university"
    )


def expected_of(position: Position) -> QuerySet[ExpectedFunction]:
    return position.expected.select_related("function").order_by("function__name", "pk")


def lines_from_profile(position: Position) -> list[dict]:
    """Assignment lines prefilled from the profile: each expected function with its hours."""
    return [{"function": e.function, "planned_hours": e.hours} for e in expected_of(position)]


def source_labels() -> dict[str, str]:
    # Read each time: other apps register their sources as they load.
    return {s.key: str(s.label) for s in contribution_sources()}


def category_choices() -> list[tuple[str, str]]:
    """(value, label) of every finer kind any registered source offers, each value once."""
    seen: dict[str, str] = {}
    for source in contribution_sources():
        if source.categories is None:
            continue
        for value, label in source.categories():
            seen.setdefault(str(value), f"{source.label}: {label}")
    return list(seen.items())


# --- Who is staff where ---------------------------------------------------------------------


def staff_memberships(university_id: int, unit_ids: Iterable[int]) -> QuerySet[Membership]:
    """Staff-level memberships held in these units (one query)."""
    return (
        Membership.objects.filter(
            university_id=university_id, unit__in=sorted(set(unit_ids)), role__in=STAFF_ROLES
        )
        .select_related("user", "unit")
        .order_by("user__full_name", "user__email", "pk")
    )


def staff_membership_of(person, university_id: int) -> Membership | None:
    """The person's staff-level membership at the university, one with a unit first."""
    return (
        Membership.objects.filter(user=person, university_id=university_id, role__in=STAFF_ROLES)
        .select_related("unit")
        .order_by(F("unit").asc(nulls_last=True), "pk")
        .first()
    )


def headed_unit_ids(viewer: Viewer, university_id: int) -> set[int]:
    """Units whose staff the viewer heads at the university: every unit for its office,
    the coordinated units and all beneath them for a coordinator."""
    if viewer.is_network_admin or viewer.has_role(university_id, *OFFICE_ROLES):
        return set(
            Unit.objects.with_scopes_disabled()
            .filter(university_id=university_id)
            .values_list("pk", flat=True)
        )
    return units_beneath(viewer.unit_ids_with(university_id, Role.UNIT_COORDINATOR))


def headed_universities(viewer: Viewer) -> list[int]:
    return sorted(viewer.university_ids_with(*OFFICE_ROLES, Role.UNIT_COORDINATOR))


def headed_units(viewer: Viewer) -> list[Unit]:
    """The top units the viewer heads: each coordinated unit; the root units for the office."""
    found: list[Unit] = []
    manager = Unit.objects.with_scopes_disabled().select_related("university")
    office = sorted(viewer.university_ids_with(*OFFICE_ROLES))
    if office:
        found += list(manager.filter(university__in=office, parent__isnull=True).order_by("name"))
    coordinated = {
        g.unit_id
        for g in viewer.grants
        if g.role == Role.UNIT_COORDINATOR and g.unit_id and g.university_id not in office
    }
    if coordinated:
        found += list(manager.filter(pk__in=sorted(coordinated)).order_by("name"))
    return found


def people_headed_by(viewer: Viewer, university_ids: Iterable[int]) -> QuerySet[User]:
    """Staff members of the units the viewer heads (office: every staff member there)."""
    q = Q(pk__in=[])
    for university_id in university_ids:
        if viewer.is_network_admin or viewer.has_role(university_id, *OFFICE_ROLES):
            q |= Q(university_id=university_id)
        else:
            units = units_beneath(viewer.unit_ids_with(university_id, Role.UNIT_COORDINATOR))
            q |= Q(university_id=university_id, unit__in=sorted(units))
    ids = (
        Membership.objects.with_scopes_disabled().filter(q, role__in=STAFF_ROLES).values("user_id")
    )
    return User.objects.filter(pk__in=ids, is_active=True).order_by("full_name", "email")


# --- Assignments ------------------------------------------------------------------------------


def _lines() -> Prefetch:
    return Prefetch(
        "lines",
        queryset=AssignmentLine.objects.select_related("function").order_by("function__name"),
    )


def with_details(qs: QuerySet[Assignment]) -> QuerySet[Assignment]:
    return qs.select_related(
        "person", "unit", "position", "university", "agreed_by"
    ).prefetch_related(
        _lines(),
        Prefetch(
            "position__expected",
            queryset=ExpectedFunction.objects.select_related("function").order_by("function__name"),
        ),
    )


def assignments_readable_by(viewer: Viewer) -> QuerySet[Assignment]:
    """The assignments a person may read: their own, those of the units they head, every one
    of their university for its office. Within the request's tenant scope."""
    if viewer.is_network_admin:
        return with_details(Assignment.objects.all())
    q = Q(person_id=viewer.user_id, university__in=sorted(viewer.staff_university_ids))
    office = sorted(viewer.university_ids_with(*OFFICE_ROLES))
    if office:
        q |= Q(university__in=office)
    for university_id in viewer.university_ids_with(Role.UNIT_COORDINATOR):
        units = units_beneath(viewer.unit_ids_with(university_id, Role.UNIT_COORDINATOR))
        q |= Q(university_id=university_id, unit__in=sorted(units))
    return with_details(Assignment.objects.filter(q))


def assignment_of(person, university_id: int, year: int) -> Assignment | None:
    return (
        with_details(Assignment.objects.filter(person=person, university_id=university_id))
        .filter(year=year)
        .first()
    )


# --- The roll-up ------------------------------------------------------------------------------


def year_bounds(year: int) -> tuple[date, date]:
    """The academic year's first and last day: 1 September to 31 August."""
    return date(year, 9, 1), date(year + 1, 8, 31)


def counts_for(function: Function, contribution: Contribution) -> bool:
    if contribution.source not in (function.sources or []):
        return False
    return not function.categories or contribution.category in function.categories


def hours_for(function: Function, contribution: Contribution) -> Decimal:
    if contribution.hours is not None:
        return Decimal(contribution.hours)
    return Decimal(function.hours_per_item)


@dataclass
class SourceTotal:
    key: str
    label: str
    contributions: list[Contribution] = field(default_factory=list)
    # Hours the records carry themselves (a project participant's hours).
    hours: Decimal = ZERO

    @property
    def count(self) -> int:
        return len(self.contributions)


@dataclass
class PersonRollup:
    person_id: int
    year: int
    contributions: list[Contribution] = field(default_factory=list)
    by_source: list[SourceTotal] = field(default_factory=list)
    # Function id -> hours done, for every function of the university's catalogue.
    done: dict[int, Decimal] = field(default_factory=dict)

    @property
    def year_label(self) -> str:
        return academic_year_label(self.year)

    @property
    def recorded_hours(self) -> Decimal:
        return sum((s.hours for s in self.by_source), ZERO)

    @property
    def is_empty(self) -> bool:
        return not self.contributions


def _by_source(contributions: list[Contribution]) -> list[SourceTotal]:
    totals: dict[str, SourceTotal] = {}
    order: dict[str, int] = {}
    for c in contributions:
        row = totals.get(c.source)
        if row is None:
            source = contribution_source(c.source)
            row = totals[c.source] = SourceTotal(
                c.source, str(source.label) if source else c.source
            )
            order[c.source] = source.order if source else 1000
        row.contributions.append(c)
        if c.hours is not None:
            row.hours += Decimal(c.hours)
    return sorted(totals.values(), key=lambda r: (order[r.key], r.key))


def rollup(
    university_id: int,
    person_ids: Iterable[int],
    year: int,
    *,
    functions: list[Function] | None = None,
) -> dict[int, PersonRollup]:
    """Each person's third-mission record at the university in the academic year: their
    contributions, totals per source and the hours done of each catalogue function.

    One query for the catalogue (none when `functions` is given) and each source's fixed
    number, however many people are asked about.
    """
    ids = sorted(set(person_ids))
    if functions is None:
        functions = list(Function.objects.filter(university_id=university_id))
    starts_on, ends_on = year_bounds(year)
    found: dict[int, list[Contribution]] = {pk: [] for pk in ids}
    for c in contributions_of(university_id, ids, starts_on, ends_on):
        if c.person_id in found:
            found[c.person_id].append(c)
    result = {}
    for pk in ids:
        mine = found[pk]
        done = {
            f.pk: sum((hours_for(f, c) for c in mine if counts_for(f, c)), ZERO) for f in functions
        }
        result[pk] = PersonRollup(pk, year, mine, _by_source(mine), done)
    return result


def yearly_totals(university_id: int, person_id: int, years: Iterable[int]) -> list[dict]:
    """For each academic year: how many activities and the hours their records carry."""
    rows = []
    for year in sorted(set(years), reverse=True):
        starts_on, ends_on = year_bounds(year)
        found = contributions_of(university_id, [person_id], starts_on, ends_on)
        rows.append(
            {
                "year": year,
                "label": academic_year_label(year),
                "count": len(found),
                "hours": sum((Decimal(c.hours) for c in found if c.hours is not None), ZERO),
            }
        )
    return rows


# --- Progress of an assignment ------------------------------------------------------------------


def percent(done: Decimal, planned: Decimal) -> int:
    if planned <= 0:
        return 100 if done > 0 else 0
    return min(100, int(done * 100 / planned))


@dataclass
class LineProgress:
    function: Function
    planned: Decimal
    done: Decimal

    @property
    def percent(self) -> int:
        return percent(self.done, self.planned)


@dataclass
class Progress:
    assignment: Assignment
    lines: list[LineProgress]
    # Expected functions of the profile with some hours done / all of them; None: none expected.
    covered: int
    expected: int

    @property
    def planned(self) -> Decimal:
        return sum((line.planned for line in self.lines), ZERO)

    @property
    def done(self) -> Decimal:
        return sum((line.done for line in self.lines), ZERO)

    @property
    def percent(self) -> int:
        return percent(self.done, self.planned)

    @property
    def coverage(self) -> int | None:
        if not self.expected:
            return None
        return int(self.covered * 100 / self.expected)


def progress_of(assignment: Assignment, person_rollup: PersonRollup) -> Progress:
    """Planned against done for each line, and the coverage of the profile's functions.
    Reads the lines and expected functions `with_details` prefetched."""
    done = person_rollup.done
    lines = [
        LineProgress(line.function, Decimal(line.planned_hours), done.get(line.function_id, ZERO))
        for line in assignment.lines.all()
    ]
    expected = list(assignment.position.expected.all())
    covered = sum(1 for e in expected if done.get(e.function_id, ZERO) > 0)
    return Progress(assignment, lines, covered, len(expected))


# --- The unit view ----------------------------------------------------------------------------


@dataclass
class StaffRow:
    person: User
    units: list[Unit]
    assignment: Assignment | None
    progress: Progress | None
    rollup: PersonRollup

    @property
    def coverage(self) -> int | None:
        return self.progress.coverage if self.progress else None


def unit_view(unit: Unit, year: int) -> list[StaffRow]:
    """Every staff member of the unit and the units beneath it, with their assignment for the
    year, planned against done hours and the coverage of their profile's functions, ranked by
    coverage (people without an assignment last). A fixed number of queries."""
    unit_ids = units_beneath([unit.pk])
    people: dict[int, StaffRow] = {}
    for membership in staff_memberships(unit.university_id, unit_ids):
        row = people.get(membership.user_id)
        if row is None:
            row = people[membership.user_id] = StaffRow(
                membership.user, [], None, None, PersonRollup(membership.user_id, year)
            )
        if membership.unit is not None and membership.unit not in row.units:
            row.units.append(membership.unit)
    assignments = with_details(
        Assignment.objects.filter(
            university_id=unit.university_id, year=year, person__in=sorted(people)
        )
    )
    functions = list(Function.objects.filter(university_id=unit.university_id))
    rollups = rollup(unit.university_id, people, year, functions=functions)
    for pk, row in people.items():
        row.rollup = rollups[pk]
    for assignment in assignments:
        row = people[assignment.person_id]
        row.assignment = assignment
        row.progress = progress_of(assignment, row.rollup)
    rows = list(people.values())
    rows.sort(
        key=lambda r: (
            r.coverage is None,
            -(r.coverage or 0),
            -(r.progress.percent if r.progress else 0),
            (r.person.full_name or r.person.email).lower(),
        )
    )
    return rows


# --- One person's record ----------------------------------------------------------------------


@dataclass
class PersonRecord:
    person: User
    university_id: int
    year: int
    rollup: PersonRollup
    assignment: Assignment | None
    progress: Progress | None
    membership: Membership | None
    yearly: list[dict]

    @property
    def year_label(self) -> str:
        return academic_year_label(self.year)


# How many academic years back the yearly totals reach.
YEARS_SHOWN = 5


def person_record(person: User, university_id: int, year: int) -> PersonRecord:
    """Everything the activity pages and the annual report show of one person in one year."""
    assignment = assignment_of(person, university_id, year)
    person_rollup = rollup(university_id, [person.pk], year)[person.pk]
    return PersonRecord(
        person=person,
        university_id=university_id,
        year=year,
        rollup=person_rollup,
        assignment=assignment,
        progress=progress_of(assignment, person_rollup) if assignment else None,
        membership=staff_membership_of(person, university_id),
        yearly=yearly_totals(university_id, person.pk, range(year - YEARS_SHOWN + 1, year + 1)),
    )
