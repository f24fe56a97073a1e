"""Suggestions on the forms of taggable records: shown with their evidence, accepted or
rejected, and stored with who decided and how."""

import pytest
from django.contrib.contenttypes.models import ContentType

from qogam.core.tenancy import all_universities
from qogam.projects.models import Project
from qogam.projects.tests.factories import make_project
from qogam.sdg.enums import TagSource, TagStatus
from qogam.sdg.models import RecordGoal

pytestmark = pytest.mark.django_db

SUGGEST = "/en/sdg/suggest/"
ENERGY_KK = (
    "Күн панельдерін орнату арқылы жатақхананың электр энергиясын үнемдеу және жаңартылатын "
    "энергия көздерін дамыту."
)
PROJECT = {
    "kind": "outreach",
    "title_kk": "Жатақханадағы күн энергиясы",
    "description_kk": ENERGY_KK,
    "components": ["educational"],
    "starts_on": "2026-04-01",
    "status": "planned",
    "external_participants": "0",
    "visibility": "private",
}


def _rows(record):
    with all_universities():
        return {
            (row.goal, row.target): row
            for row in RecordGoal.objects.filter(
                content_type=ContentType.objects.get_for_model(record), object_id=record.pk
            )
        }


def _suggest(client, **data):
    return client.post(SUGGEST, {"sdg_kind": "projects.project", **data})


def test_suggest_shows_goals_with_the_words_that_led_to_them(world, client_for):
    response = _suggest(client_for(world["cora"]), description_kk=ENERGY_KK)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-goal="7"' in body
    assert "Affordable and clean energy" in body
    assert "жаңартылатын энергия" in body  # the evidence
    assert 'name="sdg_decision_7"' in body
    assert 'value="7.2"' in body  # a target under the goal


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write the title and the description"),
        ("Solar panels on the roof. " * 40_000, "only its beginning was read"),
        ("solar", "too short"),
        ("Ωμέγα αλφα βήτα γάμμα δέλτα έψιλον ζήτα ήτα θήτα", "not recognised"),
        ("<p>Solar panels and <b>renewable energy</b> for the dormitory roof</p>", "HTML tags"),
    ],
)
def test_suggest_answers_odd_text_with_a_sentence(world, client_for, text, message):
    response = _suggest(client_for(world["cora"]), description=text)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_suggest_reads_mixed_kazakh_and_russian(world, client_for):
    text = ENERGY_KK + " Солнечные панели и возобновляемая энергия для общежития университета."
    body = _suggest(client_for(world["cora"]), description=text).content.decode()
    assert "mixes languages" in body
    assert 'data-goal="7"' in body


def test_suggest_refuses_an_unknown_kind_and_get(world, client_for):
    client = client_for(world["cora"])
    assert client.post(SUGGEST, {"sdg_kind": "accounts.user"}).status_code == 404
    assert client.get(SUGGEST).status_code == 405


def test_suggest_for_a_resident_without_an_account(world, client_for):
    body = (
        client_for(None)
        .post(SUGGEST, {"sdg_kind": "needs.need", "description": ENERGY_KK})
        .content.decode()
    )
    assert 'data-goal="7"' in body


def test_accepting_a_suggestion_on_the_project_form_stores_who_and_how(world, client_for):
    client = client_for(world["cora"])
    data = {
        **PROJECT,
        "lead_unit": str(world["a_faculty"].pk),
        "sdgs": ["4"],
        "sdg_decision_7": "accept",
        "sdg_decision_13": "reject",
        "sdg_targets_shown": "1",
        "sdg_target": ["7.2"],
    }
    response = client.post("/en/projects/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    with all_universities():
        project = Project.objects.get(title_kk=PROJECT["title_kk"])
    assert project.sdgs == [4, 7]
    rows = _rows(project)
    assert (rows[(7, "")].status, rows[(7, "")].source) == (
        TagStatus.ACCEPTED,
        TagSource.SUGGESTION,
    )
    assert rows[(7, "")].decided_by == world["cora"]
    assert rows[(7, "")].score > 0.5
    assert "жаңартылатын энергия" in rows[(7, "")].evidence["terms"]
    assert (rows[(4, "")].status, rows[(4, "")].source) == (TagStatus.ACCEPTED, TagSource.MANUAL)
    assert rows[(13, "")].status == TagStatus.REJECTED
    assert rows[(7, "7.2")].status == TagStatus.ACCEPTED


def test_a_rejected_goal_is_not_suggested_again_and_unticking_removes_it(world, client_for):
    project = make_project(world, description_kk=ENERGY_KK, sdgs=[4, 7])
    client = client_for(world["cora"])
    edit = f"/en/projects/{project.public_id}/edit/"
    page = client.get(edit).content.decode()
    assert "sdg-suggestions-panel" in page
    assert "Chosen above." in page  # goal 7 is already on the project
    form = {
        **PROJECT,
        "title_kk": project.title_kk,
        "lead_unit": str(project.lead_unit_id),
        "sdgs": ["4"],
        "sdg_decision_7": "reject",
    }
    response = client.post(edit, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    project.refresh_from_db()
    assert project.sdgs == [4]
    assert _rows(project)[(7, "")].status == TagStatus.REJECTED
    body = _suggest(
        client, description_kk=ENERGY_KK, sdg_record=str(project.public_id)
    ).content.decode()
    assert 'data-goal="7"' not in body
    assert "Rejected earlier" in body
    # Another university's staff never learn what was rejected on A's record.
    other = _suggest(
        client_for(world["charlie"]), description_kk=ENERGY_KK, sdg_record=str(project.public_id)
    ).content.decode()
    assert 'data-goal="7"' in other


def test_an_unknown_target_is_refused_on_the_goals_field(world, client_for):
    data = {
        **PROJECT,
        "lead_unit": str(world["a_faculty"].pk),
        "sdg_targets_shown": "1",
        "sdg_target": ["7.99"],
    }
    response = client_for(world["cora"]).post("/en/projects/new/", data)
    assert response.status_code == 200
    assert "Unknown SDG targets: 7.99." in response.content.decode()
    with all_universities():
        assert not Project.objects.filter(title_kk=PROJECT["title_kk"]).exists()


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("cora", "/en/projects/new/"),
        (None, "/en/needs/new/"),
        ("dana", "/en/needs/new/"),
        ("cora", "/en/research/new/"),
        ("cora", "/en/volunteering/new/"),
        ("erin", "/en/volunteering/courses/new/"),
        ("erin", "/en/network/practices/new/"),
    ],
)
def test_every_taggable_form_has_the_suggestions(world, client_for, persona, url):
    response = client_for(world[persona] if persona else None).get(url)
    assert response.status_code == 200, url
    body = response.content.decode()
    assert "sdg-suggestions-panel" in body
    assert "sdg-text" in body
    assert 'class="sdg-icon"' in body
