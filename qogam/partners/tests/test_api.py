from datetime import timedelta

import pytest
from django.utils import timezone

from qogam.accounts.services import create_api_token
from qogam.core.tenancy import all_universities
from qogam.partners.models import Agreement, PartnerOrganisation
from qogam.partners.tests.records import (
    SECRET_AGREEMENT,
    SECRET_CONTACT,
    SECRET_PARTNER,
    a_partner_records,
    make_agreement,
    make_partner,
    make_representative,
)

GOOD_BIN = "990840000012"


def _bearer(user) -> dict:
    _token, raw = create_api_token(user=user, name="Script")
    # The API answers in the language asked for (Kazakh when none is): ask for English.
    return {"Authorization": f"Bearer {raw}", "Accept-Language": "en"}


def _partner_payload(**values):
    payload = {"kind": "business", "name_kk": "Алма Агро", "region": "aktobe", "city": "Aktobe"}
    payload.update(values)
    return payload


def test_api_schema_lists_partner_endpoints(client, db):
    paths = set(client.get("/api/v1/openapi.json").json()["paths"])
    assert {
        "/api/v1/partners",
        "/api/v1/partners/{public_id}",
        "/api/v1/partners/{public_id}/contacts",
        "/api/v1/universities/{slug}/partners",
        "/api/v1/agreements",
        "/api/v1/agreements/{public_id}",
        "/api/v1/universities/{slug}/agreements",
    } <= paths


def test_api_partner_list_anonymous_sees_public_only(world, client):
    a_partner_records(world)
    make_partner(world, name_kk="Ашық серіктес", name_ru="Открытый партнёр", visibility="public")
    response = client.get("/api/v1/partners")
    assert response.status_code == 200
    assert [(p["name"]["kk"], p["name"]["ru"]) for p in response.json()] == [
        ("Ашық серіктес", "Открытый партнёр")
    ]


def test_api_partner_list_with_token_shows_own_private_and_filters(world, client):
    a_partner_records(world)
    make_partner(world, name_kk="Мектеп", kind="school", region="almaty_city", city="Almaty")
    headers = _bearer(world["bob"])

    def names(**params):
        response = client.get("/api/v1/partners", params, headers=headers)
        assert response.status_code == 200
        return [p["name"]["display"] for p in response.json()]

    assert names() == [SECRET_PARTNER, "Мектеп"]
    assert names(kind="school") == ["Мектеп"]
    assert names(region="aktobe") == [SECRET_PARTNER]
    assert names(search="almaty") == ["Мектеп"]
    assert names(search="180140000018") == [SECRET_PARTNER]


@pytest.mark.parametrize("count", [1, 3])
def test_api_partner_list_query_count_does_not_grow(
    world, client, django_assert_max_num_queries, count
):
    for i in range(count):
        make_partner(world, name_kk=f"Серіктес {i}", city=f"City {i}")
    client.force_login(world["bob"])
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/partners")
    assert len(response.json()) == count


@pytest.mark.parametrize("count", [1, 3])
def test_api_agreement_list_query_count_does_not_grow(
    world, client, django_assert_max_num_queries, count
):
    partner = make_partner(world)
    for i in range(count):
        make_agreement(world, partner, title_kk=f"Шарт {i}")
    client.force_login(world["bob"])
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/agreements")
    assert len(response.json()) == count


def test_api_partner_detail_is_404_across_universities(world, client):
    records = a_partner_records(world)
    url = f"/api/v1/partners/{records['partner'].public_id}"
    mine = client.get(url, headers=_bearer(world["alice"]))
    assert mine.status_code == 200
    assert mine.json()["bin"] == "180140000018"
    assert mine.json()["latitude"] == 50.2839
    theirs = client.get(url, headers=_bearer(world["charlie"]))
    assert theirs.status_code == 404
    assert SECRET_PARTNER.encode() not in theirs.content
    assert client.get(url).status_code == 404


def test_api_contacts_need_sign_in_and_are_staff_only(world, client):
    records = a_partner_records(world)
    public = make_partner(world, name_kk="Ашық", visibility="public", city="Khromtau")
    make_representative(world, public, world["pavel"])
    url = f"/api/v1/partners/{records['partner'].public_id}/contacts"
    assert client.get(url).status_code == 401
    staff = client.get(url, headers=_bearer(world["bob"]))
    assert [c["full_name"] for c in staff.json()] == [SECRET_CONTACT]
    assert client.get(url, headers=_bearer(world["charlie"])).status_code == 404
    # A public partner is readable, its people are not.
    public_url = f"/api/v1/partners/{public.public_id}/contacts"
    assert client.get(public_url, headers=_bearer(world["charlie"])).json() == []
    assert [
        c["full_name"] for c in client.get(public_url, headers=_bearer(world["pavel"])).json()
    ] == ["Pavel"]


