"""The people measures: students and staff of a university, counted once each."""

from datetime import date
from decimal import Decimal

import pytest

from qogam.accounts import measures  # noqa: F401
from qogam.accounts.models import User
from qogam.accounts.services import grant_membership
from qogam.core.enums import Role
from qogam.core.measures import MeasureScope, measure
from qogam.core.tenancy import all_universities, university_scope

pytestmark = pytest.mark.django_db


def scope_of(world, **values) -> MeasureScope:
    base = {
        "university_id": world["a"].pk,
        "starts_on": date(2026, 9, 1),
        "ends_on": date(2027, 8, 31),
    }
    return MeasureScope(**{**base, **values})


def counted(key, scope):
    found = measure(key)
    with university_scope(scope.university_id):
        value = found.value(scope)
        listed = list(found.provenance(scope))
        rows = [found.row(record) for record in listed]
        assert found.recount(listed) == value
    return value, rows


@pytest.fixture
def people(world):
    """dana studies in two units (counted once); bob also holds a student role."""
    with all_universities():
        grant_membership(
            actor=None,
            user=world["dana"],
            university=world["a"],
            role=Role.STUDENT,
            unit=world["a_network_unit"],
        )
        grant_membership(actor=None, user=world["bob"], university=world["a"], role=Role.STUDENT)
    return world


def test_students_counts_each_student_of_the_university_once(people):
    value, rows = counted("accounts.students", scope_of(people))

    # dana (twice, one person) and bob; B's people never count.
    assert value == Decimal(2)
    assert sorted(row.title for row in rows) == ["Bob", "Dana", "Dana"]


def test_students_of_a_unit_count_those_recorded_in_it_or_below(people):
    scope = scope_of(people, filters={"unit": (str(people["a_faculty"].pk),)})

    value, rows = counted("accounts.students", scope)

    assert value == Decimal(1)
    assert [row.counted for row in rows] == [people["dana"].pk]


def test_students_unit_ids_of_the_scope_narrow_the_count(people):
    scope = scope_of(people, unit_ids=frozenset({people["a_network_unit"].pk}))

    assert counted("accounts.students", scope)[0] == Decimal(1)


def test_staff_counts_people_with_a_staff_role(people):
    value, rows = counted("accounts.staff", scope_of(people))

    # alice, erin, cora, bob; not dana (student) nor pavel (partner).
    assert value == Decimal(4)
    assert sorted(row.title for row in rows) == ["Alice", "Bob", "Cora", "Erin"]


def test_staff_of_b_are_counted_for_b_only(people):
    scope = scope_of(people, university_id=people["b"].pk)

    # charlie and bianca; nora is a network admin, not staff.
    assert counted("accounts.staff", scope)[0] == Decimal(2)


def test_staff_the_period_does_not_narrow_the_census(people):
    scope = scope_of(people, starts_on=date(1990, 1, 1), ends_on=date(1990, 12, 31))

    assert counted("accounts.staff", scope)[0] == Decimal(4)


def test_students_filter_errors_name_an_unknown_filter(world):
    errors = measure("accounts.students").filter_errors({"kind": ["x"], "unit": ["1"]})

    assert errors == ["The measure “Students” cannot be filtered by “kind”."]


def test_staff_rows_cost_a_constant_number_of_queries(world, django_assert_max_num_queries):
    with all_universities():
        for n in range(20):
            user = User.objects.create_user(f"staff{n}@example.kz", "x", full_name=f"Staff {n}")
            grant_membership(
                actor=None,
                user=user,
                university=world["a"],
                role=Role.STAFF,
                unit=world["a_department"],
            )
    found = measure("accounts.staff")
    scope = scope_of(world)
    with university_scope(world["a"]), django_assert_max_num_queries(2):
        rows = [found.row(record) for record in found.provenance(scope)]

    assert len(rows) == 24
