"""The projects API: lists, records, writes, and what another university cannot do."""

import pytest

from qogam.core.enums import Visibility
from qogam.core.tenancy import all_universities
from qogam.needs.enums import NeedState
from qogam.needs.tests.factories import published_need
from qogam.projects.models import Participant, Project, ProjectUpdate
from qogam.projects.tests.factories import SECRET_PROJECT, a_project_records, make_project

PAYLOAD = {
    "kind": "open_event",
    "title_kk": "Ашық есік күні",
    "title_en": "Open day",
    "components": ["educational"],
    "starts_on": "2026-05-01",
    "sdgs": [4],
    "funding": [{"source": "university", "amount": "50000"}],
}


def _post(client, url, payload):
    return client.post(url, payload, content_type="application/json")


def test_api_list_projects_is_paged_and_filtered(world, client_for):
    make_project(world)
    make_project(world, kind="outreach", title_kk="Дәріс", title_en="Lecture")
    response = client_for(world["bob"]).get("/api/v1/projects", {"kind": "outreach", "limit": 1})
    data = response.json()
    assert (data["count"], data["limit"]) == (1, 1)
    assert data["items"][0]["title"]["en"] == "Lecture"


def test_api_list_projects_charlie_cannot_see_a_private_project(world, client_for):
    a_project_records(world)
    response = client_for(world["charlie"]).get("/api/v1/projects")
    assert SECRET_PROJECT.encode() not in response.content
    assert response.json()["count"] == 0


@pytest.mark.parametrize("count", [1, 4])
def test_api_list_projects_query_count_does_not_grow(
    world, client_for, django_assert_max_num_queries, count
):
    for i in range(count):
        make_project(world, title_kk=f"Жоба {i}")
    client = client_for(world["bob"])
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/projects")
    assert response.json()["count"] == count


def test_api_get_project_charlie_gets_404(world, client_for):
    project = a_project_records(world)["project"]
    assert client_for(world["bob"]).get(f"/api/v1/projects/{project.public_id}").status_code == 200
    assert (
        client_for(world["charlie"]).get(f"/api/v1/projects/{project.public_id}").status_code == 404
    )


def test_api_create_project_by_coordinator_takes_up_the_need(world, client_for):
    need = published_need(world)
    payload = {
        **PAYLOAD,
        "lead_unit": str(world["a_faculty"].public_id),
        "needs": [str(need.public_id)],
        "visibility": "public",
    }
    response = _post(
        client_for(world["cora"]), "/api/v1/universities/aqtobe-tech/projects", payload
    )
    assert response.status_code == 201, response.content
    assert response.json()["funding"] == [{"source": "university", "amount": "50000"}]
    need.refresh_from_db()
    assert need.state == NeedState.IN_PROGRESS


def test_api_create_project_with_outcome_while_planned_is_422(world, client_for):
    payload = {**PAYLOAD, "lead_unit": str(world["a_faculty"].public_id), "outcomes_en": "Done"}
    response = _post(
        client_for(world["alice"]), "/api/v1/universities/aqtobe-tech/projects", payload
    )
    assert response.status_code == 422
    assert "outcomes_en" in response.json()["errors"]


def test_api_create_project_charlie_cannot_at_a(world, client_for):
    payload = {**PAYLOAD, "lead_unit": str(world["a_faculty"].public_id)}
    response = _post(
        client_for(world["charlie"]), "/api/v1/universities/aqtobe-tech/projects", payload
    )
    assert response.status_code in {403, 404}
    with all_universities():
        assert Project.objects.count() == 0


def test_api_update_project_changes_only_given_fields(world, client_for):
    project = make_project(world)
    response = client_for(world["alice"]).patch(
        f"/api/v1/projects/{project.public_id}",
        {"status": "running", "beneficiaries": 40},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    project.refresh_from_db()
    assert (project.status, project.beneficiaries, project.title_en) == (
        "running",
        40,
        "Repairing the playground",
    )


def test_api_update_project_charlie_gets_404(world, client_for):
    project = a_project_records(world)["project"]
    response = client_for(world["charlie"]).patch(
        f"/api/v1/projects/{project.public_id}",
        {"status": "running"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_api_participants_add_and_list(world, client_for):
    project = make_project(world)
    client = client_for(world["alice"])
    url = f"/api/v1/projects/{project.public_id}/participants"
    response = _post(client, url, {"person": str(world["dana"].public_id), "role": "volunteer"})
    assert response.status_code == 201, response.content
    assert [p["name"] for p in client.get(url).json()] == ["Dana"]


def test_api_participant_from_other_university_is_422(world, client_for):
    project = make_project(world)
    url = f"/api/v1/projects/{project.public_id}/participants"
    response = _post(client_for(world["alice"]), url, {"person": str(world["bianca"].public_id)})
    assert response.status_code == 422
    assert "user" in response.json()["errors"]


def test_api_charlie_cannot_add_participants_or_updates_at_a(world, client_for):
    project = a_project_records(world)["project"]
    client = client_for(world["charlie"])
    base = f"/api/v1/projects/{project.public_id}"
    assert (
        _post(
            client, f"{base}/participants", {"person": str(world["bianca"].public_id)}
        ).status_code
        == 404
    )
    assert (
        _post(client, f"{base}/updates", {"on": "2026-04-01", "title_kk": "Х"}).status_code == 404
    )
    assert client.get(f"{base}/participants").status_code == 404
    with all_universities():
        assert Participant.objects.count() == 1
        assert ProjectUpdate.objects.count() == 1


def test_api_participants_hidden_from_network_members(world, client_for):
    project = make_project(world, visibility=Visibility.PUBLIC)
    from qogam.projects import services  # noqa: PLC0415

    services.add_participant(
        actor=world["alice"], project=project, user=world["dana"], role="member"
    )
    response = client_for(world["charlie"]).get(
        f"/api/v1/projects/{project.public_id}/participants"
    )
    assert response.json() == []


def test_api_updates_post_and_list(world, client_for):
    project = make_project(world, visibility=Visibility.PUBLIC)
    url = f"/api/v1/projects/{project.public_id}/updates"
    response = _post(
        client_for(world["alice"]),
        url,
        {"on": "2026-03-02", "title_kk": "Басталды", "title_en": "Started"},
    )
    assert response.status_code == 201, response.content
    listed = client_for(None).get(url).json()
    assert [u["title"]["en"] for u in listed] == ["Started"]


def test_api_projects_in_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/projects", "/api/v1/projects/{public_id}/updates"} <= set(paths)


@pytest.mark.parametrize("persona", ["charlie", "bianca", "pavel", None])
def test_api_other_university_cannot_read_or_write_children(world, client_for, persona):
    project = a_project_records(world)["project"]
    client = client_for(world[persona] if persona else None)
    base = f"/api/v1/projects/{project.public_id}"
    participant = {"person": str(world["dana"].public_id), "role": "member"}
    update = {"on": "2026-04-01", "title_kk": "Х"}
    assert client.get(f"{base}/participants").status_code in {401, 404}
    assert client.get(f"{base}/updates").status_code == 404
    assert _post(client, f"{base}/participants", participant).status_code in {401, 404}
    assert _post(client, f"{base}/updates", update).status_code in {401, 404}
    assert client.get(base).status_code == 404
    with all_universities():
        assert (Participant.objects.count(), ProjectUpdate.objects.count()) == (1, 1)
