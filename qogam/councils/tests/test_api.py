import pytest

from qogam.core.tenancy import all_universities
from qogam.councils.models import Decision
from qogam.councils.tests.records import (
    SECRET_COUNCIL,
    SECRET_DECISION,
    SECRET_EMAIL,
    a_council_records,
)


def test_api_list_councils_staff_sees_own_charlie_does_not(world, client_for):
    a_council_records(world)
    names = [c["name"]["en"] for c in client_for(world["bob"]).get("/api/v1/councils").json()]
    assert names == [SECRET_COUNCIL]
    assert client_for(world["charlie"]).get("/api/v1/councils").json() == []


def test_api_get_council_shows_contacts_to_staff(world, client_for):
    council = a_council_records(world)["council"]
    data = client_for(world["bob"]).get(f"/api/v1/councils/{council.public_id}").json()
    assert SECRET_EMAIL in [m["email"] for m in data["members"]]
    assert (
        client_for(world["charlie"]).get(f"/api/v1/councils/{council.public_id}").status_code == 404
    )


def test_api_meetings_and_decisions(world, client_for):
    records = a_council_records(world)
    client = client_for(world["alice"])
    meetings = client.get(f"/api/v1/councils/{records['council'].public_id}/meetings").json()
    assert [m["agenda"][0]["en"] for m in meetings] == ["The curriculum"]
    decisions = client.get("/api/v1/decisions").json()
    assert [d["text"]["en"] for d in decisions] == [SECRET_DECISION]
    assert client_for(world["charlie"]).get("/api/v1/decisions").json() == []


def test_api_list_decisions_query_count(world, client_for, django_assert_max_num_queries):
    a_council_records(world)
    client = client_for(world["alice"])
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/decisions").status_code == 200


@pytest.mark.parametrize(
    ("persona", "status"), [("bob", 200), ("dana", 404), ("charlie", 404), ("pavel", 404)]
)
def test_api_update_decision_status(world, client_for, persona, status):
    decision = a_council_records(world)["decision"]
    response = client_for(world[persona]).patch(
        f"/api/v1/decisions/{decision.public_id}",
        {"status": "done", "note": "Finished."},
        content_type="application/json",
    )
    assert response.status_code == status
    with all_universities():
        saved = Decision.objects.get(pk=decision.pk).status
    assert saved == ("done" if status == 200 else "in_progress")


def test_api_openapi_lists_council_operations(world, client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/councils", "/api/v1/decisions/{public_id}"} <= set(paths)
    assert "patch" in paths["/api/v1/decisions/{public_id}"]
