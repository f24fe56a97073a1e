"""The records behind a number: listed, paginated, and recounting to the value shown."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qogam.accounts.models import Membership, User
from qogam.core.enums import Role
from qogam.core.tenancy import university_scope
from qogam.indicators import compute
from qogam.indicators import queries_dashboard as q
from qogam.indicators.enums import Method
from qogam.indicators.periods import Period
from qogam.indicators.queries import active_indicators
from qogam.indicators.tests.test_dashboard import YEAR, make_figures
from qogam.indicators.views.dashboard import PAGE_SIZE


@pytest.fixture
def figures(world):
    return make_figures(world)


def _url(indicator, **query) -> str:
    url = reverse("indicators:provenance", kwargs={"public_id": indicator.public_id})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_provenance_recounts_every_computed_value(world, figures):
    a = world["a"]
    with university_scope(a):
        indicators = [i for i in active_indicators(a.pk) if i.method == Method.COMPUTED]
        checked = {}
        for indicator in indicators:
            period = compute.period_in_year(indicator, YEAR)
            value = compute.evaluate_one(indicator, university_id=a.pk, period=period)
            parts = q.provenance_of(indicator, university_id=a.pk, period=period, value=value)
            recounted = {p.part: p.measure.recount(list(p.records)) for p in parts}
            again = None
            if recounted.get("denominator"):
                again = recounted["numerator"] / recounted["denominator"] * indicator.scale
            elif not indicator.denominator:
                again = recounted["numerator"] * indicator.scale
            checked[indicator.code] = (again, value.value)
    assert checked == {
        "T-STU": (Decimal(1), Decimal(1)),
        "T-SHARE": (Decimal(25), Decimal(25)),
        "T-ZERO": (None, None),
    }


def test_provenance_page_states_records_and_number(world, figures, client_for):
    client = client_for(world["bob"])
    numerator = client.get(_url(figures["share"])).content.decode()
    denominator = client.get(_url(figures["share"], part="denominator")).content.decode()
    assert "This record makes the number 1." in numerator
    assert "Dana" in numerator
    assert "These 4 records make the number 4." in denominator
    assert [name in denominator for name in ("Alice", "Erin", "Cora", "Bob")] == [True] * 4


def test_provenance_page_is_paginated(world, figures, client_for):
    a = world["a"]
    with university_scope(a):
        for number in range(PAGE_SIZE + 5):
            user = User.objects.create(email=f"s{number}@example.kz", full_name=f"S{number:03d}")
            Membership.objects.create(university=a, user=user, role=Role.STUDENT)
    client = client_for(world["bob"])
    first = client.get(_url(figures["students"])).content.decode()
    second = client.get(_url(figures["students"], page=2)).content.decode()
    assert "These 56 records make the number 56." in first
    assert (first.count("<tr>") - 1, second.count("<tr>") - 1) == (PAGE_SIZE, 6)
    assert "Page 1 of 2" in first


def test_provenance_of_a_unit_lists_its_records(world, figures, client_for):
    unit = world["a_department"]
    body = (
        client_for(world["bob"])
        .get(_url(figures["share"], part="denominator", unit=unit.public_id))
        .content.decode()
    )
    assert "This record makes the number 1." in body
    assert "Bob" in body


def test_provenance_zero_denominator_shows_no_data(world, figures, client_for):
    body = client_for(world["bob"]).get(_url(figures["zero"])).content.decode()
    assert "no data" in body
    assert "No data: the denominator is zero in this period." in body
    assert "0.0 %" not in body


def test_provenance_page_charlie_gets_404(world, figures, client_for):
    for persona in ("charlie", "bianca", "pavel"):
        response = client_for(world[persona]).get(_url(figures["share"]))
        assert response.status_code == 404, persona


def test_provenance_page_query_count_bounded(world, figures, client_for):
    a = world["a"]
    client = client_for(world["bob"])
    client.get(_url(figures["students"]))
    with CaptureQueriesContext(connection) as few:
        client.get(_url(figures["students"]))
    with university_scope(a):
        for number in range(20):
            user = User.objects.create(email=f"q{number}@example.kz", full_name=f"Q{number}")
            Membership.objects.create(university=a, user=user, role=Role.STUDENT)
    with CaptureQueriesContext(connection) as many:
        client.get(_url(figures["students"]))
    assert len(many) == len(few)


def test_provenance_manual_indicator_points_to_evidence(world, figures, client_for):
    body = client_for(world["bob"]).get(_url(figures["manual"])).content.decode()
    assert "This indicator is not computed from records." in body


def test_period_for_key_falls_back_to_the_year(world, figures):
    indicator = figures["share"]
    assert q.period_for_key(indicator, "nonsense", YEAR) == Period("academic_year", YEAR)
    assert q.period_for_key(indicator, "2020/21", YEAR) == Period("academic_year", 2020)


def test_provenance_distinct_marks_repeated_person(world, figures, client_for):
    # Bob also works in the faculty: two records, one person, counted once.
    with university_scope(world["a"]):
        Membership.objects.create(
            university=world["a"], user=world["bob"], role=Role.STAFF, unit=world["a_faculty"]
        )
    body = client_for(world["bob"]).get(_url(figures["share"], part="denominator"))
    body = body.content.decode()
    assert "These 5 records make the number 4." in body
    assert body.count("counted above") == 1
