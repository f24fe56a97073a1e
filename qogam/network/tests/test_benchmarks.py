"""Benchmarks: each member's value, the median and quartiles of what the reader may see, the
reader's rank, the trend, normalised views, refusals, the export, the API and query counts."""

from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from conftest import make_user
from qogam.accounts.services import grant_membership
from qogam.core.enums import Role, Visibility
from qogam.core.tenancy import all_universities
from qogam.indicators.models import Indicator, PackEntry
from qogam.indicators.tests.records import make_indicator
from qogam.network import benchmarks as bm
from qogam.network.enums import MembershipStatus
from qogam.network.tests.records_members import (
    C_NAME,
    THIS_YEAR,
    approve,
    bench_world,
    count_queries,
    make_membership,
    period,
    share,
)
from qogam.organisations.models import University


@pytest.fixture(autouse=True)
def _in_english():
    """Pages and the API are read in English, where the anonymised label is "University A"."""
    with translation.override("en"):
        yield


A_NAME = "Aqtobe Technical University"
B_NAME = "Baikonur State University"


def _bench(world, code, who, **options):
    indicator = world["indicators"][code]
    own = world[who].pk if who else None
    return bm.build_benchmark(indicator, bm.Audience(own_university_id=own), **options)


def _rows(benchmark):
    return [(row.label, row.value, row.rank, row.is_own) for row in benchmark.rows]


def test_benchmark_member_sees_own_and_shared_values_with_median_and_rank(world):
    bench_world(world)

    found = _bench(world, "BM-COUNT", "a")

    assert _rows(found) == [
        ("University A", Decimal(50), 1, False),
        (B_NAME, Decimal(30), 2, False),
        (A_NAME, Decimal(12), 3, True),
    ]
    assert (found.q1, found.median, found.q3) == (Decimal(21), Decimal(30), Decimal(40))
    assert (found.own.rank, found.ranked_of) == (3, 3)
    assert (found.sharing_count, found.members_total) == (3, 3)


def test_benchmark_own_private_value_counts_for_its_own_reader_only(world):
    bench_world(world)

    for_a = _bench(world, "BM-SHARE", "a")
    for_b = _bench(world, "BM-SHARE", "b")

    assert [r[:2] for r in _rows(for_a)] == [
        (A_NAME, Decimal("91.37")),
        ("University A", Decimal(65)),
        (B_NAME, Decimal(45)),
    ]
    assert for_a.median == Decimal(65)
    assert [r[:2] for r in _rows(for_b)] == [("University A", Decimal(65)), (B_NAME, Decimal(45))]
    assert for_b.median == Decimal(55)
    assert for_b.sharing_count == 2


def test_benchmark_network_admin_sees_every_shared_value_and_no_private_one(world):
    bench_world(world)

    found = _bench(world, "BM-SHARE", None)

    assert [r[:2] for r in _rows(found)] == [("University A", Decimal(65)), (B_NAME, Decimal(45))]
    assert found.own is None


def test_benchmark_anonymous_letter_is_the_same_for_every_reader(world):
    bench_world(world)

    labels = {
        who: {r.label for r in _bench(world, "BM-COUNT", who).rows if not r.is_own}
        for who in ("a", "b")
    }

    assert labels == {"a": {"University A", B_NAME}, "b": {"University A", A_NAME}}
    own_c = _bench(world, "BM-COUNT", "c")
    assert own_c.own.label == C_NAME


def test_benchmark_trend_gives_own_value_and_median_per_year(world):
    bench_world(world)

    found = _bench(world, "BM-COUNT", "a")

    assert [(p.period.key, p.own, p.median, p.count) for p in found.trend[-2:]] == [
        (period(THIS_YEAR - 1), Decimal(10), Decimal(20), 3),
        (period(THIS_YEAR), Decimal(12), Decimal(30), 3),
    ]
    assert [(p.own, p.median, p.count) for p in found.trend[:3]] == [(None, None, 0)] * 3


