"""Reports in real Chromium: asked for, watched while a worker makes it, downloaded.

erin (third-mission office of A) asks for an evidence pack of SDG 4 and 17 through the form,
which proposes the period's snapshot. The task goes to the database queue, so the report's
page shows it waiting and polls; a worker run then makes it, and the page, still open, turns
to "Ready" with the download link by itself. The ZIP downloaded holds the index and the
evidence files. axe-core checks the pages on the way.
"""

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from qogam.core.tenancy import university_scope
from qogam.reports.enums import ReportStatus
from qogam.reports.models import Report
from qogam.reports.tests.records import MINUTES, sdg_records

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots/reports")  # noqa: S108 -- looked at by hand after a run


def _keep(shot, page, name: str) -> None:
    path = shot(page, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SHOTS / path.name)


def test_report_requested_watched_and_downloaded(
    browser_world, live_server, new_page, log_in, axe, shot, settings
):
    world = browser_world
    base = live_server.url
    records = sdg_records(world)
    # The database queue instead of the immediate backend: the report waits for a worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    erin = new_page()
    log_in(erin, world["erin"])
    erin.goto(f"{base}/en/reports/")
    erin.locator('nav.main-nav a[data-nav="reports"]').click()
    expect(erin.locator("main h1")).to_have_text("Reports")
    erin.get_by_role("link", name="Generate a report").click()
    expect(erin.locator("main h1")).to_have_text("Generate a report")
    erin.locator("#id_kind").select_option("evidence_pack")
    erin.locator("#id_format").select_option("zip")
    erin.locator("#id_language").select_option("en")
    erin.get_by_label("SDG 4", exact=True).check()
    erin.get_by_label("SDG 17", exact=True).check()
    # The period's snapshot is proposed, so the figures are those reported; another period
    # has none, and the proposal follows the period typed.
    erin.locator("#id_period").fill("2024/25")
    erin.locator("#id_period").dispatch_event("change")
    expect(erin.locator("#id_snapshot")).to_have_value("")
    erin.locator("#id_period").fill("2025/26")
    erin.locator("#id_period").dispatch_event("change")
    expect(erin.locator("#id_snapshot")).to_have_value(str(records["snapshot"].pk))
    _keep(shot, erin, "reports-form")
    erin.get_by_role("button", name="Generate the report").click()

    expect(erin.locator("main h1")).to_have_text("Evidence pack, SDG 4, 17, 2025/26")
    expect(erin.locator("#report-progress")).to_contain_text("Waiting to start")
    expect(erin.locator("#report-progress progress")).to_have_attribute("value", "0")
    _keep(shot, erin, "reports-queued")

    call_command("db_worker", "--batch", "--no-startup-delay")
    with university_scope(world["a"]):
        report = Report.objects.get()
    assert report.status == ReportStatus.DONE
    # The page polls by itself and stops once the report is ready.
    expect(erin.locator("#report-progress")).to_contain_text("Ready", timeout=8_000)
    expect(erin.locator("#report-progress progress")).to_have_attribute("value", "100")
    expect(erin.locator("#report-progress")).not_to_have_attribute("hx-trigger", "every 2s")
    _keep(shot, erin, "reports-ready")

    with erin.expect_download() as download_info:
        erin.locator("#report-progress a.button").click()
    download = download_info.value
    assert download.suggested_filename == "evidence-pack-aqtobe-tech-2025-26-sdg-4-17.zip"
    book = zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes()))
    assert "index.html" in book.namelist() and "index.csv" in book.namelist()
    minutes = f"indicators/A-SDG4-1/evidence/{records['minutes'].pk}-minutes-2025.pdf"
    assert book.read(minutes) == MINUTES

    erin.goto(f"{base}/en/reports/")
    expect(erin.locator("table.reports-table tbody tr")).to_have_count(1)
    expect(erin.locator("table.reports-table")).to_contain_text("Ready")
    _keep(shot, erin, "reports-list")

    checker = new_page(bypass_csp=True)
    log_in(checker, world["erin"])
    for path, label in [
        ("/en/reports/", "reports list"),
        ("/en/reports/new/", "report form"),
        (report.get_absolute_url(), "report page"),
    ]:
        checker.goto(f"{base}{path}")
        axe(checker, label)
