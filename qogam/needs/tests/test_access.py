import json

import pytest

from qogam.core.tenancy import all_universities
from qogam.needs import services
from qogam.needs.enums import NeedState
from qogam.needs.tests.factories import post_need, published_need

SECRET_EMAIL = "hidden.poster@example.kz"


@pytest.fixture
def a_needs(world, django_capture_on_commit_callbacks):
    """A's unpublished need (posted anonymously) and a published one, both by e-mail."""
    with django_capture_on_commit_callbacks(execute=True):
        private = post_need(world["a"], email=SECRET_EMAIL, title="Unpublished A need")
        public = post_need(world["a"], email=SECRET_EMAIL, title="Published A need")
    from qogam.needs.tests.factories import token_from_outbox  # noqa: PLC0415

    services.confirm_need_email(raw_token=token_from_outbox())
    with all_universities():
        public.refresh_from_db()
    public = services.moderate_need(actor=world["erin"], need=public, publish=True)
    return {"private": private, "public": public}


@pytest.mark.parametrize("persona", [None, "charlie", "bianca", "pavel"])
def test_need_unpublished_is_404_for_public_and_other_universities(
    world, a_needs, client_for, persona
):
    client = client_for(world[persona] if persona else None)
    need = a_needs["private"]
    assert client.get(f"/en/needs/{need.public_id}/").status_code == 404
    assert client.get(f"/api/v1/needs/{need.public_id}").status_code == 404
    listing = client.get("/api/v1/needs").content.decode()
    assert "Unpublished A need" not in listing
    assert "Published A need" in listing


def test_need_unpublished_is_readable_by_its_universitys_staff(world, a_needs, client_for):
    client = client_for(world["bob"])
    assert client.get(a_needs["private"].get_absolute_url()).status_code == 200
    titles = [n["title"] for n in client.get("/api/v1/needs").json()]
    assert sorted(titles) == ["Published A need", "Unpublished A need"]


@pytest.mark.parametrize("persona", [None, "charlie", "bob", "dana"])
def test_need_poster_email_never_on_public_pages_or_api(world, a_needs, client_for, persona):
    client = client_for(world[persona] if persona else None)
    need = a_needs["public"]
    for url in [
        "/en/needs/",
        need.get_absolute_url(),
        "/api/v1/needs",
        f"/api/v1/needs/{need.public_id}",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET_EMAIL.encode() not in response.content, (persona, url)


def test_need_poster_email_shown_to_moderators_only(world, a_needs, client_for):
    page = client_for(world["erin"]).get(a_needs["public"].get_absolute_url())
    assert SECRET_EMAIL in page.content.decode()


def test_api_create_need_goes_to_moderation(world, client_for):
    client = client_for(world["bianca"])
    payload = {
        "title": "Wi-Fi in the village library",
        "description": "No internet for pupils.",
        "category": "digital",
        "affected_group": "rural",
        "district": "Karasay",
        "sdgs": [4, 9],
    }
    response = client.post(
        "/api/v1/universities/aqtobe-tech/needs",
        json.dumps(payload),
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["state"], body["language"], body["sdgs"]) == ("in_moderation", "en", [4, 9])
    assert "email" not in json.dumps(body)


def test_api_create_need_refuses_unknown_goal(world, client_for):
    client = client_for(world["bob"])
    payload = {
        "title": "X",
        "description": "Y",
        "category": "other",
        "affected_group": "other",
        "district": "Z",
        "sdgs": [18],
    }
    response = client.post(
        "/api/v1/universities/aqtobe-tech/needs",
        json.dumps(payload),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["sdgs"]


def test_api_create_need_anonymous_is_401(world, client):
    response = client.post(
        "/api/v1/universities/aqtobe-tech/needs", "{}", content_type="application/json"
    )
    assert response.status_code == 401


def test_need_page_post_anonymous_sends_confirmation(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    form = {
        "university": world["a"].pk,
        "title": "Скамейки у остановки",
        "description": "Пожилым негде сесть.",
        "category": "social_support",
        "affected_group": "elderly",
        "urgency": "low",
        "district": "Ауэзовский район",
        "email": "someone@example.kz",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ru/needs/new/", form)
    assert response.status_code == 200
    assert "/needs/confirm/" in mailoutbox[-1].body
    with all_universities():
        from qogam.needs.models import Need  # noqa: PLC0415

        need = Need.objects.get()
    assert (need.state, need.language) == (NeedState.SUBMITTED, "ru")


def test_need_page_post_flood_gets_429_and_keeps_text(world, client_for):
    client = client_for(world["dana"])
    form = {
        "university": world["a"].pk,
        "title": "Need",
        "description": "Text",
        "category": "other",
        "affected_group": "other",
        "urgency": "low",
        "district": "D",
    }
    for _ in range(5):
        assert client.post("/en/needs/new/", form).status_code == 302
    response = client.post("/en/needs/new/", {**form, "title": "Sixth need"})
    assert response.status_code == 429
    assert 'value="Sixth need"' in response.content.decode()
    with all_universities():
        from qogam.needs.models import Need  # noqa: PLC0415

        assert Need.objects.count() == 5


@pytest.mark.parametrize("count", [1, 3])
def test_need_list_query_count_does_not_grow(
    world, client_for, django_assert_max_num_queries, count
):
    for i in range(count):
        need = published_need(world, title=f"Need {i}")
        services.support_need(need=need, user=world["bob"])
    client = client_for(None)
    with django_assert_max_num_queries(6):
        response = client.get("/en/needs/")
    assert response.status_code == 200
    assert response.content.decode().count('class="need-card"') == count


@pytest.mark.parametrize("count", [1, 3])
def test_need_overview_query_count_does_not_grow(
    world, client_for, django_assert_max_num_queries, count
):
    for i in range(count):
        need = published_need(world, title=f"Need {i}", latitude="43.25", longitude="76.9")
        services.support_need(need=need, user=world["bob"])
    client = client_for(world["erin"])
    with django_assert_max_num_queries(16):
        response = client.get("/en/needs/overview/")
    assert response.status_code == 200
    data = response.context["map_config"]
    assert len(data["points"]) == count
    assert response.context["by_category"] == [
        {"value": "infrastructure", "label": "Infrastructure", "count": count}
    ]


def test_need_overview_is_refused_to_staff_and_students(world, client_for):
    assert client_for(world["bob"]).get("/en/needs/overview/").status_code == 403
    assert client_for(world["dana"]).get("/en/needs/moderation/").status_code == 403


def test_need_overview_of_a_shows_nothing_of_b(world, client_for):
    services.moderate_need(
        actor=world["charlie"],
        need=post_need(world["b"], poster=world["bianca"], title="B only need"),
        publish=True,
    )
    page = client_for(world["erin"]).get("/en/needs/overview/").content.decode()
    assert "B only need" not in page