def test_benchmark_per_thousand_students_divides_by_each_universitys_students(world):
    bench_world(world)
    with all_universities():
        for n in range(3):
            student = make_user(f"student{n}@example.kz", f"Student {n}")
            grant_membership(actor=None, user=student, university=world["b"], role=Role.STUDENT)

    found = _bench(world, "BM-COUNT", "a", per="students")

    # A has one student (dana), B three, C none: C's value is shown as no data.
    assert _rows(found) == [
        (A_NAME, Decimal(12000), 1, True),
        (B_NAME, Decimal(10000), 2, False),
        ("University A", None, None, False),
    ]
    assert found.median == Decimal(11000)


def test_benchmark_per_thousand_refused_for_a_share(world):
    bench_world(world)

    with pytest.raises(bm.NotComparable) as refusal:
        _bench(world, "BM-SHARE", "a", per="staff")

    assert "BM-SHARE is a share, a ratio or a score" in refusal.value.reason


def test_benchmark_own_definition_with_the_same_code_is_refused(world, client_for):
    bench_world(world)
    # Defined before a pack shipped the code (validation refuses such a code today).
    with all_universities():
        own = Indicator.objects.create(
            university=world["b"],
            code="BM-COUNT",
            name_en="B's own partners count",
            unit="count",
            method="manual",
        )
    share(world["b"], own, Visibility.NETWORK)

    response = client_for(world["alice"]).get(reverse("network:benchmark", args=[own.public_id]))
    listing = client_for(world["alice"]).get(reverse("network:benchmarks")).content.decode()

    assert response.status_code == 409
    assert "Members define BM-COUNT differently" in response.content.decode()
    assert "Members define BM-COUNT differently" in listing


def test_benchmark_left_member_values_disappear(world):
    bench_world(world)
    make_membership(world["b"], MembershipStatus.LEFT)

    found = _bench(world, "BM-COUNT", "a")

    assert [r[:2] for r in _rows(found)] == [("University A", Decimal(50)), (A_NAME, Decimal(12))]
    assert found.members_total == 2


def test_benchmark_list_shows_indicators_shared_by_two_members(world):
    bench_world(world)

    comparable, refused = bm.comparable_indicators(bm.Audience(own_university_id=world["a"].pk))

    assert [(c.indicator.code, c.sharing, c.own_shares) for c in comparable] == [
        ("BM-COUNT", 3, True),
        ("BM-SHARE", 2, False),
    ]
    assert refused == []


def test_benchmark_page_shows_values_and_says_only_shared_are_counted(world, client_for):
    bench_world(world)
    url = reverse("network:benchmark", args=[world["indicators"]["BM-SHARE"].public_id])

    body = client_for(world["charlie"]).get(url).content.decode()

    assert "Only the values members chose to share (and your own) are shown" in body
    assert "45.00" in body and "65.00" in body and "55.00" in body
    assert "91.37" not in body


def test_benchmark_page_refused_to_a_university_outside_the_network(world, client_for):
    bench_world(world)
    make_membership(world["b"], MembershipStatus.LEFT)

    response = client_for(world["charlie"]).get(reverse("network:benchmarks"))

    assert response.status_code == 403


def test_benchmark_export_holds_the_page_values(world, client_for):
    bench_world(world)
    url = reverse("network:benchmark_export", args=[world["indicators"]["BM-COUNT"].public_id])

    response = client_for(world["alice"]).get(url)
    book = openpyxl.load_workbook(BytesIO(response.content))
    rows = [tuple(r) for r in book["Members"].iter_rows(min_row=6, max_row=8, values_only=True)]

    assert response.status_code == 200
    assert rows == [
        (1, "University A", 50.0, None),
        (2, B_NAME, 30.0, None),
        (3, A_NAME, 12.0, "✓"),
    ]
    assert [r[2] for r in book["Members"].iter_rows(min_row=10, values_only=True)] == [
        21.0,
        30.0,
        40.0,
    ]


