"""Benchmarks in real Chromium, seen by each of three member universities.

A shares BM-COUNT with the network and keeps BM-SHARE private; B shares both; C shares both
but is compared without its name (qogam/network/tests/records_members.py). Each university's
administrator opens the benchmark in a different language and sees its own values, the median
of what it may see, and the others only as they consented. Every page passes the axe check and
is saved as a screenshot.
"""

import pytest
from playwright.sync_api import expect

from qogam.core.enums import Visibility
from qogam.network.tests.records_members import bench_world, share

pytestmark = pytest.mark.browser

NAMES = {
    "a": {
        "en": "Aqtobe Technical University",
        "ru": "Актюбинский технический университет",
        "kk": "Ақтөбе техникалық университеті",
    },
    "b": {
        "en": "Baikonur State University",
        "ru": "Байконурский государственный университет",
        "kk": "Байқоңыр мемлекеттік университеті",
    },
    "c": {
        "en": "Caspian State University",
        "ru": "Каспийский государственный университет",
        "kk": "Каспий мемлекеттік университеті",
    },
}
# The label of a member that is not named, in each language.
NAMES["anonymous"] = {"en": "University A", "ru": "Университет A", "kk": "A университеті"}
# (persona, university, language, indicator, rows as (label, value) best first, median)
VIEWS = [
    (
        "alice",
        "a",
        "en",
        "BM-SHARE",
        [("a", "91.37"), ("anonymous", "65.00"), ("b", "45.00")],
        "65.00",
    ),
    ("charlie", "b", "ru", "BM-SHARE", [("anonymous", "65.00"), ("b", "45.00")], "55.00"),
    ("carl", "c", "kk", "BM-COUNT", [("c", "50.00"), ("b", "30.00"), ("a", "12.00")], "30.00"),
]


@pytest.fixture
def members_world(browser_world):
    return bench_world(browser_world)


@pytest.mark.parametrize("view", VIEWS, ids=[v[0] for v in VIEWS])
def test_member_sees_own_value_median_and_others_as_consented(
    members_world, live_server, new_page, log_in, axe, shot, view
):
    persona, key, language, code, rows, median = view
    world = members_world
    page = new_page(bypass_csp=True)
    log_in(page, world[persona])

    page.goto(f"{live_server.url}/{language}/network/benchmarks/")
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("main table")).to_contain_text(code)
    axe(page, f"benchmarks {persona} {language}")
    shot(page, f"network-benchmarks-{persona}-{language}")

    page.locator("main table a", has_text=code).click()
    table = page.locator("main table").first
    expect(table.locator("tbody tr")).to_have_count(len(rows))
    for index, (label, value) in enumerate(rows):
        row = table.locator("tbody tr").nth(index)
        name = NAMES[label][language] if label in NAMES else label
        expect(row.locator("th")).to_contain_text(name)
        expect(row.locator("td").nth(1)).to_have_text(value)
    own = table.locator("tbody tr.net-own-row")
    expect(own).to_have_count(1)
    expect(own.locator("th")).to_contain_text(NAMES[key][language])
    expect(page.locator(".net-stats")).to_contain_text(median)
    body = page.locator("main").inner_text()
    # C is never named to the others; A's private share never reaches them.
    if key != "c":
        assert all(name not in body for name in NAMES["c"].values())
    if key != "a":
        assert "91.37" not in body
    axe(page, f"benchmark {code} {persona} {language}")
    shot(page, f"network-benchmark-{code}-{persona}-{language}")


def test_consent_page_and_members_page_pass_axe(
    members_world, live_server, new_page, log_in, axe, shot
):
    world = members_world
    page = new_page(bypass_csp=True)
    log_in(page, world["erin"])
    page.goto(f"{live_server.url}/en/network/consent/")
    expect(page.locator("main h1")).to_have_text("What we share with the network")
    axe(page, "consent")
    shot(page, "network-consent-erin-en")

    page.goto(f"{live_server.url}/en/network/")
    expect(page.locator(".net-card")).to_contain_text("Member")
    axe(page, "network home")
    shot(page, "network-home-erin-en")

    admin = new_page(bypass_csp=True)
    log_in(admin, world["nora"])
    admin.goto(f"{live_server.url}/ru/network/members/")
    expect(admin.locator("main table tbody tr")).to_have_count(3)
    axe(admin, "members nora ru")
    shot(admin, "network-members-nora-ru")


def test_portal_benchmark_shows_published_values_only(
    members_world, live_server, new_page, axe, shot
):
    world = members_world
    # B publishes BM-COUNT as well: with C's, two published values to compare.
    share(world["b"], world["indicators"]["BM-COUNT"], Visibility.PUBLIC)
    page = new_page(bypass_csp=True)

    page.goto(f"{live_server.url}/en/portal/")
    page.get_by_role("link", name="Benchmarks of the network").click()
    page.get_by_role("link", name="BM-COUNT Partners engaged").click()
    table = page.locator("main table").first
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table.locator("tbody tr").nth(0)).to_contain_text("University A")
    expect(table.locator("tbody tr").nth(1)).to_contain_text("Baikonur State University")
    body = page.locator("main").inner_text()
    assert "12.00" not in body and "Aqtobe" not in body and "Caspian" not in body
    axe(page, "portal benchmark")
    shot(page, "network-portal-benchmark-en")
