from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from qogam.accounts.services import grant_membership
from qogam.core.tenancy import university_scope
from qogam.projects.tests.factories import make_project
from qogam.staff import queries
from qogam.staff.tests.records import YEAR, a_staff_records, make_function, project_with


def _rollup(world, person, year=YEAR):
    with university_scope(world["a"]):
        return queries.rollup(world["a"].pk, [person.pk], year)[person.pk]


def test_rollup_participant_hours_of_project_in_the_year_count(world):
    records = a_staff_records(world)
    project_with(world, world["bob"], hours=12)
    found = _rollup(world, world["bob"])
    assert found.done[records["mentoring"].pk] == Decimal(12)
    assert [c.hours for c in found.contributions] == [Decimal(12)]
    (source,) = found.by_source
    assert (source.key, source.count, source.hours) == ("projects.participation", 1, Decimal(12))


def test_rollup_project_outside_the_year_does_not_count(world):
    records = a_staff_records(world)
    project_with(world, world["bob"], starts_on=date(2025, 1, 10), ends_on=date(2025, 6, 30))
    found = _rollup(world, world["bob"])
    assert found.done[records["mentoring"].pk] == 0
    assert found.is_empty
    # It counts in its own academic year (2024/25).
    assert _rollup(world, world["bob"], 2024).done[records["mentoring"].pk] == Decimal(12)


def test_rollup_categories_filter_which_records_count(world):
    records = a_staff_records(world)  # lectures count only "outreach" projects
    project_with(world, world["bob"], hours=12)  # community_service
    assert _rollup(world, world["bob"]).done[records["lectures"].pk] == 0
    project_with(world, world["bob"], hours=5, kind="outreach", title_kk="Мектепке дәріс")
    found = _rollup(world, world["bob"])
    assert found.done[records["lectures"].pk] == Decimal(5)
    assert found.done[records["mentoring"].pk] == Decimal(17)


def test_rollup_hours_per_item_for_records_without_hours(world):
    records = a_staff_records(world)
    # Responsible for an outreach project without taking part: no hours of its own.

    make_project(
        world,
        kind="outreach",
        starts_on=date(2026, 11, 1),
        relations={"responsible": [world["bob"]]},
    )
    found = _rollup(world, world["bob"])
    assert [c.hours for c in found.contributions] == [None]
    assert found.done[records["lectures"].pk] == Decimal(3)  # hours_per_item
    assert found.done[records["mentoring"].pk] == 0  # hours_per_item 0


def test_rollup_function_without_sources_never_fills(world):
    quiet = make_function(world, name_kk="Кеңес мүшелігі", sources=[])
    project_with(world, world["bob"], hours=12)
    assert _rollup(world, world["bob"]).done[quiet.pk] == 0


def _staff_in_department(world, n: int):
    people = []
    for i in range(n):
        person = make_user(f"staff{i}@example.kz", f"Staff {i}")
        grant_membership(
            actor=None,
            user=person,
            university=world["a"],
            role="staff",
            unit=world["a_department"],
        )
        people.append(person)
    return people


def test_unit_view_ranks_by_coverage_and_lists_staff_with_none(world):
    records = a_staff_records(world)  # bob: both expected functions
    project_with(world, world["bob"], hours=12)  # covers "mentoring" only: 50 %
    with university_scope(world["a"]):
        rows = queries.unit_view(world["a_faculty"], YEAR)
    by_email = {r.person.email: r for r in rows}
    assert set(by_email) == {"bob@example.kz", "cora@example.kz"}
    assert rows[0].person == world["bob"]
    assert (rows[0].coverage, rows[0].progress.done, rows[0].progress.planned) == (
        50,
        Decimal(12),
        Decimal(60),
    )
    assert by_email["cora@example.kz"].assignment is None
    assert [r.person for r in rows if r.rollup.is_empty] == [world["cora"]]
    assert records["assignment"].pk == rows[0].assignment.pk


def test_unit_view_queries_do_not_grow_with_people(world):
    a_staff_records(world)
    project_with(world, world["bob"], hours=12)
    with university_scope(world["a"]), CaptureQueriesContext(connection) as few:
        queries.unit_view(world["a_faculty"], YEAR)
    _staff_in_department(world, 5)
    with university_scope(world["a"]), CaptureQueriesContext(connection) as many:
        rows = queries.unit_view(world["a_faculty"], YEAR)
    assert len(rows) == 7
    assert len(many) == len(few)