def test_benchmark_api_returns_the_benchmark_and_refuses_outsiders(world, client_for):
    bench_world(world)

    data = client_for(world["charlie"]).get("/api/v1/network/benchmarks/BM-SHARE").json()
    outsider = make_user("outsider@example.kz", "Outsider")
    with all_universities():
        d = University.objects.create(network=world["network"], slug="d-uni", name_en="D")
        grant_membership(actor=None, user=outsider, university=d, role=Role.STAFF)
    refused = client_for(outsider).get("/api/v1/network/benchmarks/BM-SHARE")

    # The API answers in the installation's language (Kazakh) unless asked otherwise.
    assert [(r["university"], r["value"], r["rank"]) for r in data["rows"]] == [
        ("A университеті", "65.0000", 1),
        ("Байқоңыр мемлекеттік университеті", "45.0000", 2),
    ]
    assert (data["median"], data["own_rank"], data["sharing"]) == ("55.0000", 2, 2)
    assert refused.status_code == 403


def test_benchmark_api_list_and_refusal_of_an_own_definition(world, client_for):
    bench_world(world)
    with all_universities():
        own = make_indicator(world["b"], code="B-ONLY", name_en="B's own")
    share(world["b"], own, Visibility.NETWORK)
    client = client_for(world["alice"])

    listed = client.get("/api/v1/network/benchmarks", HTTP_ACCEPT_LANGUAGE="en").json()
    refused = client.get("/api/v1/network/benchmarks/B-ONLY", HTTP_ACCEPT_LANGUAGE="en")

    assert [(i["indicator"], i["sharing"]) for i in listed] == [("BM-COUNT", 3), ("BM-SHARE", 2)]
    assert refused.status_code == 409
    assert "Members define B-ONLY differently" in refused.json()["detail"]


def _add_member(world, n: int):
    with all_universities():
        university = University.objects.create(
            network=world["network"], slug=f"extra-{n}", name_en=f"Extra {n}"
        )
    make_membership(university)
    indicator = world["indicators"]["BM-COUNT"]
    approve(university, indicator, period(THIS_YEAR), Decimal(n))
    share(university, indicator, Visibility.NETWORK)


def test_benchmark_query_count_does_not_grow_with_members(world, client_for):
    bench_world(world)
    client = client_for(world["alice"])
    url = reverse("network:benchmark", args=[world["indicators"]["BM-COUNT"].public_id])
    client.get(url)

    before = count_queries(lambda: client.get(url))
    _add_member(world, 1)
    _add_member(world, 2)
    after = count_queries(lambda: client.get(url))

    assert after == before


def test_benchmark_list_query_count_does_not_grow_with_members(world, client_for):
    bench_world(world)
    client = client_for(world["alice"])
    url = reverse("network:benchmarks")
    client.get(url)

    before = count_queries(lambda: client.get(url))
    _add_member(world, 1)
    _add_member(world, 2)
    after = count_queries(lambda: client.get(url))

    assert after == before


def test_benchmark_computed_indicator_costs_only_its_aggregates_per_member(world):
    """A computed value is an aggregate over one member's records: each member adds its
    measure's aggregate and the evaluation's targets read for each year of the trend, and
    nothing else (no per-member reads of memberships, sharing or names)."""
    bench_world(world)
    with all_universities():
        staff = make_indicator(
            None, code="BM-STAFF", name_en="Staff", method="computed", measure="accounts.staff"
        )
        PackEntry.objects.create(pack=world["pack"], indicator=staff, order=3)
    for key in ("a", "b"):
        share(world[key], staff, Visibility.NETWORK)
    audience = bm.Audience(own_university_id=world["a"].pk)

    before = count_queries(lambda: bm.build_benchmark(staff, audience))
    with all_universities():
        extra = University.objects.create(network=world["network"], slug="extra", name_en="X")
    make_membership(extra)
    share(extra, staff, Visibility.NETWORK)
    after = count_queries(lambda: bm.build_benchmark(staff, audience))

    assert after - before == bm.TREND_YEARS * 2
