"""Feeds, open data downloads, the sitemap, the widget and the data page of the portal."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from qogam.core.enums import Visibility
from qogam.portal.opendata import DATASETS, SCHEMA_VERSION
from qogam.portal.tests.test_leaks import build_records

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"

pytestmark = pytest.mark.django_db
# Public rows of A in build_records: two needs shown, one indicator over five years.
ROWS = {
    "projects": 1,
    "needs": 2,
    "opportunities": 1,
    "partners": 1,
    "research": 1,
    "indicators": 5,
}


def _xml(content: bytes) -> ET.Element:
    # The XML is this server's own output under test, not untrusted input.
    return ET.fromstring(content)  # noqa: S314


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_feed_rss_lists_public_stories_only(world, client):
    records = build_records(world)
    response = client.get(reverse("portal:feed_rss", kwargs={"slug": "aqtobe-tech"}))
    assert response.status_code == 200
    channel = _xml(response.content).find("channel")
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["Open Marker Story"]
    project = records["public"]["project"]
    update = records["public"]["update"]
    assert items[0].findtext("link") == (
        f"http://testserver/en/portal/aqtobe-tech/projects/{project.public_id}/"
        f"#update-{update.public_id}"
    )
    assert channel.findtext("language") == "en"


def test_feed_atom_speaks_the_language_of_its_address(world, client):
    build_records(world)
    with_kk = client.get("/kk/portal/aqtobe-tech/feed/atom/")
    root = _xml(with_kk.content)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "kk"
    assert [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")] == ["Ашық жаңалық"]


def test_network_feed_answered_needs_lists_addressed_public_needs(world, client):
    build_records(world)
    response = client.get(reverse("portal:network_answered_feed_atom"))
    entries = _xml(response.content).findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Open Marker Need"]
    assert entries[0].findtext(f"{ATOM}summary") == "What was done: A pavement was laid."


def test_feed_of_private_university_not_found(world, client):
    build_records(world)
    response = client.get(reverse("portal:feed_rss", kwargs={"slug": "closed-university"}))
    assert response.status_code == 404


@pytest.mark.parametrize("kind", list(DATASETS))
def test_export_csv_header_is_the_schema(world, client, kind):
    build_records(world)
    url = reverse("portal:export", kwargs={"slug": "aqtobe-tech", "kind": kind, "fmt": "csv"})
    response = client.get(url)
    assert response.streaming is True
    assert response["X-Licence"] == "CC BY 4.0"
    assert response["X-Schema-Version"] == SCHEMA_VERSION
    assert '<https://creativecommons.org/licenses/by/4.0/>; rel="license"' in response["Link"]
    rows = list(csv.reader(io.StringIO(_body(response).decode("utf-8-sig"))))
    assert rows[0] == DATASETS[kind].field_names
    assert len(rows) == 1 + ROWS[kind]


@pytest.mark.parametrize("kind", list(DATASETS))
def test_export_json_rows_have_exactly_the_schema_fields(world, client, kind):
    build_records(world)
    url = reverse("portal:network_export", kwargs={"kind": kind, "fmt": "json"})
    document = json.loads(_body(client.get(url)))
    assert document["schema"]["version"] == SCHEMA_VERSION
    assert [f["name"] for f in document["schema"]["fields"]] == DATASETS[kind].field_names
    assert document["licence"] == {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert [list(item) for item in document["items"]] == [DATASETS[kind].field_names] * ROWS[kind]


def test_export_json_project_values(world, client):
    records = build_records(world)
    project = records["public"]["project"]
    url = reverse(
        "portal:export", kwargs={"slug": "aqtobe-tech", "kind": "projects", "fmt": "json"}
    )
    item = json.loads(_body(client.get(url)))["items"][0]
    assert item["id"] == str(project.public_id)
    assert item["url"] == f"http://testserver/en/portal/aqtobe-tech/projects/{project.public_id}/"
    assert item["title"] == "Open Marker Project"
    assert item["starts_on"] == "2026-02-01"


def test_export_indicators_only_published_with_value(world, client):
    records = build_records(world)
    url = reverse(
        "portal:export", kwargs={"slug": "aqtobe-tech", "kind": "indicators", "fmt": "json"}
    )
    items = json.loads(_body(client.get(url)))["items"]
    assert {i["code"] for i in items} == {records["public"]["indicator"].code}
    assert [i["value"] for i in items if i["value"] is not None] == [42]


def test_export_licence_follows_the_setting(world, client, settings):
    settings.PORTAL_DATA_LICENCE = "CC0 1.0"
    url = reverse("portal:network_export", kwargs={"kind": "partners", "fmt": "json"})
    response = client.get(url)
    assert response["X-Licence"] == "CC0 1.0"
    assert json.loads(_body(response))["licence"]["name"] == "CC0 1.0"


def test_export_unknown_kind_not_found(world, client):
    assert client.get("/en/portal/network/data/contacts.csv").status_code == 404


def test_sitemap_lists_public_pages_in_three_languages(world, client):
    records = build_records(world)
    response = client.get("/sitemap.xml")
    root = _xml(response.content)
    locations = [u.findtext(f"{SITEMAP}loc") for u in root.findall(f"{SITEMAP}url")]
    project = records["public"]["project"]
    for language in ("kk", "ru", "en"):
        assert (
            f"http://testserver/{language}/portal/aqtobe-tech/projects/{project.public_id}/"
            in locations
        )
        assert f"http://testserver/{language}/portal/network/data/" in locations
    hidden = records["hidden"][Visibility.NETWORK]["project"]
    assert not [loc for loc in locations if str(hidden.public_id) in loc]
    assert not [loc for loc in locations if "closed-university" in loc]
    assert not [loc for loc in locations if "/widget/" in loc or "card.png" in loc]
    first = root.find(f"{SITEMAP}url")
    assert sorted(a.get("hreflang") for a in first.findall(f"{XHTML}link")) == ["en", "kk", "ru"]


def test_robots_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode().splitlines()


def test_widget_may_be_framed_by_any_site(world, client):
    build_records(world)
    response = client.get(reverse("portal:widget", kwargs={"slug": "aqtobe-tech"}))
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["frame-ancestors"] == "*"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert b"<script" not in response.content
    assert b'style="' not in response.content
    assert b"Open Marker Story" in response.content


def test_widget_code_page_stays_unframeable(world, client):
    build_records(world)
    response = client.get(reverse("portal:widget_code", kwargs={"slug": "aqtobe-tech"}))
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert b"&lt;iframe src=&quot;http://testserver/en/portal/aqtobe-tech/widget/&quot;" in (
        response.content
    )


def test_data_page_lists_every_dataset_and_field(world, client):
    response = client.get(reverse("portal:data"))
    page = response.content.decode()
    assert response.status_code == 200
    for kind, dataset in DATASETS.items():
        assert f'id="dataset-{kind}"' in page
        for name in dataset.field_names:
            assert f"<code>{name}</code>" in page
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in page
    assert 'href="/en/portal/aqtobe-tech/data/needs.csv"' in page


def test_export_queries_do_not_grow_with_rows(world, client, django_assert_max_num_queries):
    build_records(world)
    url = reverse("portal:network_export", kwargs={"kind": "needs", "fmt": "csv"})
    with django_assert_max_num_queries(4):
        _body(client.get(url))