def test_api_create_partner_with_token(world, client):
    headers = _bearer(world["erin"])
    response = client.post(
        "/api/v1/universities/aqtobe-tech/partners",
        _partner_payload(bin=GOOD_BIN, units=[str(world["a_faculty"].public_id)]),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201
    assert response.json()["name"] == {
        "kk": "Алма Агро",
        "ru": "",
        "en": "",
        "display": "Алма Агро",
    }
    with all_universities():
        partner = PartnerOrganisation.objects.get(bin=GOOD_BIN)
        assert [u.pk for u in partner.units.all()] == [world["a_faculty"].pk]


def test_api_create_partner_duplicate_and_bad_bin_are_422(world, client):
    make_partner(world, name_kk="ТОО «Алма Агро»", kind="business")
    headers = _bearer(world["erin"])
    url = "/api/v1/universities/aqtobe-tech/partners"
    duplicate = client.post(
        url, _partner_payload(), content_type="application/json", headers=headers
    )
    assert duplicate.status_code == 422
    assert duplicate.json()["errors"] == {
        "__all__": [
            "This partner seems to be recorded already: ТОО «Алма Агро». Open that record instead."
        ]
    }
    bad = client.post(
        url,
        _partner_payload(name_kk="Басқа", bin="180140000019"),
        content_type="application/json",
        headers=headers,
    )
    assert bad.status_code == 422
    assert bad.json()["errors"]["bin"] == [
        "This BIN's control digit does not match; check it for a typing error."
    ]


def test_api_create_partner_charlie_at_a_is_403_and_staff_403(world, client):
    url = "/api/v1/universities/aqtobe-tech/partners"
    for persona in ["charlie", "bob"]:
        response = client.post(
            url,
            _partner_payload(),
            content_type="application/json",
            headers=_bearer(world[persona]),
        )
        assert response.status_code == 403, persona
    assert client.post(url, _partner_payload(), content_type="application/json").status_code == 401
    with all_universities():
        assert PartnerOrganisation.objects.count() == 0


def test_api_agreements_list_detail_and_404_across_universities(world, client):
    records = a_partner_records(world)
    url = f"/api/v1/agreements/{records['agreement'].public_id}"
    mine = client.get(url, headers=_bearer(world["bob"]))
    assert mine.status_code == 200
    assert (mine.json()["title"]["display"], mine.json()["status"]) == (SECRET_AGREEMENT, "active")
    assert mine.json()["partner"] == str(records["partner"].public_id)
    assert client.get(url, headers=_bearer(world["charlie"])).status_code == 404
    listing = client.get("/api/v1/agreements", headers=_bearer(world["charlie"]))
    assert listing.json() == []


def test_api_agreements_filter_by_status(world, client):
    partner = make_partner(world)
    soon = timezone.localdate() + timedelta(days=5)
    make_agreement(world, partner, title_kk="Аяқталатын", ends_on=soon)
    make_agreement(world, partner, title_kk="Жоба", state="draft", signed_on=None)
    headers = _bearer(world["bob"])
    response = client.get("/api/v1/agreements", {"status": "expiring"}, headers=headers)
    assert [a["title"]["kk"] for a in response.json()] == ["Аяқталатын"]


def test_api_create_agreement_and_refuse_end_before_start(world, client):
    partner = make_partner(world)
    headers = _bearer(world["erin"])
    url = "/api/v1/universities/aqtobe-tech/agreements"
    payload = {
        "kind": "cooperation",
        "title_kk": "Ынтымақтастық шарты",
        "partner": str(partner.public_id),
        "starts_on": "2026-02-01",
        "ends_on": "2028-02-01",
    }
    ok = client.post(url, payload, content_type="application/json", headers=headers)
    assert ok.status_code == 201
    assert ok.json()["status"] == "draft"
    bad = client.post(
        url,
        {**payload, "ends_on": "2026-01-01"},
        content_type="application/json",
        headers=headers,
    )
    assert bad.status_code == 422
    assert bad.json()["errors"]["ends_on"] == ["An agreement cannot end before it starts."]
    with all_universities():
        assert Agreement.objects.count() == 1


def test_api_create_agreement_charlie_cannot_use_as_partner(world, client):
    records = a_partner_records(world)
    payload = {
        "kind": "contract",
        "title_kk": "Шарт",
        "partner": str(records["partner"].public_id),
        "starts_on": "2026-02-01",
    }
    headers = _bearer(world["charlie"])
    at_a = client.post(
        "/api/v1/universities/aqtobe-tech/agreements",
        payload,
        content_type="application/json",
        headers=headers,
    )
    assert at_a.status_code == 404
    at_b = client.post(
        "/api/v1/universities/baikonur-state/agreements",
        payload,
        content_type="application/json",
        headers=headers,
    )
    assert at_b.status_code == 404
    with all_universities():
        assert Agreement.objects.count() == 1
