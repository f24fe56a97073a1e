"""The API: the same rules and services as the pages."""

import pytest

from qogam.volunteering.tests.records import (
    SECRET_OPPORTUNITY,
    a_volunteering_records,
    make_opportunity,
    make_shift,
)


def test_api_list_public_opportunities_without_sign_in(world, client_for):
    make_opportunity(world, title_en="Open park clean-up", visibility="public")
    a_volunteering_records(world)
    data = client_for(None).get("/api/v1/volunteering/opportunities").json()
    assert [item["title"]["en"] for item in data["items"]] == ["Open park clean-up"]
    assert data["count"] == 1


def test_api_list_charlie_cannot_see_as_private(world, client_for):
    a_volunteering_records(world)
    response = client_for(world["charlie"]).get("/api/v1/volunteering/opportunities")
    assert SECRET_OPPORTUNITY not in response.content.decode()


def test_api_list_query_count(world, client_for, django_assert_max_num_queries):
    for n in range(20):
        make_opportunity(world, title_en=f"Opportunity {n}", visibility="public")
    client = client_for(world["dana"])
    with django_assert_max_num_queries(8):
        data = client.get("/api/v1/volunteering/opportunities?limit=50").json()
    assert data["count"] == 20


def test_api_get_and_shifts(world, client_for):
    records = a_volunteering_records(world)
    opportunity = records["opportunity"]
    client = client_for(world["dana"])
    data = client.get(f"/api/v1/volunteering/opportunities/{opportunity.public_id}").json()
    assert data["title"]["en"] == SECRET_OPPORTUNITY
    shifts = client.get(f"/api/v1/volunteering/opportunities/{opportunity.public_id}/shifts").json()
    assert [(s["capacity"], s["places_left"], s["waiting"]) for s in shifts] == [(2, 1, 0)]
    other = client_for(world["charlie"]).get(
        f"/api/v1/volunteering/opportunities/{opportunity.public_id}/shifts"
    )
    assert other.status_code == 404


def test_api_sign_up_cancel_and_mine(world, client_for):
    shift = make_shift(world, make_opportunity(world), capacity=1)
    client = client_for(world["dana"])
    response = client.post(f"/api/v1/volunteering/shifts/{shift.public_id}/sign-ups")
    assert response.status_code == 201
    sign_up = response.json()
    assert sign_up["status"] == "confirmed"
    again = client.post(
        f"/api/v1/volunteering/shifts/{shift.public_id}/sign-ups", headers={"Accept-Language": "en"}
    )
    assert again.status_code == 422
    assert again.json()["errors"]["shift"] == ["You have already signed up for this shift."]
    mine = client.get("/api/v1/volunteering/sign-ups/mine").json()
    assert [row["id"] for row in mine] == [sign_up["id"]]
    cancelled = client.post(f"/api/v1/volunteering/sign-ups/{sign_up['id']}/cancel")
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"


@pytest.mark.parametrize("persona", ["charlie", "bianca", "bob"])
def test_api_others_cannot_sign_up_or_cancel(world, client_for, persona):
    records = a_volunteering_records(world)
    client = client_for(world[persona])
    response = client.post(f"/api/v1/volunteering/shifts/{records['shift'].public_id}/sign-ups")
    # bob reads A's private opportunity but is no student: 403; the others do not see it: 404.
    assert response.status_code == (403 if persona == "bob" else 404)
    response = client.post(f"/api/v1/volunteering/sign-ups/{records['sign_up'].public_id}/cancel")
    assert response.status_code == 404


def test_api_anonymous_cannot_sign_up(world, client_for):
    shift = make_shift(world, make_opportunity(world, visibility="public"))
    response = client_for(None).post(f"/api/v1/volunteering/shifts/{shift.public_id}/sign-ups")
    assert response.status_code == 401


def test_api_operations_in_openapi(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/volunteering/opportunities" in paths
    assert "post" in paths["/api/v1/volunteering/shifts/{public_id}/sign-ups"]
