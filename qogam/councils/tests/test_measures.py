from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

import qogam.core.measures
from qogam.core.measures import MeasureScope, registered_measures
from qogam.core.tenancy import university_scope
from qogam.councils import (
    measures,  # noqa: F401
    services,
)
from qogam.partners.tests.records import make_partner

STARTS_ON = date(2026, 1, 1)
ENDS_ON = date(2026, 6, 30)


def _council(world, name, *, kind="employers", unit="a_faculty", actor="alice", university="a"):
    return services.save_council(
        actor=world[actor],
        university=world[university],
        values={"kind": kind, "name_kk": name, "name_en": name, "unit": world[unit]},
    )


def _internal(world, council, person, *, actor="alice", starts_on=date(2025, 1, 1)):
    return services.save_member(
        actor=world[actor],
        council=council,
        values={"user": world[person], "role": "member", "starts_on": starts_on},
    )


def _external(world, council, name, partner, *, actor="alice", **values):
    base = {
        "full_name": name,
        "organisation": partner,
        "email": f"{name.lower().replace(' ', '.')}@partner.kz",
        "role": "member",
        "starts_on": date(2025, 1, 1),
    }
    return services.save_member(actor=world[actor], council=council, values={**base, **values})


def _meeting(world, council, day, *, status="held", actor="alice", attendance=None):
    meeting = services.save_meeting(
        actor=world[actor],
        council=council,
        values={
            "starts_at": timezone.make_aware(datetime(day.year, day.month, day.day, 15)),
            "place": "Room 101",
            "status": status,
        },
    )
    statuses = {member.pk: status for member, status in (attendance or {}).items()}
    services.record_attendance(actor=world[actor], meeting=meeting, statuses=statuses)
    return meeting


@pytest.fixture
def councils(world):
    p1 = make_partner(world, name_kk="Бірінші серіктес")
    p2 = make_partner(world, name_kk="Екінші серіктес")
    board = _council(world, "Employers' board")
    methods = _council(world, "Methods council", kind="methodological", unit="a_network_unit")
    cora = _internal(world, board, "cora")
    ext1 = _external(world, board, "Aigul Sarsen", p1)
    # Left the board during the period: not a seat at its end.
    ext2 = _external(world, board, "Berik Oral", p2, ends_on=date(2026, 3, 31))
    bob = _internal(world, methods, "bob", starts_on=date(2026, 1, 1))
    # Joins after the period.
    _external(world, methods, "Dana Kairat", p1, starts_on=date(2026, 7, 15))
    records = {
        # Two external members came: the meeting counts once.
        "m1": _meeting(
            world,
            board,
            date(2026, 2, 10),
            attendance={cora: "attended", ext1: "attended", ext2: "attended"},
        ),
        "m2": _meeting(
            world, board, date(2026, 5, 5), attendance={cora: "attended", ext1: "absent"}
        ),
        # Not held: nothing of it counts.
        "planned": _meeting(
            world, board, date(2026, 6, 1), status="planned", attendance={ext1: "attended"}
        ),
        "m4": _meeting(world, methods, date(2026, 3, 3), attendance={bob: "attended"}),
        "before": _meeting(world, board, date(2025, 12, 15), attendance={ext1: "attended"}),
    }
    b_partner = make_partner(world, actor="charlie", university="b", name_kk="B серіктес")
    b_board = _council(world, "B board", unit="b_public", actor="charlie", university="b")
    b_ext = _external(world, b_board, "Bolat Bek", b_partner, actor="charlie")
    records["b"] = _meeting(
        world, b_board, date(2026, 2, 10), actor="charlie", attendance={b_ext: "attended"}
    )
    return records


def _scope(world, unit_ids=None, university="a", **filters):
    return MeasureScope(
        university_id=world[university].pk,
        starts_on=STARTS_ON,
        ends_on=ENDS_ON,
        unit_ids=frozenset(unit_ids) if unit_ids is not None else None,
        filters={key: tuple(values) for key, values in filters.items()},
    )


def _value(key, scope):
    measure = qogam.core.measures.measure(key)
    with university_scope(scope.university_id):
        value = measure.value(scope)
        listed = list(measure.provenance(scope))
        assert measure.recount(listed) == value
        assert all(measure.row(record).url for record in listed)
    return value


