"""The volunteering source for the staff roll-up: opportunities a person supervised."""

from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from conftest import make_user
from qogam.accounts.services import grant_membership
from qogam.core.contributions import contribution_source, contributions_of
from qogam.core.enums import Role
from qogam.projects.tests.factories import make_project
from qogam.volunteering import hours
from qogam.volunteering.contributions import (
    SOURCE,
    supervision_contributions,
    supervision_role,
)
from qogam.volunteering.tests.records import make_opportunity, make_shift
from qogam.volunteering.tests.records_hours import move_into_past, past_sign_ups


def _period():
    today = timezone.localdate()
    return today - timedelta(days=60), today + timedelta(days=60)


def _students(world, count: int) -> list[str]:
    names = []
    for n in range(count):
        name = f"student{n}"
        world[name] = make_user(f"{name}@example.kz", f"Student {n}")
        grant_membership(actor=None, user=world[name], university=world["a"], role=Role.STUDENT)
        names.append(name)
    return names


def _staff(world, count: int) -> list:
    people = []
    for n in range(count):
        person = make_user(f"staff{n}@example.kz", f"Staff {n}")
        grant_membership(actor=None, user=person, university=world["a"], role=Role.STAFF)
        people.append(person)
    return people


def test_supervision_registered_with_order_and_kinds(db):
    source = contribution_source(SOURCE)
    assert source.order == 30
    assert "community_service" in [value for value, _label in source.categories()]


def test_supervision_role_counts_volunteers_and_hours_in_the_readers_language():
    assert supervision_role(7, Decimal("42.00")) == "Supervised 7 volunteers, 42 verified hours"
    assert supervision_role(1, Decimal("1")) == "Supervised 1 volunteer, 1 verified hour"
    assert supervision_role(2, Decimal("2.50")) == "Supervised 2 volunteers, 2.5 verified hours"
    # The number is written the reader's way (a decimal comma in Kazakh).
    with translation.override("kk"):
        assert "2,5" in supervision_role(2, Decimal("2.5"))


def test_supervision_verifier_in_the_period_counts(world):
    opportunity = make_opportunity(world, unit=world["a_department"])
    students = _students(world, 2)
    shift, sign_ups = past_sign_ups(world, opportunity, students, length=3)
    hours.record_attendance(actor=world["cora"], shift=shift, attended=sign_ups)
    start, end = _period()
    (found,) = supervision_contributions(world["a"].pk, [world["cora"].pk], start, end)
    assert found.person_id == world["cora"].pk
    assert found.source == SOURCE
    assert found.title == "Helping the children's home"
    assert found.url == opportunity.get_absolute_url()
    assert found.role == "Supervised 2 volunteers, 6 verified hours"
    assert found.category == "community_service"
    assert found.on == timezone.localdate(shift.starts_at)
    assert found.hours is None
    # Through the registry as well.
    assert SOURCE in {
        c.source for c in contributions_of(world["a"].pk, [world["cora"].pk], start, end)
    }


def test_supervision_verified_outside_the_period_does_not_count(world):
    opportunity = make_opportunity(world, unit=world["a_department"])
    shift, sign_ups = past_sign_ups(world, opportunity)
    hours.record_attendance(actor=world["cora"], shift=shift, attended=sign_ups)
    move_into_past(shift, length=3, ended_hours_ago=24 * 200)
    start, end = _period()
    assert supervision_contributions(world["a"].pk, [world["cora"].pk], start, end) == []


def test_supervision_logged_or_rejected_hours_do_not_make_a_supervisor(world):
    opportunity = make_opportunity(world, unit=world["a_department"])
    _shift, (sign_up,) = past_sign_ups(world, opportunity)
    entry = hours.log_hours(student=world["dana"], sign_up=sign_up, hours="2")
    hours.reject_hours(actor=world["cora"], entry=entry, reason="Not there.")
    start, end = _period()
    assert supervision_contributions(world["a"].pk, [world["cora"].pk], start, end) == []


def test_supervision_project_responsible_with_shifts_in_the_period(world):
    project = make_project(world, relations={"responsible": [world["bob"]]})
    with_shift = make_opportunity(world, project=project, title_en="Tree planting")
    make_shift(world, with_shift, in_hours=24 * 7)
    idle = make_opportunity(world, project=project, title_en="Idle")
    make_shift(world, idle, in_hours=24 * 200)  # after the period
    start, end = _period()
    (found,) = supervision_contributions(world["a"].pk, [world["bob"].pk], start, end)
    assert (found.title, found.role) == (
        "Tree planting",
        "Supervised 0 volunteers, 0 verified hours",
    )


def test_supervision_responsible_who_also_verified_counts_once(world):
    project = make_project(world, relations={"responsible": [world["bob"]]})
    opportunity = make_opportunity(world, project=project)
    shift, sign_ups = past_sign_ups(world, opportunity, length=2)
    hours.record_attendance(actor=world["bob"], shift=shift, attended=sign_ups)
    start, end = _period()
    (found,) = supervision_contributions(world["a"].pk, [world["bob"].pk], start, end)
    assert found.role == "Supervised 1 volunteer, 2 verified hours"


def test_supervision_other_universitys_people_are_not_returned(world):
    opportunity = make_opportunity(world, unit=world["a_department"])
    shift, sign_ups = past_sign_ups(world, opportunity)
    hours.record_attendance(actor=world["cora"], shift=shift, attended=sign_ups)
    b_project = make_project(
        world,
        actor="charlie",
        lead_unit=world["b_private"],
        relations={"responsible": [world["bianca"]]},
    )
    b_opportunity = make_opportunity(
        world, actor="charlie", university=world["b"], project=b_project
    )
    make_shift(world, b_opportunity, actor="charlie", in_hours=24 * 7)
    start, end = _period()
    asked = [world["cora"].pk, world["bianca"].pk]
    assert [c.person_id for c in supervision_contributions(world["a"].pk, asked, start, end)] == [
        world["cora"].pk
    ]
    assert [c.person_id for c in supervision_contributions(world["b"].pk, asked, start, end)] == [
        world["bianca"].pk
    ]


def test_supervision_query_count_does_not_grow_with_people(world):
    people = _staff(world, 5)
    project = make_project(world, relations={"responsible": people})
    for title in ("First", "Second"):
        opportunity = make_opportunity(world, project=project, title_en=title)
        shift, sign_ups = past_sign_ups(world, opportunity)
        hours.record_attendance(actor=people[0], shift=shift, attended=sign_ups)
    start, end = _period()
    with CaptureQueriesContext(connection) as one:
        few = supervision_contributions(world["a"].pk, [people[0].pk], start, end)
    with CaptureQueriesContext(connection) as five:
        many = supervision_contributions(world["a"].pk, [p.pk for p in people], start, end)
    assert len(few) == 2
    assert len(many) == 10
    assert len(five.captured_queries) == len(one.captured_queries) == 3
