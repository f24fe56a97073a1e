"""The coverage source for the staff roll-up: pieces in which a person appears."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from qogam.accounts.services import grant_membership
from qogam.core.contributions import contribution_source, contributions_of
from qogam.core.enums import Role
from qogam.coverage import services
from qogam.coverage.contributions import SOURCE, appearance_contributions
from qogam.coverage.tests.records import VALUES
from qogam.needs.tests.factories import post_need, published_need

# The academic year 2025/26.
START, END = date(2025, 9, 1), date(2026, 8, 31)


def _piece(world, subject, people, actor="erin", **values):
    return services.record_coverage(
        actor=world[actor],
        subject=subject,
        values={**VALUES, "published_on": date(2025, 11, 5), **values},
        people=people,
    )


def test_appearance_registered_with_order_and_kinds(db):
    source = contribution_source(SOURCE)
    assert source.order == 50
    assert [v for v, _label in source.categories()] == ["press", "tv", "radio", "web", "social"]


def test_appearance_in_a_piece_published_in_the_period_counts(world):
    piece = _piece(world, published_need(world), [world["bob"], world["cora"]], kind="tv")
    (found,) = appearance_contributions(world["a"].pk, [world["bob"].pk], START, END)
    assert (found.person_id, found.source, found.on) == (
        world["bob"].pk,
        SOURCE,
        date(2025, 11, 5),
    )
    assert (found.title, found.role, found.category) == (VALUES["title"], VALUES["outlet"], "tv")
    assert (found.url, found.hours) == (piece.get_absolute_url(), None)
    assert SOURCE in {
        c.source for c in contributions_of(world["a"].pk, [world["cora"].pk], START, END)
    }


def test_appearance_outside_the_period_or_not_named_does_not_count(world):
    need = published_need(world)
    _piece(world, need, [world["bob"]], published_on=date(2025, 8, 31))
    _piece(world, need, [world["bob"]], published_on=date(2026, 9, 1))
    _piece(world, need, [world["cora"]])  # bob is not in it
    assert appearance_contributions(world["a"].pk, [world["bob"].pk], START, END) == []
    # The period's first and last days count.
    found = appearance_contributions(
        world["a"].pk, [world["bob"].pk], date(2025, 8, 31), date(2026, 9, 1)
    )
    assert [c.on for c in found] == [date(2025, 8, 31), date(2026, 9, 1)]


def test_appearance_other_universitys_people_are_not_returned(world):
    _piece(world, published_need(world), [world["bob"]])
    from qogam.needs import services as need_services  # noqa: PLC0415

    b_need = need_services.moderate_need(
        actor=world["charlie"], need=post_need(world["b"], poster=world["bianca"]), publish=True
    )
    _piece(world, b_need, [world["bianca"]], actor="charlie", title="B headline")
    asked = [world["bob"].pk, world["bianca"].pk]
    assert [c.person_id for c in appearance_contributions(world["a"].pk, asked, START, END)] == [
        world["bob"].pk
    ]
    assert [c.title for c in appearance_contributions(world["b"].pk, asked, START, END)] == [
        "B headline"
    ]


def test_appearance_query_count_does_not_grow_with_people(world):
    people = []
    for n in range(5):
        person = make_user(f"staff{n}@example.kz", f"Staff {n}")
        grant_membership(actor=None, user=person, university=world["a"], role=Role.STAFF)
        people.append(person)
    need = published_need(world)
    for n in range(3):
        _piece(world, need, people, title=f"Piece {n}")
    with CaptureQueriesContext(connection) as one:
        few = appearance_contributions(world["a"].pk, [people[0].pk], START, END)
    with CaptureQueriesContext(connection) as five:
        many = appearance_contributions(world["a"].pk, [p.pk for p in people], START, END)
    assert (len(few), len(many)) == (3, 15)
    assert len(five.captured_queries) == len(one.captured_queries) == 1
