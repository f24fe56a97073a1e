"""The goal filter (?sdg=<1..17>) on every list of taggable records, the portal and the API.

Each list gets one record tagged 3 and one tagged 13: the filter for 3 must keep the first
only (a text match on "3" would keep both), label its choices with the goal's title, and
answer a bad value with the list, never a 500.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from qogam.needs.tests.factories import published_need
from qogam.network.services import practices as practice_services
from qogam.network.tests.records_practices import make_members, practice_values
from qogam.projects.tests.factories import make_project
from qogam.research.tests.records import make_study
from qogam.volunteering.tests.records import make_opportunity
from qogam.volunteering.tests.records_academic import make_course

THREE, THIRTEEN = "Tagged with health", "Tagged with climate"
# An opportunity without goals of its own, in a project tagged 3: it serves goal 3 too.
VIA_PROJECT = "Through its health project"
LABEL = "3 · Good health and well-being"


def _en(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


@pytest.fixture
def tagged(world):
    """A's public records of every taggable kind, one tagged 3 and one tagged 13."""
    for goal, title in ((3, THREE), (13, THIRTEEN)):
        published_need(world, title=f"{title} need", sdgs=[goal])
        make_project(world, title_en=f"{title} project", sdgs=[goal], visibility="public")
        make_study(world, title_en=f"{title} study", sdgs=[goal], visibility="public")
        make_opportunity(world, title_en=f"{title} opportunity", sdgs=[goal], visibility="public")
        make_course(world, code=f"SDG{goal}", name_en=f"{title} course", sdgs=[goal])
    health = make_project(world, title_en="Health week", sdgs=[3], visibility="public")
    make_opportunity(
        world, title_en=f"{VIA_PROJECT} opportunity", project=health, sdgs=[], visibility="public"
    )
    make_members(world)
    for goal, title in ((3, THREE), (13, THIRTEEN)):
        practice_services.publish_practice(
            actor=world["erin"],
            university=world["a"],
            values=practice_values(f"{title} practice", sdgs=[goal], visibility="public"),
        )
    return world


# (URL name, persona who reads the list, what the records' titles end with)
PAGES = {
    "needs": ("needs:list", None, "need"),
    "projects": ("projects:list", "erin", "project"),
    "studies": ("research:list", "erin", "study"),
    "opportunities": ("volunteering:list", "erin", "opportunity"),
    "courses": ("volunteering:programmes", "erin", "course"),
    "practices": ("network:practices", "erin", "practice"),
}


def _shown(body: str, kind: str) -> tuple[bool, bool]:
    return (f"{THREE} {kind}" in body, f"{THIRTEEN} {kind}" in body)


def _get(client_for, tagged, page: str, params: dict):
    name, persona, _kind = PAGES[page]
    client = client_for(tagged[persona] if persona else None)
    return client.get(_en(name), params)


@pytest.mark.parametrize("page", PAGES)
def test_list_filter_for_3_keeps_3_and_not_13(tagged, client_for, page):
    kind = PAGES[page][2]
    everything = _get(client_for, tagged, page, {}).content.decode()
    assert _shown(everything, kind) == (True, True)
    response = _get(client_for, tagged, page, {"sdg": "3"})
    assert response.status_code == 200
    assert _shown(response.content.decode(), kind) == (True, False)
    assert _shown(_get(client_for, tagged, page, {"sdg": "13"}).content.decode(), kind) == (
        False,
        True,
    )


@pytest.mark.parametrize("page", PAGES)
def test_list_filter_labels_goals_with_their_titles(tagged, client_for, page):
    body = _get(client_for, tagged, page, {}).content.decode()
    assert LABEL in body
    assert "13 · Climate action" in body
    assert 'name="sdg"' in body


def test_list_filter_labels_goals_in_kazakh_on_kk_pages(tagged, client_for):
    body = client_for(None).get("/kk/needs/").content.decode()
    assert "3 · Денсаулық пен амандық" in body


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("bad", ["99", "abc", "0", "-3"])
def test_list_filter_bad_value_lists_everything(tagged, client_for, page, bad):
    response = _get(client_for, tagged, page, {"sdg": bad})
    assert response.status_code == 200
    assert _shown(response.content.decode(), PAGES[page][2]) == (True, True)


def test_courses_filter_bad_value_says_why(tagged, client_for):
    body = _get(client_for, tagged, "courses", {"sdg": "99"}).content.decode()
    assert "Select a valid choice. 99 is not one of the available choices." in body


def test_courses_filter_keeps_the_programmes_and_says_when_nothing_matches(tagged, client_for):
    body = _get(client_for, tagged, "courses", {"sdg": "1"}).content.decode()
    assert "No courses match." in body
    assert "Educational programmes" in body


def test_opportunities_filter_counts_the_projects_goals(tagged, client_for):
    body = _get(client_for, tagged, "opportunities", {"sdg": "3"}).content.decode()
    assert f"{VIA_PROJECT} opportunity" in body
    body = _get(client_for, tagged, "opportunities", {"sdg": "13"}).content.decode()
    assert f"{VIA_PROJECT} opportunity" not in body


def _next_link(body: str) -> str:
    found = re.search(r'href="([^"]*page=2[^"]*)"', body)
    assert found, "no link to page 2"
    return found.group(1).replace("&amp;", "&")


def test_needs_filter_is_kept_in_pagination_links(world, client_for):
    for n in range(21):
        published_need(world, title=f"Health need {n}", sdgs=[3])
    published_need(world, title="Climate need", sdgs=[13])
    client = client_for(None)
    first = client.get("/en/needs/", {"sdg": "3"}).content.decode()
    link = _next_link(first)
    assert "sdg=3" in link
    second = client.get(f"/en/needs/{link}").content.decode()
    assert second.count('class="need-card"') == 1
    assert "Climate need" not in first + second


