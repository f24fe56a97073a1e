"""The project measures: projects active and finished, staff who took part, partners."""

from datetime import date
from decimal import Decimal

import pytest

from qogam.core.measures import MeasureScope, measure
from qogam.core.tenancy import university_scope
from qogam.partners.tests.records import make_agreement, make_partner
from qogam.projects import (
    measures,  # noqa: F401
    services,
)
from qogam.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db


def scope_of(world, **values) -> MeasureScope:
    base = {
        "university_id": world["a"].pk,
        "starts_on": date(2026, 1, 1),
        "ends_on": date(2026, 12, 31),
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


def titles(rows) -> list[str]:
    return sorted(row.title for row in rows)


@pytest.fixture
def records(world):
    """Projects of A in and around 2026 (and one of B) with partners and participants."""
    akimat = make_partner(world, name_kk="Akimat")
    school = make_partner(world, kind="school", name_kk="School")
    b_partner = make_partner(world, actor="charlie", university="b", name_kk="B partner")
    p1 = make_project(
        world,
        title_en="P1",
        lead_unit=world["a_department"],
        status="running",
        relations={"partners": [akimat]},
    )
    p2 = make_project(
        world,
        title_en="P2",
        kind="outreach",
        lead_unit=world["a_network_unit"],
        sdgs=[4],
        components=["research"],
        starts_on=date(2026, 1, 10),
        ends_on=date(2026, 2, 1),
        status="finished",
        outcomes_en="Two hundred pupils came.",
        visibility="public",
        beneficiaries=100,
        relations={"partners": [akimat, school]},
    )
    p3 = make_project(
        world,
        title_en="P3",
        sdgs=[13],
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 6, 30),
        status="finished",
        beneficiaries=50,
        relations={"units": [world["a_network_unit"]]},
    )
    services.add_evidence(actor=world["alice"], project=p3, title="Act", url="https://a.kz/act")
    make_project(  # finished in the period, with neither evidence nor outcomes
        world,
        title_en="P7",
        kind="cultural",
        starts_on=date(2026, 4, 1),
        ends_on=date(2026, 5, 1),
        status="finished",
    )
    make_project(world, title_kk="Cancelled", status="cancelled", relations={"partners": [akimat]})
    p5 = make_project(
        world, title_kk="Next year", starts_on=date(2027, 1, 1), relations={"partners": [akimat]}
    )
    make_project(
        world,
        title_kk="Last year",
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 6, 30),
        status="finished",
        relations={"partners": [school]},
    )
    make_project(
        world,
        "charlie",
        title_kk="B's",
        lead_unit=world["b_public"],
        beneficiaries=1000,
        relations={"partners": [b_partner]},
    )
    for project, person, hours in [
        (p1, "bob", 10),
        (p1, "cora", 5),
        (p1, "dana", 4),  # a student: not staff
        (p2, "bob", 2),  # bob again: one person
        (p5, "alice", 100),  # a project outside the period
    ]:
        services.add_participant(
            actor=world["alice"], project=project, user=world[person], role="member", hours=hours
        )
    return {"akimat": akimat, "school": school, "b_partner": b_partner, "p1": p1, "p2": p2}


def test_projects_counts_projects_active_in_the_period(records, world):
    value, rows = counted("projects.projects", scope_of(world))

    assert value == Decimal(4)
    assert titles(rows) == ["P1", "P2", "P3", "P7"]
    assert counted("projects.projects", scope_of(world, university_id=world["b"].pk))[0] == 1


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"kind": ("outreach",)}, ["P2"]),
        ({"kind": ("outreach", "cultural")}, ["P2", "P7"]),
        ({"sdg": ("3",)}, ["P1", "P7"]),  # not P3, tagged 13
        ({"sdg": ("4", "13")}, ["P2", "P3"]),
        ({"partner_kind": ("school",)}, ["P2"]),
        ({"component": ("research",)}, ["P2"]),
        ({"visibility": ("public",)}, ["P2"]),
    ],
)
def test_projects_filters_narrow_the_count(records, world, filters, expected):
    value, rows = counted("projects.projects", scope_of(world, filters=filters))

    assert titles(rows) == expected
    assert value == len(expected)


def test_projects_of_a_unit_are_led_by_or_involve_it_or_a_unit_below(records, world):
    faculty = scope_of(world, filters={"unit": (str(world["a_faculty"].pk),)})
    network = scope_of(world, unit_ids=frozenset({world["a_network_unit"].pk}))

    assert titles(counted("projects.projects", faculty)[1]) == ["P1", "P3", "P7"]
    assert titles(counted("projects.projects", network)[1]) == ["P2", "P3"]