def _listed(key, scope):
    measure = qogam.core.measures.measure(key)
    with university_scope(scope.university_id):
        return sorted(r.pk for r in measure.provenance(scope))


def test_councils_meetings_held_counts_held_meetings_in_period(world, councils):
    assert _listed("councils.meetings_held", _scope(world)) == sorted(
        [councils["m1"].pk, councils["m2"].pk, councils["m4"].pk]
    )
    assert _value("councils.meetings_held", _scope(world)) == Decimal(3)


def test_councils_meetings_held_filters_by_kind_and_unit(world, councils):
    assert _value("councils.meetings_held", _scope(world, kind=["employers"])) == Decimal(2)
    assert _value("councils.meetings_held", _scope(world, kind=["supervisory"])) == Decimal(0)
    scope = _scope(world, unit_ids=[world["a_network_unit"].pk])
    assert _listed("councils.meetings_held", scope) == [councils["m4"].pk]


def test_councils_meetings_of_another_university_never_count(world, councils):
    assert _listed("councils.meetings_held", _scope(world, university="b")) == [councils["b"].pk]
    assert _value("councils.meetings_with_external", _scope(world, university="b")) == Decimal(1)


def test_councils_meetings_with_external_counts_each_meeting_once(world, councils):
    assert _listed("councils.meetings_with_external", _scope(world)) == [councils["m1"].pk]
    assert _value("councils.meetings_with_external", _scope(world)) == Decimal(1)
    scope = _scope(world, kind=["methodological"])
    assert _value("councils.meetings_with_external", scope) == Decimal(0)


def test_councils_external_attendances_count_attended_invitations(world, councils):
    assert _value("councils.external_attendances", _scope(world)) == Decimal(2)
    assert _value("councils.external_invitations", _scope(world)) == Decimal(3)
    scope = _scope(world, unit_ids=[world["a_network_unit"].pk])
    assert _value("councils.external_invitations", scope) == Decimal(0)


def test_councils_external_attendance_row_names_member_and_answer(world, councils):
    measure = qogam.core.measures.measure("councils.external_invitations")
    with university_scope(world["a"]):
        rows = sorted(
            (measure.row(r) for r in measure.provenance(_scope(world))), key=lambda r: r.detail
        )
    assert [(r.on, r.detail) for r in rows] == [
        (date(2026, 5, 5), "Aigul Sarsen · Бірінші серіктес · Absent"),
        (date(2026, 2, 10), "Aigul Sarsen · Бірінші серіктес · Attended"),
        (date(2026, 2, 10), "Berik Oral · Екінші серіктес · Attended"),
    ]


def test_councils_members_count_seats_held_at_period_end(world, councils):
    assert _value("councils.members", _scope(world)) == Decimal(3)
    assert _value("councils.external_members", _scope(world)) == Decimal(1)
    assert _value("councils.members", _scope(world, kind=["methodological"])) == Decimal(1)
    scope = _scope(world, unit_ids=[world["a_faculty"].pk])
    assert _value("councils.members", scope) == Decimal(2)
    assert _value("councils.external_members", _scope(world, university="b")) == Decimal(1)


def test_councils_measures_name_unknown_filters(world):
    measure = qogam.core.measures.measure("councils.meetings_held")
    assert measure.filter_errors({"sdg": ["4"]}) == [
        "The measure “council meetings held” cannot be filtered by “Sustainable Development Goal”."
    ]
    assert measure.filter_errors({"kind": ["club"]}) == [
        "“club” is not a choice of the filter “kind”."
    ]
    assert measure.filter_errors({"kind": ["employers"], "unit": ["1"]}) == []


def test_councils_measures_list_rows_in_constant_queries(world, django_assert_max_num_queries):
    board = _council(world, "Employers' board")
    members = [
        _external(world, board, f"Member {n}", make_partner(world, name_kk=f"Серіктес {n}"))
        for n in range(5)
    ]
    for day in (date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1)):
        _meeting(world, board, day, attendance=dict.fromkeys(members, "attended"))
    keys = [m.key for m in registered_measures() if m.key.startswith("councils.")]
    assert len(keys) == 6
    with university_scope(world["a"]):
        for key in keys:
            measure = qogam.core.measures.measure(key)
            with django_assert_max_num_queries(1):
                rows = [measure.row(r) for r in measure.provenance(_scope(world))]
            assert len(rows) in {3, 5, 15}
