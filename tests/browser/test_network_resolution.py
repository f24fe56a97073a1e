"""A resolution's recommendations answered and tracked in real Chromium.

erin (third-mission office of A) answers recommendation 2 with a status, a note and evidence
(one of A's strategy measures and one of its projects); the resolution's implementation table
then shows A's answer beside B's, and the table downloads as a workbook that opens. The pages
are read in kk, ru and en, and axe-core checks them.
"""

import io
import shutil
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from qogam.network.tests.records_conferences import a_conference_records
from qogam.strategy.tests.records import a_strategy_records

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots/network-conferences")  # noqa: S108 -- looked at by hand after a run


def _keep(shot, page, name: str) -> None:
    path = shot(page, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SHOTS / path.name)


def test_resolution_answered_tracked_and_exported(
    browser_world, live_server, new_page, log_in, axe, shot
):
    world = browser_world
    base = live_server.url
    records = a_conference_records(world)
    a_strategy_records(world)
    resolution = records["resolution"]
    resolution_url = f"{base}/en/network/resolutions/{resolution.public_id}/"

    erin = new_page()
    log_in(erin, world["erin"])
    erin.goto(resolution_url)
    expect(erin.locator("h1")).to_have_text("Resolution of the conference")
    erin.get_by_role("link", name="Responses of Aqtobe Technical University").click()
    expect(erin.locator("h1")).to_have_text("Our responses to the recommendations")
    _keep(shot, erin, "network-responses-before")
    erin.get_by_role("link", name="Answer recommendation 2").click()
    expect(erin.locator("h1")).to_have_text("Response to recommendation 2")
    erin.get_by_label("Implemented").check()
    erin.get_by_label("What we do about it").fill("Volunteering is a credit-bearing course now.")
    erin.get_by_label("A Secret Measure Title").check()
    erin.get_by_label("Repairing the playground").check()
    _keep(shot, erin, "network-response-form")
    erin.get_by_role("button", name="Save the response").click()
    expect(erin.locator(".messages")).to_contain_text("The response is saved.")
    second = erin.locator("ol.responses > li").nth(1)
    expect(second).to_contain_text("Implemented")
    expect(second).to_contain_text("Volunteering is a credit-bearing course now.")
    expect(second.get_by_role("link", name="A Secret Measure Title")).to_be_visible()
    expect(second.get_by_role("link", name="Repairing the playground")).to_be_visible()
    _keep(shot, erin, "network-responses-after")

    # B's administrator sees A's status in the table, never A's note or evidence.
    charlie = new_page()
    log_in(charlie, world["charlie"])
    charlie.goto(resolution_url)
    table = charlie.locator("table.implementation")
    row = table.locator("tbody tr").nth(1)
    expect(row.locator("td").nth(1)).to_have_text("Implemented")
    expect(row.locator("td").nth(2)).to_contain_text("—")
    expect(table.locator("tbody tr").nth(0).locator("td").nth(1)).to_have_text("In progress")
    assert "credit-bearing" not in charlie.content()
    assert "A Secret Measure Title" not in charlie.content()
    _keep(shot, charlie, "network-implementation-table")

    with charlie.expect_download() as download_info:
        charlie.get_by_role("link", name="Download the implementation table (Excel)").click()
    download = download_info.value
    assert download.suggested_filename == "resolution-of-the-conference-implementation.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes())).active
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    assert rows[0][2:4] == ("Aqtobe Technical University", "Baikonur State University")
    assert rows[2][:4] == (
        2,
        "Fully develop the volunteer movement among students",
        "Implemented",
        "—",
    )

    # The same pages in Kazakh and Russian: the content in the reader's language.
    for language, title in (("kk", "Конференция қарары"), ("ru", "Резолюция конференции")):
        charlie.goto(f"{base}/{language}/network/resolutions/{resolution.public_id}/")
        expect(charlie.locator("html")).to_have_attribute("lang", language)
        expect(charlie.locator("h1")).to_have_text(title)
        expect(charlie.locator("ol.recommendations > li").nth(1)).to_contain_text(
            {"kk": "Еріктілер қозғалысын дамыту", "ru": "Развивать волонтёрское движение"}[language]
        )
        _keep(shot, charlie, f"network-resolution-{language}")

    checker = new_page(bypass_csp=True)
    log_in(checker, world["erin"])
    pages = {
        "conference": f"{base}/en/network/conferences/{records['conference'].public_id}/",
        "resolution": resolution_url,
        "responses": f"{base}/en/network/resolutions/{resolution.public_id}/responses/aqtobe-tech/",
        "response form": (
            f"{base}/kk/network/recommendations/{records['recommendation'].public_id}"
            "/respond/aqtobe-tech/"
        ),
    }
    for label, url in pages.items():
        checker.goto(url)
        axe(checker, label)
    _keep(shot, checker, "network-response-form-kk")
    checker.goto(pages["conference"])
    _keep(shot, checker, "network-conference")
