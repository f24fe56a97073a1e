"""The partnership measures: agreements in force, partners and partners' survey answers."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from qogam.core.measures import MeasureScope, measure
from qogam.core.tenancy import all_universities, university_scope
from qogam.partners import (
    measures,  # noqa: F401
    surveys,
)
from qogam.partners.models import PartnerSurvey
from qogam.partners.tests.records import make_agreement, make_partner

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


@pytest.fixture
def agreements(world):
    akimat = make_partner(world, name_kk="Akimat", units=[world["a_department"]])
    school = make_partner(world, kind="school", name_kk="School")
    b_partner = make_partner(world, actor="charlie", university="b", name_kk="B partner")
    made = {
        # In force during 2026: open-ended, one ending in March, one starting in December.
        "open": make_agreement(
            world, akimat, title_kk="Open", starts_on=date(2025, 5, 1), signed_on=date(2025, 5, 1)
        ),
        "ends": make_agreement(
            world,
            school,
            kind="contract",
            title_kk="Ends in March",
            starts_on=date(2025, 1, 1),
            signed_on=date(2025, 1, 1),
            ends_on=date(2026, 3, 1),
            units=[world["a_faculty"]],
        ),
        "late": make_agreement(
            world,
            akimat,
            title_kk="From December",
            starts_on=date(2026, 12, 31),
            signed_on=date(2026, 12, 1),
        ),
        # Not in force during 2026.
        "expired": make_agreement(
            world,
            akimat,
            title_kk="Expired",
            starts_on=date(2024, 1, 1),
            signed_on=date(2024, 1, 1),
            ends_on=date(2025, 12, 31),
        ),
        "future": make_agreement(
            world, akimat, title_kk="Future", starts_on=date(2027, 1, 1), signed_on=date(2027, 1, 1)
        ),
        "draft": make_agreement(
            world,
            akimat,
            title_kk="Draft",
            state="draft",
            signed_on=None,
            starts_on=date(2026, 2, 1),
        ),
        "terminated": make_agreement(
            world, akimat, title_kk="Terminated", state="terminated", starts_on=date(2026, 2, 1)
        ),
        "b": make_agreement(world, b_partner, actor="charlie", title_kk="B agreement"),
    }
    return {"akimat": akimat, "school": school, "b_partner": b_partner, **made}


def test_active_agreements_counts_signed_ones_in_force_in_the_period(agreements, world):
    value, rows = counted("partners.active_agreements", scope_of(world))

    assert value == Decimal(3)
    assert [row.title.split(" · ")[0] for row in rows] == ["Ends in March", "Open", "From December"]
    assert rows[0].url == agreements["ends"].get_absolute_url()


def test_active_agreements_of_a_kind(agreements, world):
    scope = scope_of(world, filters={"kind": ("contract",)})

    assert counted("partners.active_agreements", scope)[0] == Decimal(1)


def test_active_agreements_of_a_partner_kind(agreements, world):
    scope = scope_of(world, filters={"partner_kind": ("akimat",)})

    assert counted("partners.active_agreements", scope)[0] == Decimal(2)


def test_active_agreements_of_a_unit_include_the_units_below_it(agreements, world):
    scope = scope_of(world, filters={"unit": (str(world["a_faculty"].pk),)})

    value, rows = counted("partners.active_agreements", scope)

    assert value == Decimal(1)
    assert rows[0].title.startswith("Ends in March")


def test_active_agreements_of_b_are_b_s_own(agreements, world):
    assert counted("partners.active_agreements", scope_of(world, university_id=world["b"].pk))[
        0
    ] == Decimal(1)


def test_partners_counts_the_university_s_partners_of_a_kind(agreements, world):
    assert counted("partners.partners", scope_of(world))[0] == Decimal(2)
    scope = scope_of(world, filters={"partner_kind": ("school",)})
    value, rows = counted("partners.partners", scope)
    assert value == Decimal(1)
    assert [row.title for row in rows] == ["School"]


def test_partners_of_a_unit_are_those_it_works_with(agreements, world):
    scope = scope_of(world, unit_ids=frozenset({world["a_department"].pk}))

    assert counted("partners.partners", scope)[0] == Decimal(1)


def answered(world, partner, on: datetime, scores=(5, 4, 3)):
    survey = surveys.send_survey(
        actor=world["alice"] if partner.university_id == world["a"].pk else world["charlie"],
        organisation=partner,
        email="director@partner.kz",
        language="en",
    )
    benefit, communication, again = scores
    with all_universities():
        PartnerSurvey.objects.filter(pk=survey.pk).update(
            answered_at=on,
            mutual_benefit=benefit,
            communication=communication,
            would_work_again=again,
        )
    return survey


@pytest.fixture
def answers(agreements, world):
    at = lambda *day: timezone.make_aware(datetime(*day, 12))  # noqa: E731
    answered(world, agreements["akimat"], at(2026, 3, 1), (5, 4, 3))
    answered(world, agreements["school"], at(2026, 12, 31), (2, 2, 2))
    answered(world, agreements["akimat"], at(2025, 12, 31), (1, 1, 1))  # before the period
    answered(world, agreements["b_partner"], at(2026, 3, 1), (5, 5, 5))  # B's
    surveys.send_survey(  # sent, never answered
        actor=world["alice"], organisation=agreements["akimat"], email="x@y.kz", language="en"
    )
    return agreements


def test_survey_responses_counts_answers_of_the_period(answers, world):
    value, rows = counted("partners.survey_responses", scope_of(world))

    assert value == Decimal(2)
    assert [row.on for row in rows] == [date(2026, 12, 31), date(2026, 3, 1)]


def test_survey_rating_sum_adds_the_three_scores_of_each_answer(answers, world):
    value, rows = counted("partners.survey_rating_sum", scope_of(world))

    assert value == Decimal(18)
    assert sorted(row.counted for row in rows) == [6, 12]


def test_survey_rating_sum_of_a_partner_kind(answers, world):
    scope = scope_of(world, filters={"partner_kind": ("school",)})

    assert counted("partners.survey_rating_sum", scope)[0] == Decimal(6)


def test_active_agreements_filter_errors_name_unknown_filters_and_choices(world):
    errors = measure("partners.active_agreements").filter_errors(
        {"sdg": ["3"], "kind": ["memorandum", "handshake"]}
    )

    assert errors == [
        "The measure “Agreements in force” cannot be filtered by “Sustainable Development Goal”.",
        "“handshake” is not a choice of the filter “kind”.",
    ]


def test_active_agreements_rows_cost_a_constant_number_of_queries(
    world, django_assert_max_num_queries
):
    partner = make_partner(world)
    for n in range(20):
        make_agreement(world, partner, title_kk=f"Agreement {n}")
    found = measure("partners.active_agreements")
    scope = scope_of(world)
    with university_scope(world["a"]), django_assert_max_num_queries(2):
        rows = [found.row(record) for record in found.provenance(scope)]

    assert len(rows) == 20
