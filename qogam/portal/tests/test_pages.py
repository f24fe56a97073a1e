"""The portal's pages: public records of public universities, and nothing else."""

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from qogam.accounts.models import Membership
from qogam.core.tenancy import all_universities
from qogam.indicators.services.definitions import publish_indicator
from qogam.indicators.tests.records import make_indicator
from qogam.needs.tests.factories import post_need, published_need
from qogam.partners import services as partner_services
from qogam.partners.tests.records import make_partner
from qogam.projects import services as project_services
from qogam.projects.tests.factories import make_project, png_upload
from qogam.research.tests.records import make_study
from qogam.volunteering.tests.records import make_opportunity

SECRET = "Secret Private Thing"
NETWORK_ONLY = "Network Only Thing"


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(f"portal:{name}", kwargs=kwargs)


def build_site(world) -> dict:
    """University A's public records, each beside a private or network twin; B made private."""
    public_need = published_need(world, title="Public pothole on Abai street", district="Saryarka")
    project = make_project(
        world,
        title_en="Public playground repair",
        visibility="public",
        district="Saryarka",
        latitude="50.28",
        longitude="57.16",
        relations={"needs": [public_need]},
    )
    update = project_services.post_update(
        actor=world["alice"],
        project=project,
        on=date(2026, 3, 5),
        title={"kk": "Алаң ашылды", "en": "The playground is open"},
        photos=[png_upload()],
    )
    make_project(world, title_en=SECRET, title_kk=SECRET, visibility="private")
    make_project(world, title_en=NETWORK_ONLY, title_kk=NETWORK_ONLY, visibility="network")
    secret_need = post_need(world["a"], poster=world["dana"], title=SECRET)
    partner = make_partner(
        world, name_kk="Public Youth NGO", visibility="public", district="Saryarka"
    )
    partner_services.save_contact(
        actor=world["alice"],
        organisation=partner,
        values={"full_name": "Contact Person", "email": "contact@ngo.kz", "phone": "+77010000000"},
    )
    make_partner(world, name_kk=SECRET, visibility="private")
    opportunity = make_opportunity(world, title_en="Public reading club", visibility="public")
    make_opportunity(world, title_en=SECRET, title_kk=SECRET, visibility="private")
    study = make_study(world, title_en="Public water study", visibility="public")
    make_study(world, title_en=SECRET, title_kk=SECRET, visibility="network")
    with all_universities():
        world["b"].visibility = "private"
        world["b"].save()
        photo = update.photos.get()
    return {
        "project": project,
        "update": update,
        "photo": photo,
        "need": public_need,
        "secret_need": secret_need,
        "partner": partner,
        "opportunity": opportunity,
        "study": study,
    }


@pytest.fixture
def site(world):
    return build_site(world)


SLUG = "aqtobe-tech"
LISTS = ["projects", "needs", "opportunities", "partners", "studies"]
SHOWN = {
    "projects": "Public playground repair",
    "needs": "Public pothole on Abai street",
    "opportunities": "Public reading club",
    "partners": "Public Youth NGO",
    "studies": "Public water study",
}


def test_home_lists_public_university_and_not_private_one(site, client):
    body = client.get(url("home")).content.decode()
    assert "Aqtobe Technical University" in body
    assert "Baikonur State University" not in body
    assert "The playground is open" in body
    assert SECRET not in body


@pytest.mark.parametrize("kind", LISTS)
def test_list_shows_public_record_and_not_private_or_network(site, client, kind):
    response = client.get(url(kind, slug=SLUG))
    body = response.content.decode()
    assert response.status_code == 200
    assert SHOWN[kind] in body
    assert SECRET not in body
    assert NETWORK_ONLY not in body


def test_partners_list_shows_no_contacts(site, client):
    body = client.get(url("partners", slug=SLUG)).content.decode()
    assert "contact@ngo.kz" not in body
    assert "+77010000000" not in body
    assert "Contact Person" not in body


