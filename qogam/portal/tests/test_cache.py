"""Portal pages kept in the cache for anonymous visitors, and thrown away when data changes.

The portal tests' conftest turns the cache on (the test settings turn it off elsewhere)."""

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from qogam import settings_test
from qogam.core.tenancy import all_universities
from qogam.partners.tests.records import make_partner
from qogam.portal.cache import portal_apps
from qogam.projects import services as project_services
from qogam.projects.tests.factories import make_project

SLUG = "aqtobe-tech"
TITLE = "Public playground repair"


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"portal:{name}", kwargs=kwargs)


@pytest.fixture
def project(world):
    return make_project(world, title_en=TITLE, visibility="public")


def test_second_anonymous_request_is_a_hit_without_queries(project, client):
    first = client.get(url("projects", slug=SLUG))
    assert first.status_code == 200
    assert first["X-Cache"] == "miss"
    assert TITLE in first.content.decode()
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url("projects", slug=SLUG))
    assert second["X-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [("home", {}), ("university", {"slug": SLUG}), ("feed_atom", {"slug": SLUG})],
)
def test_other_pages_and_feeds_are_cached(project, client, name, kwargs):
    assert client.get(url(name, **kwargs))["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(name, **kwargs))["X-Cache"] == "hit"
    assert len(queries) == 0


def test_query_string_is_part_of_the_key(project, client):
    client.get(url("projects", slug=SLUG))
    assert client.get(url("projects", slug=SLUG) + "?page=1")["X-Cache"] == "miss"


def test_title_change_shows_at_once(world, project, client):
    client.get(url("projects", slug=SLUG))
    client.get(url("project", slug=SLUG, public_id=project.public_id))
    with all_universities():
        project_services.update_project(
            actor=world["alice"], project=project, values={"title_en": "Renamed playground"}
        )
    for address in (
        url("projects", slug=SLUG),
        url("project", slug=SLUG, public_id=project.public_id),
    ):
        response = client.get(address)
        assert response["X-Cache"] == "miss"
        body = response.content.decode()
        assert "Renamed playground" in body
        assert TITLE not in body


def test_made_private_leaves_the_cached_list_at_once(world, project, client):
    assert TITLE in client.get(url("projects", slug=SLUG)).content.decode()
    detail = url("project", slug=SLUG, public_id=project.public_id)
    assert client.get(detail).status_code == 200
    with all_universities():
        project_services.update_project(
            actor=world["alice"], project=project, values={"visibility": "private"}
        )
    response = client.get(url("projects", slug=SLUG))
    assert response["X-Cache"] == "miss"
    assert TITLE not in response.content.decode()
    assert client.get(detail).status_code == 404


def test_deleted_project_leaves_the_cached_list(world, project, client):
    client.get(url("projects", slug=SLUG))
    with all_universities():
        project_services.delete_project(actor=world["alice"], project=project)
    assert TITLE not in client.get(url("projects", slug=SLUG)).content.decode()


def test_signed_in_visitor_is_never_served_nor_stored(world, project, client_for):
    signed_in = client_for(world["bob"])
    client = Client()  # anonymous, beside the signed-in one
    for _ in range(2):
        response = signed_in.get(url("projects", slug=SLUG))
        assert response.status_code == 200
        assert "X-Cache" not in response
    # Nothing was stored: the first anonymous request is still a miss.
    assert client.get(url("projects", slug=SLUG))["X-Cache"] == "miss"
    # And what anonymous visitors got kept is not served to the signed-in one.
    response = signed_in.get(url("projects", slug=SLUG))
    assert response.status_code == 200
    assert "X-Cache" not in response
    assert client.get(url("projects", slug=SLUG))["X-Cache"] == "hit"


def test_request_with_a_session_cookie_bypasses_the_cache(project, client, settings):
    client.get(url("projects", slug=SLUG))
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-real-session"
    response = client.get(url("projects", slug=SLUG))
    assert response.status_code == 200
    assert "X-Cache" not in response


def test_languages_are_cached_separately(project, client):
    english = client.get(url("projects", "en", slug=SLUG))
    russian = client.get(url("projects", "ru", slug=SLUG))
    assert english["X-Cache"] == "miss"
    assert russian["X-Cache"] == "miss"
    assert russian.content != english.content
    assert 'lang="ru"' in russian.content.decode()
    assert client.get(url("projects", "ru", slug=SLUG)).content == russian.content
    assert client.get(url("projects", "en", slug=SLUG)).content == english.content


def test_not_found_is_not_cached(world, client):
    address = url("university", slug="no-such-university")
    assert client.get(address).status_code == 404
    response = client.get(address)
    assert response.status_code == 404
    assert "X-Cache" not in response


def test_zero_seconds_disables_the_cache(project, client, settings):
    settings.PORTAL_CACHE_SECONDS = 0
    for _ in range(2):
        response = client.get(url("projects", slug=SLUG))
        assert response.status_code == 200
        assert "X-Cache" not in response


def test_other_test_settings_leave_the_cache_off():
    assert settings_test.PORTAL_CACHE_SECONDS == 0
    # ...and this folder's conftest turned it on for the portal's tests.
    assert django_settings.PORTAL_CACHE_SECONDS == 600


def test_widget_keeps_its_own_framing_policy_when_served_from_cache(project, client):
    address = url("widget", slug=SLUG)
    first = client.get(address)
    second = client.get(address)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert "frame-ancestors *" in second["Content-Security-Policy"]
    assert "X-Frame-Options" not in second
    assert second.content == first.content


def test_head_request_is_kept_apart_from_get(project, client):
    # A page that answers GET only still refuses HEAD once its GET is kept.
    assert client.get(url("projects", slug=SLUG))["X-Cache"] == "miss"
    assert client.head(url("projects", slug=SLUG)).status_code == 405
    # The widget answers both, each under its own key.
    assert client.get(url("widget", slug=SLUG))["X-Cache"] == "miss"
    head = client.head(url("widget", slug=SLUG))
    assert head.status_code == 200
    assert head["X-Cache"] == "miss"
    assert client.head(url("widget", slug=SLUG))["X-Cache"] == "hit"


def test_linking_a_partner_shows_on_the_cached_project_page(world, project, client):
    with all_universities():
        partner = make_partner(world, name_kk="Public Youth NGO", visibility="public")
    detail = url("project", slug=SLUG, public_id=project.public_id)
    assert "Public Youth NGO" not in client.get(detail).content.decode()
    assert client.get(detail)["X-Cache"] == "hit"
    with all_universities():
        project_services.update_project(
            actor=world["alice"], project=project, values={}, partners=[partner]
        )
    response = client.get(detail)
    assert response["X-Cache"] == "miss"
    assert "Public Youth NGO" in response.content.decode()


def test_apps_whose_changes_count():
    shown = portal_apps()
    assert {"organisations", "projects", "needs", "partners", "research"} <= shown
    assert {"volunteering", "indicators", "sdg", "network"} <= shown
    assert not {"notifications", "reports", "portal", "sessions", "auditlog"} & shown
