"""The councils' sources for the staff roll-up: seats and attended meetings in a period."""

from datetime import date, datetime, time

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_user
from qogam.accounts.services import grant_membership
from qogam.core.contributions import contribution_source, contribution_sources
from qogam.core.enums import Role
from qogam.councils import services
from qogam.councils.contributions import (
    MEETINGS,
    MEMBERSHIP,
    meeting_contributions,
    membership_contributions,
)

# The academic year 2025/26.
START, END = date(2025, 9, 1), date(2026, 8, 31)


def _at(day: date):
    return timezone.make_aware(datetime.combine(day, time(15, 0)))


def _council(world, university="a", actor="alice", name="Employers' board"):
    return services.save_council(
        actor=world[actor],
        university=world[university],
        values={"kind": "employers", "name_kk": name, "name_en": name},
    )


def _seat(world, council, person, actor="alice", **values):
    return services.save_member(
        actor=world[actor],
        council=council,
        values={"user": person, "starts_on": date(2025, 1, 1), **values},
    )


def _held_meeting(world, council, day: date, statuses, actor="alice"):
    """A meeting on `day`, held, with attendance {member: status} recorded."""
    meeting = services.save_meeting(
        actor=world[actor], council=council, values={"starts_at": _at(day), "place": "Room 1"}
    )
    services.record_attendance(
        actor=world[actor], meeting=meeting, statuses={m.pk: s for m, s in statuses.items()}
    )
    return services.set_meeting_status(actor=world[actor], meeting=meeting, status="held")


def _staff(world, count: int) -> list:
    people = []
    for n in range(count):
        person = make_user(f"staff{n}@example.kz", f"Staff {n}")
        grant_membership(actor=None, user=person, university=world["a"], role=Role.STAFF)
        people.append(person)
    return people


def test_contributions_sources_registered_in_order(db):
    keys = [s.key for s in contribution_sources()]
    assert keys.index(MEMBERSHIP) < keys.index(MEETINGS)
    assert contribution_source(MEMBERSHIP).order == 20
    assert contribution_source(MEETINGS).order == 21
    assert ("employers", "Employers' advisory board of a programme") in [
        (value, str(label)) for value, label in contribution_source(MEMBERSHIP).categories()
    ]


def test_membership_seat_during_the_period_counts_with_its_role(world):
    council = _council(world)
    _seat(world, council, world["bob"], role="chair")
    (found,) = membership_contributions(world["a"].pk, [world["bob"].pk], START, END)
    assert found.person_id == world["bob"].pk
    assert found.source == MEMBERSHIP
    assert found.title == "Employers' board"
    assert found.url == council.get_absolute_url()
    assert str(found.role) == "Chair"
    assert found.category == "employers"
    assert found.hours is None
    # It began before the period: it counts from the period's start.
    assert found.on == START


def test_membership_seat_outside_the_period_does_not_count(world):
    council = _council(world)
    _seat(world, council, world["bob"], starts_on=date(2024, 1, 1), ends_on=date(2025, 8, 31))
    _seat(world, council, world["cora"], starts_on=date(2026, 9, 1))
    # A seat ending on the period's first day still counts.
    _seat(world, council, world["erin"], starts_on=date(2024, 1, 1), ends_on=START)
    people = [world["bob"].pk, world["cora"].pk, world["erin"].pk]
    found = membership_contributions(world["a"].pk, people, START, END)
    assert [(c.person_id, c.on) for c in found] == [(world["erin"].pk, START)]


def test_membership_external_members_and_others_not_asked_about_are_left_out(world):
    from qogam.councils.tests.records import a_council_records  # noqa: PLC0415

    records = a_council_records(world)  # cora chairs, plus an external member
    found = membership_contributions(world["a"].pk, [world["bob"].pk], START, END)
    assert found == []
    found = membership_contributions(world["a"].pk, [world["cora"].pk], START, END)
    assert [c.url for c in found] == [records["council"].get_absolute_url()]


def test_membership_other_universitys_people_are_not_returned(world):
    _seat(world, _council(world), world["bob"])
    b_council = _council(world, "b", "charlie", name="B board")
    _seat(world, b_council, world["bianca"], actor="charlie")
    asked = [world["bob"].pk, world["bianca"].pk]
    assert [c.person_id for c in membership_contributions(world["a"].pk, asked, START, END)] == [
        world["bob"].pk
    ]
    assert [c.title for c in membership_contributions(world["b"].pk, asked, START, END)] == [
        "B board"
    ]


def test_meetings_attended_held_in_the_period_count(world):
    council = _council(world)
    bob = _seat(world, council, world["bob"], role="secretary")
    cora = _seat(world, council, world["cora"])
    held = _held_meeting(world, council, date(2025, 10, 15), {bob: "attended", cora: "absent"})
    _held_meeting(world, council, date(2025, 5, 15), {bob: "attended"})  # before the period
    people = [world["bob"].pk, world["cora"].pk]
    (found,) = meeting_contributions(world["a"].pk, people, START, END)
    assert (found.person_id, found.on, found.url) == (
        world["bob"].pk,
        date(2025, 10, 15),
        held.get_absolute_url(),
    )
    assert (found.source, found.title, str(found.role), found.category) == (
        MEETINGS,
        "Employers' board",
        "Secretary",
        "employers",
    )
    assert found.hours is None


def test_meetings_not_held_or_only_confirmed_do_not_count(world):
    council = _council(world)
    bob = _seat(world, council, world["bob"])
    # Marked attended, but the meeting was then cancelled.
    cancelled = _held_meeting(world, council, date(2025, 11, 1), {bob: "attended"})
    services.set_meeting_status(actor=world["alice"], meeting=cancelled, status="cancelled")
    # Held, but bob only said he would come.
    _held_meeting(world, council, date(2025, 12, 1), {bob: "confirmed"})
    assert meeting_contributions(world["a"].pk, [world["bob"].pk], START, END) == []


def test_meetings_other_universitys_people_are_not_returned(world):
    council = _council(world)
    bob = _seat(world, council, world["bob"])
    _held_meeting(world, council, date(2025, 10, 15), {bob: "attended"})
    b_council = _council(world, "b", "charlie", name="B board")
    bianca = _seat(world, b_council, world["bianca"], actor="charlie")
    _held_meeting(world, b_council, date(2025, 10, 16), {bianca: "attended"}, actor="charlie")
    asked = [world["bob"].pk, world["bianca"].pk]
    assert [c.person_id for c in meeting_contributions(world["a"].pk, asked, START, END)] == [
        world["bob"].pk
    ]
    assert [c.person_id for c in meeting_contributions(world["b"].pk, asked, START, END)] == [
        world["bianca"].pk
    ]


def test_councils_sources_query_count_does_not_grow_with_people(world):
    people = _staff(world, 5)
    council = _council(world)
    seats = {_seat(world, council, person): "attended" for person in people}
    for day in (date(2025, 10, 1), date(2026, 2, 1)):
        _held_meeting(world, council, day, seats)
    for source in (membership_contributions, meeting_contributions):
        with CaptureQueriesContext(connection) as one:
            few = source(world["a"].pk, [people[0].pk], START, END)
        with CaptureQueriesContext(connection) as five:
            many = source(world["a"].pk, [p.pk for p in people], START, END)
        assert len(many) == 5 * len(few) > 0
        assert len(five.captured_queries) == len(one.captured_queries) == 1
