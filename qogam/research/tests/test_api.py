"""The research API: same reads, rules and services as the pages."""

from qogam.core.tenancy import all_universities
from qogam.research.models import Study
from qogam.research.tests.records import (
    SECRET_QUESTION,
    SECRET_STUDY,
    a_research_records,
    make_question,
    make_study,
)


def _payload(world, **values):
    base = {
        "title_kk": "API арқылы зерттеу",
        "lead_unit": str(world["a_faculty"].public_id),
        "units": [str(world["a_department"].public_id)],
        "authors": ["bob@example.kz"],
        "starts_on": "2026-02-01",
        "ends_on": "2026-10-01",
        "sdgs": [4],
        "status": "ongoing",
        "visibility": "public",
    }
    base.update(values)
    return base


def test_list_studies_hides_other_universities_private_studies(world, client_for):
    a_research_records(world)
    staff = client_for(world["bob"]).get("/api/v1/studies").json()
    assert [s["title"]["kk"] for s in staff] == [SECRET_STUDY]
    for persona in ["charlie", "bianca", None]:
        body = client_for(world[persona] if persona else None).get("/api/v1/studies").content
        assert SECRET_STUDY.encode() not in body


def test_list_studies_paginates_with_offset_and_limit(world, client_for):
    for number in range(5):
        make_study(world, title_kk=f"Зерттеу {number}", visibility="public")
    client = client_for(None)
    first = client.get("/api/v1/studies", {"limit": 2}).json()
    rest = client.get("/api/v1/studies", {"offset": 2, "limit": 10}).json()
    assert len(first) == 2 and len(rest) == 3
    assert not {s["id"] for s in first} & {s["id"] for s in rest}


def test_list_studies_query_count(world, client_for, django_assert_max_num_queries):
    for number in range(10):
        make_study(world, title_kk=f"Зерттеу {number}", visibility="public")
    client = client_for(world["erin"])
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/studies")
    assert len(response.json()) == 10


def test_get_study_charlie_gets_404(world, client_for):
    study = a_research_records(world)["study"]
    assert client_for(world["charlie"]).get(f"/api/v1/studies/{study.public_id}").status_code == 404
    body = client_for(world["erin"]).get(f"/api/v1/studies/{study.public_id}").json()
    assert body["title"]["en"] == SECRET_STUDY
    assert body["sdgs"] == [6, 11]


def test_create_study_through_api(world, client_for):
    response = client_for(world["erin"]).post(
        "/api/v1/universities/aqtobe-tech/studies",
        _payload(world),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    with all_universities():
        study = Study.objects.get(public_id=response.json()["id"])
        assert list(study.authors.all()) == [world["bob"]]
        assert list(study.units.all()) == [world["a_department"]]


def test_create_study_bad_input_refused_with_field(world, client_for):
    client = client_for(world["erin"])
    response = client.post(
        "/api/v1/universities/aqtobe-tech/studies",
        _payload(world, ends_on="2025-01-01"),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "ends_on" in response.json()["errors"]
    response = client.post(
        "/api/v1/universities/aqtobe-tech/studies",
        _payload(world, units=[str(world["b_public"].public_id)]),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "units" in response.json()["errors"]
    with all_universities():
        assert Study.objects.count() == 0


def test_create_study_charlie_refused_at_a(world, client_for):
    response = client_for(world["charlie"]).post(
        "/api/v1/universities/aqtobe-tech/studies",
        _payload(world),
        content_type="application/json",
    )
    assert response.status_code in {403, 404, 422}
    with all_universities():
        assert Study.objects.count() == 0


def test_update_study_through_api(world, client_for):
    study = make_study(world, authors=[world["bob"]])
    response = client_for(world["bob"]).put(
        f"/api/v1/studies/{study.public_id}",
        _payload(world, title_kk="Жаңартылды", status="completed"),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "completed"
    # Someone who is not an author nor a manager may not.
    response = client_for(world["dana"]).put(
        f"/api/v1/studies/{study.public_id}",
        _payload(world),
        content_type="application/json",
    )
    assert response.status_code in {403, 404}


def test_list_and_get_questions(world, client_for):
    records = a_research_records(world)
    make_question(world, question_en="Public topic")
    anonymous = client_for(None).get("/api/v1/research-questions").json()
    assert [q["question"]["en"] for q in anonymous] == ["Public topic"]
    question = records["question"]
    assert (
        client_for(world["charlie"])
        .get(f"/api/v1/research-questions/{question.public_id}")
        .status_code
        == 404
    )
    body = client_for(world["dana"]).get(f"/api/v1/research-questions/{question.public_id}").json()
    assert body["question"]["en"] == SECRET_QUESTION
    assert body["status"] == "taken"


def test_openapi_lists_research_operations(world, client_for):
    schema = client_for(None).get("/api/v1/openapi.json").json()
    operations = {
        op["operationId"]
        for path in schema["paths"].values()
        for op in path.values()
        if isinstance(op, dict) and "operationId" in op
    }
    names = {o.rsplit("_", 2)[-2] + "_" + o.rsplit("_", 2)[-1] for o in operations}
    assert {
        "list_studies",
        "get_study",
        "create_study",
        "update_study",
        "list_questions",
        "get_question",
    } <= names
