"""Bulk SDG tagging in real Chromium: a run started, watched to the end, and its suggestions
reviewed.

erin (A's third-mission office) starts a run over A's records, written like the demo's
projects in three languages and without goals. The task goes to the database queue, so the
run's page shows it waiting and polls; a worker run then reads the records, and the page,
still open, turns to "done" by itself with a link to the review queue. There erin accepts
one suggestion (the goal joins the project) in English and rejects another in Kazakh; the
decided rows are swapped in place by htmx. axe-core checks the pages in both languages.
"""

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from qogam.core.tenancy import all_universities
from qogam.demo.projects import PROJECTS
from qogam.projects.models import Project
from qogam.projects.tests.factories import make_project
from qogam.sdg.enums import RunStatus, TagSource, TagStatus
from qogam.sdg.models import RecordGoal, TaggingRun

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots/sdg")  # noqa: S108 -- looked at by hand after a run

# Two more projects in the demo's manner, about energy and water, so the run has something
# clear to suggest beside the demo's own (whose short texts say little about any goal).
MORE = (
    {
        "title_kk": "Ауыл мектептеріне күн панельдері",
        "title_ru": "Солнечные панели для сельских школ",
        "title_en": "Solar panels for rural schools",
        "description_en": (
            "Students install solar panels and improve energy efficiency in rural schools: "
            "renewable energy instead of coal."
        ),
    },
    {
        "title_kk": "Ауылдарға таза ауыз су",
        "title_ru": "Чистая питьевая вода для сёл",
        "title_en": "Clean drinking water for villages",
        "description_en": (
            "Clean drinking water and sanitation for villages: wells, water quality tests "
            "and wastewater treatment."
        ),
    },
)


def words(code: str, text: str) -> str:
    with translation.override(code):
        return gettext(text)


def _keep(shot, page, name: str) -> None:
    path = shot(page, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SHOTS / path.name)


def _demo_like_projects(world) -> list[Project]:
    projects = []
    for spec in PROJECTS:
        values = {f"title_{code}": text for code, text in spec.title.items()}
        values |= {f"description_{code}": text for code, text in spec.description.items()}
        projects.append(make_project(world, "erin", kind=spec.kind, sdgs=[], **values))
    for values in MORE:
        projects.append(make_project(world, "erin", sdgs=[], **values))
    return projects


def test_office_runs_tagging_and_reviews_suggestions(
    browser_world, live_server, new_page, log_in, axe, shot, settings
):
    world = browser_world
    base = live_server.url
    projects = _demo_like_projects(world)
    solar, water = projects[-2], projects[-1]
    # The database queue instead of the immediate backend: the run waits for a worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    erin = new_page()
    log_in(erin, world["erin"])
    erin.goto(f"{base}/en/sdg/runs/")
    expect(erin.locator("main h1")).to_have_text("SDG tagging runs")
    # Every kind is ticked, and only records without goals, unless she says otherwise.
    kinds = erin.locator("input[name=kinds]")
    assert kinds.count() >= 6
    for index in range(kinds.count()):
        expect(kinds.nth(index)).to_be_checked()
    expect(erin.locator("input[name=only_untagged]")).to_be_checked()
    _keep(shot, erin, "sdg-bulk-runs-en")
    erin.get_by_role("button", name="Start the run").click()

    expect(erin.locator("main h1")).to_contain_text("SDG tagging run of")
    expect(erin.locator("#run-progress")).to_contain_text("queued")
    expect(erin.locator("#run-progress")).to_have_attribute("hx-trigger", "every 2s")
    _keep(shot, erin, "sdg-bulk-queued-en")

    call_command("db_worker", "--batch", "--no-startup-delay")
    with all_universities():
        run = TaggingRun.objects.get()
    assert run.status == RunStatus.DONE
    assert run.total == run.done == len(projects)
    assert run.suggested >= 2
    # The page polls by itself and stops once the run is done.
    expect(erin.locator("#run-progress")).to_contain_text("done", timeout=8_000)
    expect(erin.locator("#run-progress progress")).to_have_attribute("value", "100")
    expect(erin.locator("#run-progress")).to_contain_text(f"{run.done} of {run.total} records read")
    expect(erin.locator("#run-progress")).not_to_have_attribute("hx-trigger", "every 2s")
    _keep(shot, erin, "sdg-bulk-done-en")

    erin.get_by_role("link", name="Review the suggestions").click()
    expect(erin.locator("main h1")).to_have_text("Suggested goals to review")
    solar_item = erin.locator("li.review-record").filter(has_text=solar.title_en)
    expect(solar_item.locator("h2 a")).to_have_attribute("href", solar.get_absolute_url())
    expect(solar_item).to_contain_text("Projects")
    expect(solar_item).to_contain_text("SDG 7: Affordable and clean energy")
    expect(solar_item).to_contain_text("solar panels")
    _keep(shot, erin, "sdg-bulk-review-en")
    solar_item.get_by_role("button", name="Accept SDG 7").click()
    expect(solar_item.locator(".review-decided")).to_have_text(
        "Accepted: the goal is on the record."
    )
    _keep(shot, erin, "sdg-bulk-accepted-en")
    with all_universities():
        assert Project.objects.get(pk=solar.pk).sdgs == [7]
        accepted = RecordGoal.objects.get(object_id=solar.pk, goal=7)
    assert (accepted.status, accepted.source, accepted.decided_by) == (
        TagStatus.ACCEPTED,
        TagSource.SUGGESTION,
        world["erin"],
    )

    # In Kazakh: the queue without the decided goal, and a rejection.
    erin.goto(f"{base}/kk/sdg/review/")
    expect(erin.locator("html")).to_have_attribute("lang", "kk")
    expect(erin.locator("main h1")).to_have_text(words("kk", "Suggested goals to review"))
    expect(erin.locator("li.review-record").filter(has_text=solar.title_kk)).to_have_count(0)
    water_item = erin.locator("li.review-record").filter(has_text=water.title_kk)
    expect(water_item).to_contain_text("6")
    _keep(shot, erin, "sdg-bulk-review-kk")
    water_item.locator("form:has(input[value=reject]) button").first.click()
    expect(water_item.locator(".review-decided")).to_have_text(
        words("kk", "Rejected: it will not be suggested again.")
    )
    _keep(shot, erin, "sdg-bulk-rejected-kk")
    with all_universities():
        rejected = RecordGoal.objects.get(object_id=water.pk, goal=6)
        assert Project.objects.get(pk=water.pk).sdgs == []
    assert (rejected.status, rejected.decided_by) == (TagStatus.REJECTED, world["erin"])

    erin.goto(f"{base}/kk/sdg/runs/{run.public_id}/")
    expect(erin.locator("#run-progress progress")).to_have_attribute("value", "100")
    _keep(shot, erin, "sdg-bulk-done-kk")
    erin.goto(f"{base}/en/sdg/runs/")
    expect(erin.locator("table.runs-table tbody tr")).to_have_count(1)
    expect(erin.locator("table.runs-table")).to_contain_text("done")
    _keep(shot, erin, "sdg-bulk-runs-after-en")

    checker = new_page(bypass_csp=True)
    log_in(checker, world["erin"])
    for language in ("en", "kk"):
        for path, label in [
            (f"/{language}/sdg/runs/", "runs list"),
            (f"/{language}/sdg/runs/{run.public_id}/", "run page"),
            (f"/{language}/sdg/review/", "review queue"),
        ]:
            checker.goto(f"{base}{path}")
            axe(checker, f"{label} ({language})")
