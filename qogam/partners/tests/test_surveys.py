"""Reciprocity surveys: sent by staff, answered once by link, summed up for the partner."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from qogam.core.partnership import activity_sources
from qogam.core.tenancy import all_universities
from qogam.core.visibility import viewer_of
from qogam.partners import services, surveys
from qogam.partners.models import PartnerSurvey

ANSWER = {"mutual_benefit": "5", "communication": "4", "would_work_again": "3", "comment": "Ok"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()  # the survey POST is rate-limited per address in the default cache
    yield
    cache.clear()


@pytest.fixture
def partner(world):
    return services.create_organisation(
        actor=world["alice"],
        university=world["a"],
        values={
            "kind": "ngo",
            "name_kk": "Жасыл қала",
            "name_ru": "Зелёный город",
            "region": "aktobe",
            "city": "Aqtobe",
        },
    )


def _send(world, partner, language="ru", actor="erin", capture=None):
    with capture(execute=True):
        return surveys.send_survey(
            actor=world[actor],
            organisation=partner,
            email="Director@Green.kz",
            language=language,
        )


def _token_from_mail() -> str:
    return re.search(r"/survey/([^/]+)/", mail.outbox[-1].body).group(1)


def test_send_survey_mails_a_one_time_link_in_the_chosen_language(
    world, partner, django_capture_on_commit_callbacks
):
    survey = _send(world, partner, capture=django_capture_on_commit_callbacks)
    message = mail.outbox[-1]
    token = _token_from_mail()
    assert message.to == ["director@green.kz"]
    assert "/ru/partners/survey/" in message.body
    assert token not in survey.token_hash
    assert survey.expires_at.date() == (timezone.now() + timedelta(days=30)).date()


def test_send_survey_refused_to_other_university_and_plain_staff(world, partner):
    for persona in ("charlie", "bob"):
        with pytest.raises(PermissionDenied):
            surveys.send_survey(
                actor=world[persona], organisation=partner, email="x@y.kz", language="kk"
            )
    with all_universities():
        assert PartnerSurvey.objects.count() == 0


def test_survey_page_answers_once_then_refuses_with_410(
    world, partner, client, django_capture_on_commit_callbacks
):
    _send(world, partner, capture=django_capture_on_commit_callbacks)
    url = reverse("partners:survey", kwargs={"token": _token_from_mail()})
    assert client.get(url).status_code == 200
    response = client.post(url, ANSWER)
    assert response.status_code == 200
    assert response.templates[0].name == "partners/survey_done.html"
    with all_universities():
        survey = PartnerSurvey.objects.get()
    assert (survey.mutual_benefit, survey.communication, survey.would_work_again) == (5, 4, 3)
    again = client.post(url, {**ANSWER, "mutual_benefit": "1"})
    assert again.status_code == 410
    assert "already been answered" in again.content.decode()
    with all_universities():
        assert PartnerSurvey.objects.get().mutual_benefit == 5


def test_survey_page_refuses_expired_link_with_410(
    world, partner, client, django_capture_on_commit_callbacks
):
    survey = _send(world, partner, capture=django_capture_on_commit_callbacks)
    with all_universities():
        PartnerSurvey.objects.filter(pk=survey.pk).update(expires_at=timezone.now())
    url = reverse("partners:survey", kwargs={"token": _token_from_mail()})
    assert client.get(url).status_code == 410
    assert client.post(url, ANSWER).status_code == 410


def test_survey_page_unknown_token_is_404(world, client):
    url = reverse("partners:survey", kwargs={"token": "not-a-real-token"})
    assert client.get(url).status_code == 404


def test_survey_page_incomplete_answer_is_shown_again(
    world, partner, client, django_capture_on_commit_callbacks
):
    _send(world, partner, capture=django_capture_on_commit_callbacks)
    url = reverse("partners:survey", kwargs={"token": _token_from_mail()})
    response = client.post(url, {"mutual_benefit": "9"})
    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == [
        "communication",
        "mutual_benefit",
        "would_work_again",
    ]


def test_survey_post_is_rate_limited_per_address(world, client):
    url = reverse("partners:survey", kwargs={"token": "guessing"})
    codes = [client.post(url, ANSWER).status_code for _ in range(11)]
    assert codes == [404] * 10 + [429]


def test_survey_summary_and_partnership_source_count_answers(
    world, partner, client, django_capture_on_commit_callbacks
):
    assert surveys.survey_summary(partner) == {
        "count": 0,
        "mutual_benefit": None,
        "communication": None,
        "would_work_again": None,
        "overall": None,
    }
    for scores in (("5", "4", "3"), ("4", "4", "4")):
        _send(world, partner, capture=django_capture_on_commit_callbacks)
        url = reverse("partners:survey", kwargs={"token": _token_from_mail()})
        answer = dict(
            zip(("mutual_benefit", "communication", "would_work_again"), scores, strict=True)
        )
        client.post(url, answer)
    assert surveys.survey_summary(partner) == {
        "count": 2,
        "mutual_benefit": 4.5,
        "communication": 4.0,
        "would_work_again": 3.5,
        "overall": 4.0,
    }
    source = next(s for s in activity_sources() if s.key == "surveys")
    with translation.override("en"):
        titles = [a.title for a in source.activities(partner, viewer_of(world["bob"]))]
    assert sorted(titles) == [
        "Survey answered: average score 4.0 of 5",
        "Survey answered: average score 4.0 of 5",
    ]
    assert source.activities(partner, viewer_of(world["charlie"])) == []


def test_survey_send_page_sends_and_lists(world, partner, client_for):
    client = client_for(world["erin"])
    url = reverse("partners:survey_send", kwargs={"public_id": partner.public_id})
    assert client.get(url).status_code == 200
    response = client.post(url, {"email": "head@green.kz", "language": "kk"})
    assert response.status_code == 302
    assert b"head@green.kz" in client.get(url).content
    with all_universities():
        assert PartnerSurvey.objects.get().sent_by == world["erin"]


@pytest.mark.parametrize(("persona", "status"), [("charlie", 404), ("bob", 403), ("pavel", 404)])
def test_survey_send_page_refuses_others(world, partner, client_for, persona, status):
    url = reverse("partners:survey_send", kwargs={"public_id": partner.public_id})
    assert client_for(world[persona]).get(url).status_code == status


def test_survey_is_answered_after_its_sender_left(
    world, partner, client, django_capture_on_commit_callbacks
):
    _send(world, partner, capture=django_capture_on_commit_callbacks)
    world["erin"].delete()
    url = reverse("partners:survey", kwargs={"token": _token_from_mail()})
    assert client.post(url, ANSWER).status_code == 200
    with all_universities():
        assert PartnerSurvey.objects.get().answered_at is not None