def test_opportunities_filter_is_kept_in_pagination_links(world, client_for):
    for n in range(26):
        make_opportunity(world, title_en=f"Health visit {n}", sdgs=[3], visibility="public")
    make_opportunity(world, title_en="Climate walk", sdgs=[13], visibility="public")
    client = client_for(world["erin"])
    first = client.get("/en/volunteering/", {"sdg": "3"}).content.decode()
    link = _next_link(first)
    assert "sdg=3" in link
    second = client.get(f"/en/volunteering/{link}").content.decode()
    assert "Health visit" in second
    assert "Climate walk" not in first + second


def test_filtered_lists_keep_their_query_counts(tagged, client_for, django_assert_max_num_queries):
    # The same ceilings as the unfiltered lists' own query-count tests.
    for page, ceiling in (("needs", 6), ("opportunities", 12), ("courses", 12)):
        name, persona, kind = PAGES[page]
        client = client_for(tagged[persona] if persona else None)
        client.get(_en(name))  # the session is made by the first visit, not by the list
        with django_assert_max_num_queries(ceiling):
            response = client.get(_en(name), {"sdg": "3"})
        assert _shown(response.content.decode(), kind) == (True, False)


# --- the portal --------------------------------------------------------------------------------

PORTAL = {
    "projects": "project",
    "needs": "need",
    "studies": "study",
    "opportunities": "opportunity",
}


@pytest.mark.parametrize("kind", PORTAL)
def test_portal_list_filter_for_3_keeps_3_and_not_13(tagged, client, kind):
    url = _en(f"portal:{kind}", slug="aqtobe-tech")
    body = client.get(url).content.decode()
    assert _shown(body, PORTAL[kind]) == (True, True)
    assert LABEL in body
    filtered = client.get(url, {"sdg": "3"}).content.decode()
    assert _shown(filtered, PORTAL[kind]) == (True, False)


def test_portal_opportunities_filter_counts_the_projects_goals(tagged, client):
    url = _en("portal:opportunities", slug="aqtobe-tech")
    assert f"{VIA_PROJECT} opportunity" in client.get(url, {"sdg": "3"}).content.decode()
    assert f"{VIA_PROJECT} opportunity" not in client.get(url, {"sdg": "13"}).content.decode()
    body = client.get(_en("portal:search"), {"kind": "opportunities", "sdg": "3"}).content
    assert (
        f"{VIA_PROJECT} opportunity".encode() in body,
        f"{THIRTEEN} opportunity".encode() in body,
    ) == (True, False)


@pytest.mark.parametrize("kind", PORTAL)
def test_portal_search_filter_for_3_keeps_3_and_not_13(tagged, client, kind):
    body = client.get(_en("portal:search"), {"kind": kind, "sdg": "3"}).content.decode()
    assert _shown(body, PORTAL[kind]) == (True, False)


def test_portal_practices_filter_for_3_keeps_3_and_not_13(tagged, client):
    url = _en("portal:network_practices")
    assert LABEL in client.get(url).content.decode()
    assert _shown(client.get(url, {"sdg": "3"}).content.decode(), "practice") == (True, False)


@pytest.mark.parametrize("bad", ["99", "abc"])
def test_portal_list_bad_goal_shows_the_error_and_everything(tagged, client, bad):
    response = client.get(_en("portal:needs", slug="aqtobe-tech"), {"sdg": bad})
    assert response.status_code == 200
    body = response.content.decode()
    assert _shown(body, "need") == (True, True)
    assert "Select a valid choice." in body


# --- the API ------------------------------------------------------------------------------------


def _api_titles(client, path: str, params: dict) -> list[str]:
    answer = client.get(path, params).json()
    items = answer["items"] if isinstance(answer, dict) else answer
    titles = []
    for item in items:
        title = item["title"]
        titles.append(title if isinstance(title, str) else title.get("en") or "")
    return titles


API = {
    "/api/v1/projects": "project",
    "/api/v1/needs": "need",
    "/api/v1/studies": "study",
    "/api/v1/volunteering/opportunities": "opportunity",
}


@pytest.mark.parametrize("path", API)
def test_api_list_filters_by_goal(tagged, client_for, path):
    client = client_for(tagged["erin"])
    kind = API[path]
    titles = _api_titles(client, path, {"sdg": 3})
    assert (f"{THREE} {kind}" in titles, f"{THIRTEEN} {kind}" in titles) == (True, False)
    titles = _api_titles(client, path, {"sdg": 13})
    assert (f"{THREE} {kind}" in titles, f"{THIRTEEN} {kind}" in titles) == (False, True)


def test_api_opportunities_filter_counts_the_projects_goals(tagged, client_for):
    titles = _api_titles(client_for(None), "/api/v1/volunteering/opportunities", {"sdg": 3})
    assert sorted(titles) == sorted([f"{THREE} opportunity", f"{VIA_PROJECT} opportunity"])


@pytest.mark.parametrize("path", API)
def test_api_list_bad_goal_is_refused_or_empty_never_500(tagged, client_for, path):
    client = client_for(tagged["erin"])
    assert client.get(path, {"sdg": "abc"}).status_code == 422
    response = client.get(path, {"sdg": "99"})
    assert response.status_code == 200
    assert _api_titles(client, path, {"sdg": "99"}) == []


def test_goal_filters_leave_other_universities_private_records_out(tagged, client_for):
    make_project(
        tagged,
        "charlie",
        lead_unit=tagged["b_public"],
        title_en="B private health project",
        sdgs=[3],
        visibility="private",
    )
    body = _get(client_for, tagged, "projects", {"sdg": "3"}).content.decode()
    assert "B private health project" not in body
    assert f"{THREE} project" in body