@pytest.mark.parametrize(
    ("name", "key"),
    [("project", "project"), ("need", "need"), ("opportunity", "opportunity"), ("study", "study")],
)
def test_detail_page_is_public_for_anonymous(site, client, name, key):
    response = client.get(url(name, slug=SLUG, public_id=site[key].public_id))
    assert response.status_code == 200
    assert SECRET not in response.content.decode()


def test_project_page_shows_story_photo_and_answered_need(site, client):
    body = client.get(url("project", slug=SLUG, public_id=site["project"].public_id)).content
    body = body.decode()
    photo = url("photo", slug=SLUG, public_id=site["photo"].public_id)
    assert "The playground is open" in body
    assert f'src="{photo}"' in body
    assert 'loading="lazy"' in body
    assert "Public pothole on Abai street" in body


def test_need_page_shows_what_the_university_did(site, client):
    body = client.get(url("need", slug=SLUG, public_id=site["need"].public_id)).content.decode()
    assert "Public playground repair" in body
    assert "The playground is open" in body
    assert "Published" in body


def test_university_page_for_private_university_is_404(site, client):
    assert client.get(url("university", slug="baikonur-state")).status_code == 404
    assert client.get(url("projects", slug="baikonur-state")).status_code == 404


def test_university_page_for_unknown_slug_is_404(site, client):
    assert client.get(url("university", slug="no-such-place")).status_code == 404


def test_private_need_id_is_404(site, client):
    response = client.get(url("need", slug=SLUG, public_id=site["secret_need"].public_id))
    assert response.status_code == 404


def test_public_record_under_other_university_slug_is_404(site, client, world):
    with all_universities():
        world["b"].visibility = "public"
        world["b"].save()
    response = client.get(
        url("project", slug="baikonur-state", public_id=site["project"].public_id)
    )
    assert response.status_code == 404


def test_university_page_shows_counts_and_sections(site, client):
    response = client.get(url("university", slug=SLUG))
    body = response.content.decode()
    assert response.status_code == 200
    for kind in LISTS:
        assert f'href="{url(kind, slug=SLUG)}"' in body
    assert f'href="{url("map", slug=SLUG)}"' in body
    assert f'href="{url("indicators", slug=SLUG)}"' in body


def test_map_page_groups_records_by_district(site, client):
    response = client.get(url("map", slug=SLUG))
    body = response.content.decode()
    assert response.status_code == 200
    row = re.search(r"<th scope=\"row\">Saryarka</th>(.*?)</tr>", body, re.S).group(1)
    assert re.findall(r">(\d+)<", row) == ["1", "1", "1"]
    assert '"lat": 50.28' in body


def test_list_filters_by_district(site, client):
    body = client.get(url("needs", slug=SLUG), {"district": "Nowhere"}).content.decode()
    assert "Public pothole on Abai street" not in body
    body = client.get(url("needs", slug=SLUG), {"district": "sary"}).content.decode()
    assert "Public pothole on Abai street" in body


def test_list_filters_by_sdg_component_and_year(site, client):
    base = url("projects", slug=SLUG)
    assert SHOWN["projects"] in client.get(base, {"sdg": "11"}).content.decode()
    assert SHOWN["projects"] not in client.get(base, {"sdg": "1"}).content.decode()
    assert SHOWN["projects"] in client.get(base, {"component": "educational"}).content.decode()
    assert SHOWN["projects"] not in client.get(base, {"component": "innovation"}).content.decode()
    assert SHOWN["projects"] in client.get(base, {"year": "2026"}).content.decode()
    assert SHOWN["projects"] not in client.get(base, {"year": "2025"}).content.decode()


def test_list_bad_year_names_the_field(site, client):
    body = client.get(url("projects", slug=SLUG), {"year": "1066"}).content.decode()
    assert 'id="id_year-error"' in body


def test_search_finds_records_of_each_kind_and_no_private(site, client):
    body = client.get(url("search"), {"q": "Public"}).content.decode()
    for shown in SHOWN.values():
        assert shown in body
    assert SECRET not in client.get(url("search"), {"q": "Secret"}).content.decode()


