from datetime import date

from django.utils import timezone

from qogam.accounts.services import create_api_token
from qogam.strategy.tests.records import (
    SECRET_MEASURE,
    SECRET_STRATEGY,
    a_strategy_records,
    make_strategy,
)


def _bearer(world, persona) -> dict:
    _token, raw = create_api_token(user=world[persona], name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_api_list_and_get_strategy_with_nested_plan(world, client):
    records = a_strategy_records(world)
    auth = _bearer(world, "bob")
    listed = client.get("/api/v1/strategies", **auth).json()
    assert [s["title"]["en"] for s in listed] == [SECRET_STRATEGY]
    data = client.get(f"/api/v1/strategies/{records['strategy'].public_id}", **auth).json()
    assert data["budget"] == "1500000.00"
    [direction] = data["directions"]
    [goal] = direction["goals"]
    [measure] = goal["measures"]
    assert measure["title"]["en"] == SECRET_MEASURE
    assert measure["number"] == "1.1.1"
    assert measure["owner"] == "Bob"
    assert measure["indicator_codes"] == ["VOL-01"]
    assert [p["title"]["en"] for p in measure["projects"]] == ["Repairing the playground"]
    assert measure["status"] == "on_track"


def test_api_other_university_gets_404(world, client):
    records = a_strategy_records(world)
    auth = _bearer(world, "charlie")
    assert client.get("/api/v1/strategies", **auth).json() == []
    assert (
        client.get(f"/api/v1/strategies/{records['strategy'].public_id}", **auth).status_code == 404
    )
    measure = records["measure"].public_id
    assert client.get(f"/api/v1/strategy-measures/{measure}", **auth).status_code == 404
    response = client.post(
        f"/api/v1/strategy-measures/{measure}/notes",
        {"status": "done", "text": "x"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 404
    assert SECRET_MEASURE not in client.get("/api/v1/strategy-measures", **auth).content.decode()


def test_api_measures_filtered_by_owner_and_overdue(world, client):
    a_strategy_records(world)
    auth = _bearer(world, "bob")
    mine = client.get("/api/v1/strategy-measures?mine=true", **auth).json()
    assert [m["title"]["en"] for m in mine] == [SECRET_MEASURE]
    assert client.get("/api/v1/strategy-measures?mine=true", **_bearer(world, "erin")).json() == []


def test_api_owner_reports_progress(world, client):
    measure = a_strategy_records(world)["measure"]
    url = f"/api/v1/strategy-measures/{measure.public_id}/notes"
    response = client.post(
        url,
        {"status": "done", "text": "Open.", "on": "2026-09-01"},
        content_type="application/json",
        **_bearer(world, "bob"),
    )
    assert response.status_code == 201, response.content
    assert response.json()["measure_status"] == "done"
    measure.refresh_from_db()
    assert (measure.status, measure.done_on) == ("done", date(2026, 9, 1))


def test_api_progress_note_refused_and_invalid(world, client):
    measure = a_strategy_records(world)["measure"]
    url = f"/api/v1/strategy-measures/{measure.public_id}/notes"
    response = client.post(
        url,
        {"status": "done", "text": "x"},
        content_type="application/json",
        **_bearer(world, "cora"),
    )
    assert response.status_code == 403
    response = client.post(
        url, {"text": ""}, content_type="application/json", **_bearer(world, "bob")
    )
    assert response.status_code == 422
    assert "status" in response.json()["errors"]
    future = (timezone.localdate().replace(year=timezone.localdate().year + 1)).isoformat()
    response = client.post(
        url,
        {"status": "at_risk", "text": "Later", "on": future},
        content_type="application/json",
        **_bearer(world, "bob"),
    )
    assert response.status_code == 422
    assert "on" in response.json()["errors"]
    measure.refresh_from_db()
    assert measure.status == "on_track"


def test_api_templates_listed_to_members_of_the_network(world, client):
    make_strategy(world, "nora", university=world["b"], is_template=True, title_en="Net model")
    listed = client.get("/api/v1/strategies", **_bearer(world, "erin")).json()
    assert [(s["title"]["en"], s["is_template"]) for s in listed] == [("Net model", True)]
