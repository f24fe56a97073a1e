"""A record's goals on its detail pages: icon chips for everyone, and for the staff of the
record's university how each goal got there (who chose or accepted it, when) and its targets."""

from datetime import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation

from qogam.core.tenancy import all_universities, university_scope
from qogam.needs.tests.factories import published_need
from qogam.network.services import practices as practice_services
from qogam.network.tests.records_practices import make_members, practice_values
from qogam.projects.tests.factories import make_project
from qogam.research.tests.records import make_study
from qogam.sdg import services
from qogam.sdg.enums import TagSource, TagStatus
from qogam.sdg.models import RecordGoal
from qogam.sdg.record_goals import goal_lines, provenance_of
from qogam.volunteering.tests.records import make_opportunity
from qogam.volunteering.tests.records_academic import make_course

pytestmark = pytest.mark.django_db

TARGET_TITLE = "By 2030, increase substantially the share of renewable energy"
HAND = "Chosen by hand by Alice"
ACCEPTED = "Suggested by Qogam and accepted by Alice"


def _with_history(world, record, *, accepted=(7,), targets=("7.2",)):
    """Goal 4 chosen by hand and goal 7 suggested and accepted, by alice, with target 7.2."""
    services.record_goal_choices(
        actor=world["alice"], record=record, accepted=set(accepted), targets=list(targets)
    )
    return record


def _project(world, **values):
    values = {"visibility": "public", "sdgs": [4, 7], **values}
    return _with_history(world, make_project(world, **values))


def _en(url_of):
    with translation.override("en"):
        return url_of()


def _page(client, record) -> str:
    response = client.get(_en(record.get_absolute_url))
    assert response.status_code == 200
    return response.content.decode()


def _today() -> str:
    with translation.override("en"):
        return formats.date_format(timezone.localtime(), "DATE_FORMAT")


def test_project_page_shows_goal_chips_with_icons_and_titles_in_english(world, client_for):
    body = _page(client_for(world["alice"]), _project(world))
    assert body.count('class="sdg-chip"') == 2
    assert body.count('class="sdg-icon"') == 2
    assert "<strong>4</strong> · Quality education" in body
    assert "<strong>7</strong> · Affordable and clean energy" in body
    assert "Goal 4</span>" not in body  # the bare badge it replaces


@pytest.mark.parametrize("persona", ["alice", "bob", "cora"])
def test_project_page_tells_staff_of_a_who_set_each_goal_and_when(world, client_for, persona):
    body = _page(client_for(world[persona]), _project(world))
    assert f"{HAND}, {_today()}" in body
    assert f"{ACCEPTED}, {_today()}" in body
    assert '<span class="sdg-target-code">7.2</span>' in body
    assert TARGET_TITLE in body


@pytest.mark.parametrize("persona", ["charlie", "pavel", None])
def test_project_page_shows_others_the_chips_without_names(world, client_for, persona):
    body = _page(client_for(world[persona] if persona else None), _project(world))
    assert "<strong>7</strong> · Affordable and clean energy" in body
    assert "Chosen by hand" not in body
    assert "Suggested by Qogam" not in body
    assert "sdg-target-code" not in body
    assert "sdg-provenance" not in body


def test_goal_without_a_row_shows_just_the_goal(world, client_for):
    project = make_project(world, visibility="public", sdgs=[13])
    body = _page(client_for(world["alice"]), project)
    assert "<strong>13</strong> · Climate action" in body
    assert "sdg-provenance" not in body


def test_record_without_goals_shows_nothing(world, client_for):
    project = make_project(world, sdgs=[])
    body = _page(client_for(world["alice"]), project)
    assert "sdg-chips" not in body
    assert "Sustainable Development Goals</dt>" not in body
    with translation.override("en"), university_scope(world["a"]):
        request = RequestFactory().get("/")
        request.user = world["alice"]
        rendered = Template("{% load sdg_records %}[{% record_goals p %}]").render(
            Context({"p": project, "request": request})
        )
    assert rendered == "[]"


def test_history_is_one_query_and_others_cost_none(world, django_assert_num_queries):
    project = _project(world)
    with university_scope(world["a"]), translation.override("en"):
        with django_assert_num_queries(1):
            lines = goal_lines(project, with_history=True)
        with django_assert_num_queries(0):
            plain = goal_lines(project)
    assert [
        (line.goal, line.provenance[:23], [t.code for t in line.targets]) for line in lines
    ] == [
        (4, HAND[:23], []),
        (7, ACCEPTED[:23], ["7.2"]),
    ]
    assert [(line.goal, line.provenance, line.targets) for line in plain] == [
        (4, "", []),
        (7, "", []),
    ]


