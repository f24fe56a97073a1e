"""The projects source of the staff roll-up (core.contributions)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qogam.projects.contributions import SOURCE, project_contributions
from qogam.projects.services import add_participant
from qogam.projects.tests.factories import make_project

YEAR = (date(2026, 9, 1), date(2027, 8, 31))


def _took_part(world, person, hours, **values):
    project = make_project(world, **{"status": "running", **values})
    add_participant(actor=world["alice"], project=project, user=person, role="member", hours=hours)
    return project


@pytest.mark.django_db
def test_participation_inside_the_year_counts_its_hours(world):
    project = _took_part(
        world, world["bob"], 12, starts_on=date(2026, 10, 1), ends_on=date(2027, 3, 31)
    )

    found = project_contributions(world["a"].pk, [world["bob"].pk], *YEAR)

    assert [(c.source, c.url, c.hours, c.category) for c in found] == [
        (SOURCE, project.get_absolute_url(), Decimal(12), project.kind)
    ]


@pytest.mark.django_db
def test_participation_outside_the_year_is_left_out(world):
    _took_part(world, world["bob"], 12, starts_on=date(2025, 1, 10), ends_on=date(2025, 6, 30))

    assert project_contributions(world["a"].pk, [world["bob"].pk], *YEAR) == []


@pytest.mark.django_db
def test_project_over_two_years_gives_each_year_its_share_of_the_hours(world):
    # 365 days from 1 March 2026: 184 of them in 2025/26, 181 in 2026/27.
    _took_part(world, world["bob"], 100, starts_on=date(2026, 3, 1), ends_on=date(2027, 2, 28))

    this_year = project_contributions(world["a"].pk, [world["bob"].pk], *YEAR)
    last_year = project_contributions(
        world["a"].pk, [world["bob"].pk], date(2025, 9, 1), date(2026, 8, 31)
    )

    assert this_year[0].hours == Decimal("49.6")
    assert last_year[0].hours == Decimal("50.4")
    assert this_year[0].hours + last_year[0].hours == Decimal(100)


@pytest.mark.django_db
def test_responsible_without_participation_counts_without_hours(world):
    project = make_project(
        world,
        status="running",
        starts_on=date(2026, 10, 1),
        ends_on=date(2027, 3, 31),
        relations={"responsible": [world["bob"]]},
    )

    found = project_contributions(world["a"].pk, [world["bob"].pk], *YEAR)

    assert [(c.url, c.hours) for c in found] == [(project.get_absolute_url(), None)]


@pytest.mark.django_db
def test_cancelled_project_and_other_university_are_left_out(world):
    _took_part(
        world,
        world["bob"],
        12,
        starts_on=date(2026, 10, 1),
        ends_on=date(2027, 3, 31),
        status="cancelled",
    )

    assert project_contributions(world["a"].pk, [world["bob"].pk], *YEAR) == []
    assert project_contributions(world["b"].pk, [world["bob"].pk], *YEAR) == []


@pytest.mark.django_db
def test_query_count_does_not_grow_with_people(world):
    people = [world[name] for name in ("bob", "cora", "erin", "alice")]
    for person in people:
        _took_part(world, person, 5, starts_on=date(2026, 10, 1), ends_on=date(2027, 3, 31))

    with CaptureQueriesContext(connection) as one:
        project_contributions(world["a"].pk, [people[0].pk], *YEAR)
    with CaptureQueriesContext(connection) as four:
        found = project_contributions(world["a"].pk, [p.pk for p in people], *YEAR)

    assert len(found) == 4
    assert len(four) == len(one)
