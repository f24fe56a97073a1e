"""The hours API: the same rules and services as the pages."""

import pytest

from qogam.core.tenancy import all_universities
from qogam.volunteering import hours
from qogam.volunteering.enums import HoursStatus
from qogam.volunteering.models import HoursEntry
from qogam.volunteering.tests.records import make_opportunity
from qogam.volunteering.tests.records_hours import (
    SECRET_NOTE,
    a_hours_records,
    partner_of_pavel,
    past_sign_ups,
)

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_api_log_hours_then_change_and_list_mine(world, client_for):
    _shift, (sign_up,) = past_sign_ups(world, make_opportunity(world), length=3)
    client = client_for(world["dana"])
    url = f"/api/v1/volunteering/sign-ups/{sign_up.public_id}/hours"
    created = client.post(url, {"hours": "2.5", "note": "Games"}, content_type="application/json")
    assert created.status_code == 201
    assert (created.json()["hours"], created.json()["status"]) == ("2.50", "logged")
    changed = client.post(url, {"hours": 3}, content_type="application/json")
    assert changed.status_code == 200
    mine = client.get("/api/v1/volunteering/hours/mine").json()
    assert [(row["id"], row["hours"]) for row in mine] == [(created.json()["id"], "3.00")]


def test_api_log_hours_bad_input_named(world, client_for):
    _shift, (sign_up,) = past_sign_ups(world, make_opportunity(world), length=2)
    client = client_for(world["dana"])
    url = f"/api/v1/volunteering/sign-ups/{sign_up.public_id}/hours"
    too_many = client.post(url, {"hours": 4}, content_type="application/json", **EN)
    assert too_many.status_code == 422
    assert "more than the shift lasted" in too_many.json()["errors"]["hours"][0]
    missing = client.post(url, {}, content_type="application/json", **EN)
    assert missing.status_code == 422
    assert missing.json()["errors"]["hours"] == ["This field is required."]


def test_api_log_hours_of_another_student_404(world, client_for):
    records = a_hours_records(world)
    url = f"/api/v1/volunteering/sign-ups/{records['sign_up'].public_id}/hours"
    for persona in ("bob", "cora", "charlie"):
        response = client_for(world[persona]).post(
            url, {"hours": 1}, content_type="application/json"
        )
        assert response.status_code == 404


def test_api_queue_verify_and_reject(world, client_for):
    records = a_hours_records(world)
    client = client_for(world["cora"])
    queue = client.get("/api/v1/volunteering/hours/queue").json()
    assert [row["note"] for row in queue] == [SECRET_NOTE]
    entry = records["entry"]
    no_reason = client.post(
        f"/api/v1/volunteering/hours/{entry.public_id}/reject",
        {"reason": ""},
        content_type="application/json",
        **EN,
    )
    assert no_reason.status_code == 422
    assert "reason" in no_reason.json()["errors"]
    verified = client.post(f"/api/v1/volunteering/hours/{entry.public_id}/verify")
    assert verified.status_code == 200
    assert verified.json()["status"] == "verified"
    again = client.post(f"/api/v1/volunteering/hours/{entry.public_id}/verify", **EN)
    assert again.status_code == 422
    assert client.get("/api/v1/volunteering/hours/queue").json() == []


@pytest.mark.parametrize("persona", ["charlie", "bianca", "bob", "dana", "pavel"])
def test_api_others_cannot_see_or_verify(world, client_for, persona):
    records = a_hours_records(world)
    client = client_for(world[persona])
    assert SECRET_NOTE not in client.get("/api/v1/volunteering/hours/queue").content.decode()
    entry = records["entry"]
    assert client.post(f"/api/v1/volunteering/hours/{entry.public_id}/verify").status_code == 404
    response = client.post(
        f"/api/v1/volunteering/hours/{entry.public_id}/reject",
        {"reason": "No."},
        content_type="application/json",
    )
    assert response.status_code == 404
    with all_universities():
        assert HoursEntry.objects.get(pk=entry.pk).status == HoursStatus.LOGGED


def test_api_pavel_verifies_his_partners_hours(world, client_for):
    opportunity = make_opportunity(world, partner=partner_of_pavel(world))
    _shift, (sign_up,) = past_sign_ups(world, opportunity)
    entry = hours.log_hours(student=world["dana"], sign_up=sign_up, hours="3")
    client = client_for(world["pavel"])
    assert [row["id"] for row in client.get("/api/v1/volunteering/hours/queue").json()] == [
        str(entry.public_id)
    ]
    rejected = client.post(
        f"/api/v1/volunteering/hours/{entry.public_id}/reject",
        {"reason": "Not seen."},
        content_type="application/json",
    )
    assert rejected.status_code == 200
    assert rejected.json()["rejection_reason"] == "Not seen."


def test_api_anonymous_refused(world, client_for):
    records = a_hours_records(world)
    client = client_for(None)
    assert client.get("/api/v1/volunteering/hours/mine").status_code == 401
    assert client.get("/api/v1/volunteering/hours/queue").status_code == 401
    url = f"/api/v1/volunteering/hours/{records['entry'].public_id}/verify"
    assert client.post(url).status_code == 401


def test_api_queue_query_count(world, client_for, django_assert_max_num_queries):
    opportunity = make_opportunity(world, unit=world["a_department"])
    for _n in range(5):
        _shift, (sign_up,) = past_sign_ups(world, opportunity)
        hours.log_hours(student=world["dana"], sign_up=sign_up, hours="1")
    client = client_for(world["cora"])
    with django_assert_max_num_queries(8):
        rows = client.get("/api/v1/volunteering/hours/queue").json()
    assert len(rows) == 5