def test_search_of_a_kind_with_sdg_leaves_out_kinds_without_goals(site, client):
    response = client.get(url("university_search", slug=SLUG), {"kind": "partners", "sdg": 3})
    assert "Public Youth NGO" not in response.content.decode()
    assert response.context["page"].paginator.count == 0


def test_list_is_paginated_by_twenty(site, client, world):
    for n in range(21):
        make_project(world, title_en=f"Paged project {n:02d}", visibility="public")
    first = client.get(url("projects", slug=SLUG))
    second = client.get(url("projects", slug=SLUG), {"page": 2})
    assert len(first.context["page"].object_list) == 20
    assert len(second.context["page"].object_list) == 2
    assert 'rel="next"' in first.content.decode()


@pytest.mark.parametrize("kind", LISTS)
def test_list_query_count_does_not_grow_with_records(site, client, world, kind):
    list_url = url(kind, slug=SLUG)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(list_url).status_code == 200
        return len(queries)

    before = count()
    for n in range(3):
        make_project(world, title_en=f"More {n}", visibility="public")
        published_need(world, title=f"More need {n}")
        make_partner(world, name_kk=f"More partner {n}", visibility="public")
        make_opportunity(world, title_en=f"More opportunity {n}", visibility="public")
        make_study(world, title_en=f"More study {n}", visibility="public")
    assert count() == before


def test_home_query_count_does_not_grow_with_stories(site, client, world):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(url("home"))
        return len(queries)

    before = count()
    for n in range(3):
        project = make_project(world, title_en=f"Story project {n}", visibility="public")
        project_services.post_update(
            actor=world["alice"],
            project=project,
            on=date(2026, 3, 6),
            title={"kk": f"Жаңалық {n}", "en": f"News {n}"},
            photos=[png_upload()],
        )
    assert count() == before


class MetaTags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, attrs.get("content", ""))
        elif tag == "link":
            self.links.append(attrs)
        self._in_title = tag == "title"

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag):
        self._in_title = False


def parse(content: bytes) -> MetaTags:
    parser = MetaTags()
    parser.feed(content.decode())
    return parser


def _image_of(client, image: str):
    assert image.startswith("http://testserver/"), image
    return client.get(image.removeprefix("http://testserver"))


def test_project_page_preview_uses_latest_update_photo(site, client):
    page_url = url("project", slug=SLUG, public_id=site["project"].public_id)
    tags = parse(client.get(page_url).content)
    assert tags.meta["og:title"] == "Public playground repair"
    assert tags.meta["og:type"] == "article"
    assert tags.meta["og:url"] == f"http://testserver{page_url}"
    assert tags.meta["twitter:card"] == "summary_large_image"
    assert tags.meta["og:locale"] == "en_GB"
    photo = url("photo", slug=SLUG, public_id=site["photo"].public_id)
    assert tags.meta["og:image"] == f"http://testserver{photo}"
    response = _image_of(client, tags.meta["og:image"])
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")


def test_need_page_preview_is_a_generated_card(site, client):
    page_url = url("need", slug=SLUG, public_id=site["need"].public_id)
    tags = parse(client.get(page_url).content)
    response = _image_of(client, tags.meta["og:image"])
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    size = (int.from_bytes(body[16:20], "big"), int.from_bytes(body[20:24], "big"))
    assert (body[:8], size) == (b"\x89PNG\r\n\x1a\n", (1200, 630))


def test_project_without_photo_gets_a_card_of_1200_by_630(site, client, world):
    project = make_project(world, title_en="No photo project", visibility="public", sdgs=[4])
    tags = parse(client.get(url("project", slug=SLUG, public_id=project.public_id)).content)
    assert tags.meta["og:image"] == "http://testserver" + url(
        "project_card", slug=SLUG, public_id=project.public_id
    )
    body = _image_of(client, tags.meta["og:image"]).content
    size = (int.from_bytes(body[16:20], "big"), int.from_bytes(body[20:24], "big"))
    assert size == (1200, 630)


