import io
import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

URL = "/api/v1/sdg/tag"


def test_sdg_tag_command_round_trip_with_a_bad_line():
    stdin = io.StringIO(
        '{"id": "p1", "text": "Teachers and pupils in rural schools improve their literacy."}\n'
        "not json\n"
        '{"id": "p3", "text": 42}\n'
        '{"id": "p4", "text": ""}\n'
    )
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("sdg_tag", stdin=stdin, stdout=out, stderr=err)
    assert exit_.value.code == 1
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [x.get("id") for x in lines] == ["p1", None, "p3", "p4"]
    assert (lines[0]["language"], lines[0]["goals"][0]["goal"]) == ("en", 4)
    assert lines[1]["line"] == 2
    assert lines[1]["error"].startswith("not valid JSON")
    assert (lines[2]["line"], lines[2]["error"]) == (3, 'expected an object with a string "text"')
    assert (lines[3]["goals"], lines[3]["notes"]) == ([], ["empty"])
    assert err.getvalue().strip() == "2 line(s) failed"


def test_sdg_api_refuses_anonymous(world, client_for):
    response = client_for(None).post(URL, {"text": "school"}, content_type="application/json")
    assert response.status_code == 401


@pytest.mark.parametrize("name", ["pavel", "dana"])
def test_sdg_api_refuses_people_who_are_not_staff(world, client_for, name):
    response = client_for(world[name]).post(
        URL, {"text": "school"}, content_type="application/json"
    )
    assert response.status_code == 403


@pytest.mark.parametrize("name", ["bob", "charlie", "nora"])
def test_sdg_api_tags_for_staff(world, client_for, name):
    response = client_for(world[name]).post(
        URL,
        {"text": "Оқушылардың цифрлық сауаттылығын арттыру үшін мектеп мұғалімдерін оқыту"},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["language"], body["goals"][0]["goal"], body["no_sdg"]) == ("kk", 4, False)
    assert body["evidence"]["4"]["terms"] != []


def test_sdg_api_rejects_missing_text(world, client_for):
    response = client_for(world["bob"]).post(URL, {}, content_type="application/json")
    assert response.status_code == 422
