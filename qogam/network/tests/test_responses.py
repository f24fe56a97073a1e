"""Members' responses to the recommendations: one per member and recommendation, own evidence
only, active members only."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from qogam.core.tenancy import all_universities
from qogam.network.enums import MembershipStatus
from qogam.network.models import RecommendationResponse
from qogam.network.services import conferences as services
from qogam.network.tests.records_conferences import (
    RECOMMENDATIONS,
    SECRET_NOTE,
    a_conference_records,
    make_membership,
)
from qogam.projects.tests.factories import make_project
from qogam.strategy.tests.records import a_strategy_records, make_goal, make_measure, make_strategy

RECOMMENDATION_TEXT = RECOMMENDATIONS[0]["text_en"]


def _url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def _responses():
    with all_universities():
        return list(
            RecommendationResponse.objects.order_by("pk").values_list(
                "university__slug", "recommendation__number", "status", "note"
            )
        )


def _b_measure(world):
    strategy = make_strategy(
        world,
        actor="charlie",
        university=world["b"],
        starts_on=date(2026, 1, 1),
        ends_on=date(2030, 12, 31),
    )
    return make_measure(world, make_goal(world, strategy, actor="charlie"), actor="charlie")


def test_record_response_updates_in_place_with_audit(world):
    records = a_conference_records(world)
    services.record_response(
        actor=world["alice"],
        recommendation=records["recommendation"],
        university=world["a"],
        status="implemented",
        note="Done in 2026.",
    )
    assert _responses() == [("aqtobe-tech", 1, "implemented", "Done in 2026.")]
    changes = LogEntry.objects.get_for_object(records["response"]).order_by("pk")
    assert [entry.action for entry in changes] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert changes.last().changes_dict["status"] == ["in_progress", "implemented"]


def test_record_response_with_own_evidence_links_it(world):
    records = a_conference_records(world)
    strategy_records = a_strategy_records(world)
    response = services.record_response(
        actor=world["erin"],
        recommendation=records["recommendation"],
        university=world["a"],
        status="in_progress",
        measures=[strategy_records["measure"]],
        projects=[strategy_records["project"]],
    )
    with all_universities():
        assert list(response.measures.all()) == [strategy_records["measure"]]
        assert list(response.projects.all()) == [strategy_records["project"]]


def test_record_response_by_other_university_admin_refused(world):
    records = a_conference_records(world)
    with pytest.raises(PermissionDenied):
        services.record_response(
            actor=world["charlie"],
            recommendation=records["recommendation"],
            university=world["a"],
            status="implemented",
        )
    assert _responses() == [("aqtobe-tech", 1, "in_progress", SECRET_NOTE)]


def test_record_response_by_staff_refused(world):
    records = a_conference_records(world)
    with pytest.raises(PermissionDenied):
        services.record_response(
            actor=world["bob"],
            recommendation=records["recommendation"],
            university=world["a"],
            status="implemented",
        )


def test_record_response_other_university_measure_refused(world):
    records = a_conference_records(world)
    with pytest.raises(ValidationError) as caught:
        services.record_response(
            actor=world["erin"],
            recommendation=records["recommendation"],
            university=world["a"],
            status="implemented",
            measures=[_b_measure(world)],
        )
    assert caught.value.message_dict == {
        "measures": ["A strategy measure belongs to another university."]
    }
    assert _responses() == [("aqtobe-tech", 1, "in_progress", SECRET_NOTE)]


def test_record_response_other_university_project_refused(world):
    records = a_conference_records(world)
    b_project = make_project(world, actor="charlie", lead_unit=world["b_public"])
    with pytest.raises(ValidationError) as caught:
        services.record_response(
            actor=world["charlie"],
            recommendation=records["recommendation"],
            university=world["b"],
            status="planned",
            projects=[a_strategy_records(world)["project"], b_project],
        )
    assert caught.value.message_dict == {"projects": ["A project belongs to another university."]}
    assert _responses() == [("aqtobe-tech", 1, "in_progress", SECRET_NOTE)]


def test_record_response_unknown_status_refused(world):
    records = a_conference_records(world)
    with pytest.raises(ValidationError) as caught:
        services.record_response(
            actor=world["erin"],
            recommendation=records["recommendation"],
            university=world["a"],
            status="forgotten",
        )
    assert list(caught.value.message_dict) == ["status"]


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (
            MembershipStatus.LEFT,
            "Baikonur State University has left the network: a recommendation of the network "
            "is no longer its to answer.",
        ),
        (
            MembershipStatus.INVITED,
            "Baikonur State University is not an active member of the network, so the "
            "recommendation is another network's: only active members answer it.",
        ),
    ],
)
def test_record_response_university_not_active_member_refused(world, status, message):
    records = a_conference_records(world)
    make_membership(world, "b", status)
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        services.record_response(
            actor=world["charlie"],
            recommendation=records["recommendation"],
            university=world["b"],
            status="planned",
        )
    assert caught.value.message_dict == {"recommendation": [message]}
    assert _responses() == [("aqtobe-tech", 1, "in_progress", SECRET_NOTE)]


def test_response_edit_view_saves_with_evidence(world, client_for):
    records = a_conference_records(world)
    strategy_records = a_strategy_records(world)
    second = records["resolution"].recommendations.get(number=2)
    client = client_for(world["erin"])
    url = _url("network:response_edit", public_id=second.public_id, slug="aqtobe-tech")
    page = client.get(url).content.decode()
    assert "Open a volunteering centre" not in page  # the measure's title is the secret one
    assert "A Secret Measure Title" in page
    response = client.post(
        url,
        {
            "status": "planned",
            "note": "A volunteering centre opens in 2027.",
            "measures": [strategy_records["measure"].pk],
            "projects": [strategy_records["project"].pk],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _url(
        "network:member_responses",
        public_id=records["resolution"].public_id,
        slug="aqtobe-tech",
    )
    assert _responses()[1] == ("aqtobe-tech", 2, "planned", "A volunteering centre opens in 2027.")
    own = client.get(response["Location"]).content.decode()
    assert "A volunteering centre opens in 2027." in own
    assert "A Secret Measure Title" in own


def test_response_edit_view_other_university_measure_is_a_field_error(world, client_for):
    records = a_conference_records(world)
    b_measure = _b_measure(world)
    client = client_for(world["erin"])
    url = _url(
        "network:response_edit", public_id=records["recommendation"].public_id, slug="aqtobe-tech"
    )
    response = client.post(url, {"status": "planned", "measures": [b_measure.pk]})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["measures"]
    assert _responses() == [("aqtobe-tech", 1, "in_progress", SECRET_NOTE)]


def test_response_edit_view_charlie_cannot_write_a(world, client_for):
    records = a_conference_records(world)
    client = client_for(world["charlie"])
    url = _url(
        "network:response_edit", public_id=records["recommendation"].public_id, slug="aqtobe-tech"
    )
    assert client.get(url).status_code == 403
    assert client.post(url, {"status": "implemented"}).status_code == 403
    assert _responses() == [("aqtobe-tech", 1, "in_progress", SECRET_NOTE)]


def test_member_responses_page_other_university_forbidden(world, client_for):
    records = a_conference_records(world)
    url = _url(
        "network:member_responses", public_id=records["resolution"].public_id, slug="aqtobe-tech"
    )
    assert client_for(world["charlie"]).get(url).status_code == 403
    assert client_for(world["bianca"]).get(url).status_code == 403
    body = client_for(world["bob"]).get(url).content.decode()
    assert SECRET_NOTE in body
    assert "network:response_edit" not in body
    assert "/respond/" not in body  # bob reads, the office answers


def test_response_edit_view_university_that_left_gets_clear_answer(world, client_for):
    records = a_conference_records(world)
    make_membership(world, "b", MembershipStatus.LEFT)
    client = client_for(world["charlie"])
    url = _url(
        "network:response_edit",
        public_id=records["recommendation"].public_id,
        slug="baikonur-state",
    )
    page = client.get(url)
    assert page.status_code == 403
    assert (
        "Baikonur State University has left the network: a recommendation of the network is no "
        "longer its to answer."
    ) in page.content.decode()
    assert RECOMMENDATION_TEXT not in page.content.decode()
    assert client.post(url, {"status": "planned"}).status_code == 403
    assert _responses() == [("aqtobe-tech", 1, "in_progress", SECRET_NOTE)]


def test_response_edit_view_invited_university_with_public_conference_gets_clear_answer(
    world, client_for
):
    records = a_conference_records(world)
    services.update_conference(
        actor=world["nora"], conference=records["conference"], values={"is_public": True}
    )
    make_membership(world, "b", MembershipStatus.INVITED)
    client = client_for(world["charlie"])
    url = _url(
        "network:response_edit",
        public_id=records["recommendation"].public_id,
        slug="baikonur-state",
    )
    page = client.get(url).content.decode()
    assert "is not an active member of the network" in page
    assert '<form method="post" class="form"' not in page
    response = client.post(url, {"status": "planned"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Baikonur State University is not an active member of the network, so the "
        "recommendation is another network's: only active members answer it."
    ]
    assert _responses() == [("aqtobe-tech", 1, "in_progress", SECRET_NOTE)]