def test_project_detail_adds_at_most_one_query_for_the_history(
    world, client_for, django_assert_max_num_queries
):
    bare = make_project(world, visibility="public", sdgs=[])
    tagged = _project(world)
    client = client_for(world["alice"])
    client.get(_en(bare.get_absolute_url))  # warm the session and caches alike
    with CaptureQueriesContext(connection) as without_goals:
        client.get(_en(bare.get_absolute_url))
    with django_assert_max_num_queries(len(without_goals) + 1):
        body = _page(client, tagged)
    assert ACCEPTED in body


def test_provenance_names_nobody_when_the_person_is_gone(world):
    when = timezone.make_aware(datetime(2026, 3, 4, 12, 0))
    with translation.override("en"):
        manual = RecordGoal(source=TagSource.MANUAL, decided_at=when, status=TagStatus.ACCEPTED)
        suggested = RecordGoal(source=TagSource.SUGGESTION, decided_at=when)
        assert provenance_of(manual) == "Chosen by hand, March 4, 2026"
        assert provenance_of(suggested) == "Suggested by Qogam and accepted, March 4, 2026"
        suggested.decided_by = world["bob"]
        assert provenance_of(suggested) == "Suggested by Qogam and accepted by Bob, March 4, 2026"


def test_rejected_and_waiting_rows_do_not_pass_for_how_a_goal_was_set(world, client_for):
    project = make_project(world, visibility="public", sdgs=[4])
    with all_universities():
        RecordGoal.objects.create(
            university=world["a"],
            content_type_id=_content_type_id(project),
            object_id=project.pk,
            goal=4,
            status=TagStatus.SUGGESTED,
            source=TagSource.SUGGESTION,
            decided_by=world["erin"],
            decided_at=timezone.now(),
        )
    body = _page(client_for(world["alice"]), project)
    assert "<strong>4</strong> · Quality education" in body
    assert "Erin" not in body.split('class="sdg-chips"')[1].split("</dd>")[0]
    assert "sdg-provenance" not in body


def _content_type_id(record) -> int:
    return ContentType.objects.get_for_model(record).pk


def _practice(world):
    make_members(world)
    return practice_services.publish_practice(
        actor=world["erin"],
        university=world["a"],
        values=practice_values("Solar mentoring", sdgs=[4, 7]),
        projects=[make_project(world)],
    )


MAKERS = {
    "need": lambda world: published_need(world, sdgs=[4, 7]),
    "study": lambda world: make_study(world, sdgs=[4, 7]),
    "opportunity": lambda world: make_opportunity(world, sdgs=[4, 7]),
    "course": lambda world: make_course(world, sdgs=[4, 7]),
    "practice": _practice,
}


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_every_staff_detail_page_shows_the_goals_and_their_history(world, client_for, kind):
    record = _with_history(world, MAKERS[kind](world))
    body = _page(client_for(world["alice"]), record)
    assert "/static/sdg/record_goals.css" in body
    assert "<strong>7</strong> · Affordable and clean energy" in body
    assert f"{HAND}, {_today()}" in body
    assert f"{ACCEPTED}, {_today()}" in body
    assert TARGET_TITLE in body


def _portal(client, name, record) -> str:
    with translation.override("en"):
        url = reverse(
            f"portal:{name}", kwargs={"slug": "aqtobe-tech", "public_id": record.public_id}
        )
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("persona", [None, "alice"])
def test_portal_project_chips_link_to_the_search_for_the_goal(world, client_for, persona):
    body = _portal(client_for(world[persona] if persona else None), "project", _project(world))
    assert '<a class="sdg-chip" href="/en/portal/aqtobe-tech/search/?sdg=7">' in body, (
        "each chip leads to the university's search for its goal"
    )
    assert '<a class="sdg-chip" href="/en/portal/aqtobe-tech/search/?sdg=4">' in body
    assert "Affordable and clean energy" in body
    # The portal is public: no names of staff, even for the university's own staff.
    assert "Chosen by hand" not in body
    assert "Suggested by Qogam" not in body
    assert "Alice" not in body


def test_portal_need_chips_link_to_the_search_for_the_goal(world, client):
    need = _with_history(world, published_need(world, sdgs=[4, 7]))
    body = _portal(client, "need", need)
    assert '<a class="sdg-chip" href="/en/portal/aqtobe-tech/search/?sdg=4">' in body
    assert "<strong>4</strong> · Quality education" in body
    assert "Chosen by hand" not in body


def test_portal_project_without_goals_shows_no_chips(world, client):
    body = _portal(client, "project", make_project(world, visibility="public", sdgs=[]))
    assert "sdg-chip" not in body
    assert "record_goals.css" in body
