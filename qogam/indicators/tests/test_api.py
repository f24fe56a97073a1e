"""The indicators API: definitions for everyone, values and targets only as published."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from qogam.core.enums import Visibility
from qogam.core.tenancy import university_scope
from qogam.indicators.enums import ValueStatus
from qogam.indicators.models import (
    Indicator,
    IndicatorVisibility,
    ManualValue,
    Pack,
    PackActivation,
    PackEntry,
    Target,
)
from qogam.indicators.tests.records import make_indicator


def _a_figures(world, *, public=("A-PUB",), count=3):
    """University A's own pack with `count` manual indicators, an approved value and a
    target each for 2025/26; those in `public` published as open data."""
    a = world["a"]
    with university_scope(a):
        pack = Pack.objects.create(university=a, code="a-own", name_en="A's figures")
        PackActivation.objects.create(university=a, pack=pack)
        codes = [*public, *[f"A-SECRET-{n}" for n in range(count - len(public))]]
        for order, code in enumerate(codes, start=1):
            indicator = make_indicator(a, code=code, name_en=f"Figure {code}")
            PackEntry.objects.create(pack=pack, indicator=indicator, order=order)
            ManualValue.objects.create(
                university=a,
                indicator=indicator,
                period="2025/26",
                value=Decimal(order * 10),
                status=ValueStatus.APPROVED,
            )
            Target.objects.create(university=a, indicator=indicator, period="2025/26", value=50)
            if code in public:
                IndicatorVisibility.objects.create(
                    university=a, indicator=indicator, visibility=Visibility.PUBLIC
                )
    return codes


def _values(client, year=2025, university="aqtobe-tech"):
    response = client.get(f"/api/v1/indicator-values?university={university}&year={year}")
    assert response.status_code == 200
    return {row["indicator"]: row["value"] for row in response.json()}


def test_api_values_staff_of_the_university_see_all(world, client_for):
    _a_figures(world)

    values = _values(client_for(world["bob"]))

    assert values == {"A-PUB": "10.00", "A-SECRET-0": "20.00", "A-SECRET-1": "30.00"}


def test_api_values_anonymous_get_only_public_ones(world, client_for):
    _a_figures(world)

    assert _values(client_for(None)) == {"A-PUB": "10.00"}


def test_api_values_charlie_gets_none_of_a_private_values(world, client_for):
    _a_figures(world, public=())

    assert _values(client_for(world["charlie"])) == {}


def test_api_values_network_visibility_for_network_members_only(world, client_for):
    _a_figures(world, public=())
    with university_scope(world["a"]):
        IndicatorVisibility.objects.filter(university=world["a"]).delete()
        shared = Indicator.objects.get(code="A-SECRET-0")
        IndicatorVisibility.objects.create(
            university=world["a"], indicator=shared, visibility=Visibility.NETWORK
        )

    assert _values(client_for(world["bianca"])) == {"A-SECRET-0": "10.00"}
    assert _values(client_for(None)) == {}


def test_api_values_unknown_university_is_404(world, client_for):
    response = client_for(None).get("/api/v1/indicator-values?university=nowhere&year=2025")

    assert response.status_code == 404


def test_api_values_query_count_does_not_grow_with_entered_values(world, client_for):
    _a_figures(world, count=2)
    client = client_for(world["bob"])
    with CaptureQueriesContext(connection) as few:
        _values(client)
    _a_more = world["a"]
    with university_scope(_a_more):
        pack = Pack.objects.get(code="a-own")
        for n in range(5):
            indicator = make_indicator(_a_more, code=f"A-MORE-{n}", name_en="More")
            PackEntry.objects.create(pack=pack, indicator=indicator, order=10 + n)

    with CaptureQueriesContext(connection) as many:
        assert len(_values(client)) == 7

    assert len(many) == len(few)


def test_api_targets_follow_what_the_caller_may_read(world, client_for):
    _a_figures(world)

    staff = client_for(world["bob"]).get(
        "/api/v1/indicator-targets?university=aqtobe-tech&year=2025"
    )
    public = client_for(None).get("/api/v1/indicator-targets?university=aqtobe-tech&year=2025")

    assert [t["indicator"] for t in staff.json()] == ["A-PUB", "A-SECRET-0", "A-SECRET-1"]
    assert public.json() == [
        {"indicator": "A-PUB", "unit": None, "period": "2025/26", "value": "50.00"}
    ]


def test_api_definitions_list_shipped_and_own_of_the_caller(world, client_for):
    _a_figures(world, count=1)
    shipped = make_indicator(None, code="VOL-01", name_en="Volunteers", name_kk="Еріктілер")

    mine = client_for(world["bob"]).get("/api/v1/indicators").json()
    theirs = client_for(world["charlie"]).get("/api/v1/indicators").json()

    assert [i["code"] for i in mine] == ["A-PUB", "VOL-01"]
    assert [i["code"] for i in theirs] == ["VOL-01"]
    assert theirs[0]["name"]["kk"] == "Еріктілер"
    assert theirs[0]["method"] == shipped.method


def test_api_definition_by_code_hides_another_university_own(world, client_for):
    _a_figures(world, count=1)

    assert client_for(world["bob"]).get("/api/v1/indicators/A-PUB").json()["code"] == "A-PUB"
    assert client_for(world["charlie"]).get("/api/v1/indicators/A-PUB").status_code == 404


def test_api_packs_list_indicator_codes(world, client_for):
    _a_figures(world, count=2)

    packs = client_for(world["alice"]).get("/api/v1/indicator-packs").json()
    others = client_for(world["charlie"]).get("/api/v1/indicator-packs").json()

    assert [(p["code"], p["indicators"]) for p in packs] == [("a-own", ["A-PUB", "A-SECRET-0"])]
    assert others == []


def test_api_schema_lists_the_indicator_endpoints(world, client):
    schema = client.get("/api/v1/openapi.json").json()

    assert {
        "/api/v1/indicators",
        "/api/v1/indicators/{code}",
        "/api/v1/indicator-packs",
        "/api/v1/indicator-values",
        "/api/v1/indicator-targets",
    } <= set(schema["paths"])
    assert "ValueOut" in schema["components"]["schemas"]