@pytest.mark.parametrize(
    "name", ["home", "university", "projects", "needs", "partners", "studies", "map", "indicators"]
)
def test_page_has_every_sharing_tag(site, client, name):
    kwargs = {} if name == "home" else {"slug": SLUG}
    page_url = url(name, **kwargs)
    tags = parse(client.get(page_url).content)
    expected = {
        "description",
        "og:title",
        "og:description",
        "og:url",
        "og:type",
        "og:image",
        "og:locale",
        "twitter:card",
        "twitter:image",
    }
    assert expected - set(tags.meta) == set()
    assert tags.title.strip()
    canonical = [link["href"] for link in tags.links if link.get("rel") == "canonical"]
    assert canonical == [f"http://testserver{page_url}"]
    hreflangs = {link["hreflang"]: link["href"] for link in tags.links if link.get("hreflang")}
    assert sorted(hreflangs) == ["en", "kk", "ru"]
    assert hreflangs["kk"] == "http://testserver" + page_url.replace("/en/", "/kk/", 1)
    response = _image_of(client, tags.meta["og:image"])
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")


def test_page_in_russian_falls_back_visibly_to_kazakh(site, client, world):
    make_project(world, title_kk="Тек қазақша жоба", title_en="", title_ru="", visibility="public")
    with translation.override("ru"):
        list_url = reverse("portal:projects", kwargs={"slug": SLUG})
    body = client.get(list_url).content.decode()
    assert '<span lang="kk">Тек қазақша жоба</span> <abbr class="fallback"' in body
    assert parse(client.get(list_url).content).meta["og:locale"] == "ru_RU"


def test_photo_of_private_project_is_404(world, client):
    project = make_project(world, title_en=SECRET, visibility="private")
    update = project_services.post_update(
        actor=world["alice"],
        project=project,
        on=date(2026, 3, 5),
        title={"kk": "Жабық", "en": "Closed"},
        photos=[png_upload()],
    )
    with all_universities():
        photo = update.photos.get()
    assert client.get(url("photo", slug=SLUG, public_id=photo.public_id)).status_code == 404
    assert (
        client.get(url("project_card", slug=SLUG, public_id=project.public_id)).status_code == 404
    )


def test_page_without_photos_is_light(site, client):
    html = client.get(url("needs", slug=SLUG)).content
    css = Path(finders.find("portal/portal.css")).read_bytes()
    assert len(html) + len(css) < 100_000


def test_indicators_page_shows_only_published_indicators_with_a_chart(site, client, world):
    shown = make_indicator(code="P-01", name_en="Published count")
    hidden = make_indicator(code="P-02", name_en="Staff-only count")
    publish_indicator(
        actor=world["alice"], university=world["a"], indicator=shown, visibility="public"
    )
    publish_indicator(
        actor=world["alice"], university=world["a"], indicator=hidden, visibility="network"
    )
    body = client.get(url("indicators", slug=SLUG)).content.decode()
    assert "Published count" in body
    assert "Staff-only count" not in body
    chart = client.get(url("indicator_chart", slug=SLUG, public_id=shown.public_id))
    assert (chart.status_code, chart["Content-Type"]) == (200, "image/svg+xml")
    refused = client.get(url("indicator_chart", slug=SLUG, public_id=hidden.public_id))
    assert refused.status_code == 404


def test_indicators_page_counts_the_records_for_an_anonymous_visitor(site, client, world):
    """A visitor's request holds no university's scope; the published value is still the
    one the university's staff see on the dashboard."""
    students = make_indicator(
        code="P-03",
        name_en="Students of the university",
        method="computed",
        measure="accounts.students",
    )
    publish_indicator(
        actor=world["alice"], university=world["a"], indicator=students, visibility="public"
    )
    with all_universities():
        expected = Membership.objects.filter(university=world["a"], role="student").count()
    assert expected > 0
    body = client.get(url("indicators", slug=SLUG)).content.decode()
    shown = re.search(r"Students of the university.*?<strong[^>]*>([^<]+)</strong>", body, re.S)
    assert shown is not None and shown.group(1).strip() == str(expected)


def test_signed_in_menu_links_to_the_public_site(world, client_for):
    body = client_for(world["bob"]).get("/en/").content.decode()
    assert 'href="/en/portal/" data-nav="portal"' in body
