from datetime import date
from decimal import Decimal

import pytest

import qogam.core.measures
from qogam.accounts.models import User
from qogam.accounts.services import grant_membership
from qogam.core.enums import Role
from qogam.core.measures import MeasureScope
from qogam.core.tenancy import all_universities, university_scope
from qogam.staff import (
    measures,  # noqa: F401
    services,
)
from qogam.staff.models import AssignmentLine
from qogam.staff.tests.records import LECTURES, make_function, make_position

YEAR_STARTS = date(2026, 9, 1)
YEAR_ENDS = date(2027, 8, 31)


def _assignment(
    world, person, unit, lines, *, year=2026, agree=True, actor="alice", university="a"
):
    position = make_position(world, actor=actor, university=university, name_kk=f"P {person}")
    assignment = services.create_assignment(
        actor=world[actor],
        values={"person": world[person], "unit": world[unit], "position": position, "year": year},
        lines=[{"function": f, "planned_hours": Decimal(h)} for f, h in lines],
    )
    if agree:
        assignment = services.agree_assignment(actor=world[actor], assignment=assignment)
    return assignment


@pytest.fixture
def assignments(world):
    mentoring = make_function(world)
    lectures = make_function(world, **LECTURES)
    records = {
        "bob": _assignment(world, "bob", "a_department", [(mentoring, 40), (lectures, 20)]),
        "cora": _assignment(world, "cora", "a_faculty", [(mentoring, 10)]),
        # Not agreed yet.
        "erin": _assignment(world, "erin", "a_network_unit", [(mentoring, 5)], agree=False),
        # Agreed, then every function taken off it.
        "alice": _assignment(world, "alice", "a_faculty", [(lectures, 8)]),
        # The year before.
        "bob_2025": _assignment(world, "bob", "a_department", [(mentoring, 30)], year=2025),
    }
    with all_universities():
        AssignmentLine.objects.filter(assignment=records["alice"]).delete()
    b_function = make_function(world, actor="charlie", university="b")
    records["bianca"] = _assignment(
        world, "bianca", "b_private", [(b_function, 50)], actor="charlie", university="b"
    )
    return records


def _scope(world, starts_on=YEAR_STARTS, ends_on=YEAR_ENDS, unit_ids=None, university="a"):
    return MeasureScope(
        university_id=world[university].pk,
        starts_on=starts_on,
        ends_on=ends_on,
        unit_ids=frozenset(unit_ids) if unit_ids is not None else None,
    )


def _value(key, scope):
    measure = qogam.core.measures.measure(key)
    with university_scope(scope.university_id):
        value = measure.value(scope)
        listed = list(measure.provenance(scope))
        assert measure.recount(listed) == value
        assert [measure.row(r).counted for r in listed] == [
            measure.counted_value(r) for r in listed
        ]
    return value


def test_staff_people_with_functions_count_agreed_assignments_with_lines(world, assignments):
    assert _value("staff.people_with_functions", _scope(world)) == Decimal(2)
    measure = qogam.core.measures.measure("staff.people_with_functions")
    with university_scope(world["a"]):
        people = sorted(r.person.full_name for r in measure.provenance(_scope(world)))
    assert people == ["Bob", "Cora"]


def test_staff_people_with_functions_take_the_year_the_period_starts_in(world, assignments):
    # A calendar half-year from January belongs to the academic year begun in September.
    scope = _scope(world, starts_on=date(2027, 1, 1), ends_on=date(2027, 6, 30))
    assert _value("staff.people_with_functions", scope) == Decimal(2)
    scope = _scope(world, starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))
    assert _value("staff.people_with_functions", scope) == Decimal(1)


def test_staff_people_with_functions_filter_by_unit(world, assignments):
    scope = _scope(world, unit_ids=[world["a_department"].pk])
    assert _value("staff.people_with_functions", scope) == Decimal(1)
    scope = _scope(world, unit_ids=[world["a_network_unit"].pk])
    assert _value("staff.people_with_functions", scope) == Decimal(0)


def test_staff_measures_of_another_university_never_count(world, assignments):
    assert _value("staff.people_with_functions", _scope(world, university="b")) == Decimal(1)
    assert _value("staff.planned_hours", _scope(world, university="b")) == Decimal(50)


def test_staff_planned_hours_sum_lines_of_agreed_assignments(world, assignments):
    assert _value("staff.planned_hours", _scope(world)) == Decimal(70)
    scope = _scope(world, unit_ids=[world["a_department"].pk])
    assert _value("staff.planned_hours", scope) == Decimal(60)
    scope = _scope(world, starts_on=date(2025, 9, 1), ends_on=date(2026, 8, 31))
    assert _value("staff.planned_hours", scope) == Decimal(30)


def test_staff_planned_hours_row_names_function_and_hours(world, assignments):
    measure = qogam.core.measures.measure("staff.planned_hours")
    scope = _scope(world, unit_ids=[world["a_faculty"].pk])
    with university_scope(world["a"]):
        rows = [measure.row(r) for r in measure.provenance(scope)]
    assert [(r.title, r.detail, r.counted) for r in rows] == [
        ("Cora", "Leading community projects · 10.0 h · 2026/27", Decimal("10.0"))
    ]


def test_staff_measures_name_unknown_filters(world):
    measure = qogam.core.measures.measure("staff.planned_hours")
    assert measure.filter_errors({"kind": ["x"]}) == [
        "The measure “planned third-mission hours” cannot be filtered by “kind”."
    ]
    assert measure.filter_errors({"unit": ["1"]}) == []


def test_staff_measures_list_rows_in_constant_queries(world, django_assert_max_num_queries):
    functions = [make_function(world, name_kk=f"F{n}", name_en=f"F{n}") for n in range(3)]
    for number in range(5):
        with all_universities():
            user = User.objects.create_user(f"s{number}@example.kz", "pw", full_name=f"S{number}")
            grant_membership(
                actor=None,
                user=user,
                university=world["a"],
                role=Role.STAFF,
                unit=world["a_faculty"],
            )
        world[f"s{number}"] = user
        _assignment(world, f"s{number}", "a_faculty", [(f, 10) for f in functions])
    with university_scope(world["a"]):
        for key, count in [("staff.people_with_functions", 5), ("staff.planned_hours", 15)]:
            measure = qogam.core.measures.measure(key)
            with django_assert_max_num_queries(1):
                rows = [measure.row(r) for r in measure.provenance(_scope(world))]
            assert len(rows) == count