def test_finished_projects_count_those_ending_in_the_period(records, world):
    value, rows = counted("projects.finished_projects", scope_of(world))

    assert value == Decimal(3)
    assert [row.on for row in rows] == [date(2026, 2, 1), date(2026, 5, 1), date(2026, 6, 30)]


def test_finished_with_evidence_needs_evidence_or_outcomes(records, world):
    value, rows = counted("projects.finished_with_evidence", scope_of(world))

    assert value == Decimal(2)
    assert titles(rows) == ["P2", "P3"]


def test_public_finished_projects_count_the_public_ones(records, world):
    value, rows = counted("projects.public_finished_projects", scope_of(world))

    assert value == Decimal(1)
    assert titles(rows) == ["P2"]


def test_staff_participants_counts_each_staff_member_once(records, world):
    value, rows = counted("projects.staff_participants", scope_of(world))

    assert value == Decimal(2)
    assert titles(rows) == ["Bob · P1", "Bob · P2", "Cora · P1"]


def test_staff_hours_sums_the_hours_of_staff_participants(records, world):
    assert counted("projects.staff_hours", scope_of(world))[0] == Decimal(17)
    scope = scope_of(world, filters={"kind": ("outreach",)})
    assert counted("projects.staff_hours", scope)[0] == Decimal(2)


def test_partners_engaged_counts_each_partner_once(records, world):
    value, rows = counted("projects.partners_engaged", scope_of(world))

    assert value == Decimal(2)
    assert titles(rows) == ["Akimat · P1", "Akimat · P2", "School · P2"]


def test_partners_engaged_of_a_partner_kind_keeps_those_partners(records, world):
    scope = scope_of(world, filters={"partner_kind": ("school",)})

    value, rows = counted("projects.partners_engaged", scope)

    assert value == Decimal(1)
    assert [row.counted for row in rows] == [records["school"].pk]


def test_repeat_partners_were_on_a_project_in_the_year_before(records, world):
    value, rows = counted("projects.repeat_partners", scope_of(world))

    assert value == Decimal(1)
    assert titles(rows) == ["School · P2"]


def test_used_agreements_are_in_force_with_a_partner_on_a_project(records, world):
    make_agreement(world, records["akimat"], title_kk="With the akimat")
    make_agreement(world, records["school"], title_kk="With the school")
    idle = make_partner(world, kind="ngo", name_kk="Idle NGO")
    make_agreement(world, idle, title_kk="Unused")
    make_agreement(world, records["b_partner"], actor="charlie", title_kk="B's")

    value, rows = counted("projects.used_agreements", scope_of(world))
    assert value == Decimal(2)
    assert titles(rows) == ["With the akimat · Akimat", "With the school · School"]
    scope = scope_of(world, filters={"partner_kind": ("akimat",)})
    assert counted("projects.used_agreements", scope)[0] == Decimal(1)


def test_beneficiaries_sums_the_numbers_recorded(records, world):
    value, rows = counted("projects.beneficiaries", scope_of(world))

    assert value == Decimal(150)
    assert sorted(row.counted for row in rows) == [50, 100]


def test_projects_filter_errors_name_unknown_filters_and_choices(world):
    errors = measure("projects.staff_participants").filter_errors(
        {"sdg": ["3"], "kind": ["outreach", "juggling"]}
    )

    assert errors == [
        "The measure “Staff taking part in projects” cannot be filtered by "
        "“Sustainable Development Goal”.",
        "“juggling” is not a choice of the filter “kind”.",
    ]
    assert measure("projects.projects").filter_errors({"sdg": ["18"]}) == [
        "“18” is not a choice of the filter “Sustainable Development Goal”."
    ]


def test_partners_engaged_rows_cost_a_constant_number_of_queries(
    world, django_assert_max_num_queries
):
    partners = [make_partner(world, name_kk=f"Partner {n}") for n in range(4)]
    for n in range(5):
        make_project(world, title_en=f"Project {n}", relations={"partners": partners})
    found = measure("projects.partners_engaged")
    scope = scope_of(world)
    with university_scope(world["a"]), django_assert_max_num_queries(2):
        rows = [found.row(record) for record in found.provenance(scope)]

    assert len(rows) == 20
