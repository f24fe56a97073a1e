"""The project spreadsheet: export, and the all-or-nothing import with its preview."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from qogam.core.tenancy import all_universities
from qogam.projects import importing
from qogam.projects.models import Project
from qogam.projects.tests.factories import make_project

HEADER = [
    "kind",
    "title_kk",
    "title_en",
    "components",
    "lead_unit",
    "starts_on",
    "ends_on",
    "sdgs",
    "status",
    "budget",
]
GOOD = [
    "outreach",
    "Мектептегі дәріс",
    "School lecture",
    "educational, research",
    "A Faculty of Science",
    "2026-02-01",
    "2026-03-01",
    "4, 11",
    "planned",
    "120000",
]


def _csv(*rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def _count():
    with all_universities():
        return Project.objects.count()


def test_import_good_rows_creates_projects(world):
    rows = importing.read_rows("p.csv", _csv(GOOD))
    plan = importing.import_projects(actor=world["alice"], university=world["a"], rows=rows)
    assert len(plan.to_create) == 1
    with all_universities():
        project = Project.objects.get()
    assert (project.components, project.sdgs, project.lead_unit) == (
        ["educational", "research"],
        [4, 11],
        world["a_faculty"],
    )


def test_import_twice_doubles_nothing(world):
    content = _csv(GOOD)
    importing.import_projects(
        actor=world["alice"], university=world["a"], rows=importing.read_rows("p.csv", content)
    )
    plan = importing.import_projects(
        actor=world["alice"], university=world["a"], rows=importing.read_rows("p.csv", content)
    )
    assert (len(plan.to_create), len(plan.unchanged)) == (0, 1)
    assert _count() == 1


def test_import_preview_names_every_bad_row_and_saves_nothing(world):
    bad_dates = [*GOOD[:5], "2026-05-01", "2026-04-01", "", "planned", ""]
    bad_unit = [*GOOD[:4], "No Such Unit", *GOOD[5:]]
    outcome = GOOD.copy()
    rows = importing.read_rows(
        "p.csv", _csv(GOOD, bad_dates, bad_unit, [*GOOD[:7], "99", "planned", "x"])
    )
    plan = importing.plan_import(actor=world["alice"], university=world["a"], rows=rows)
    problems = {(p.row, p.column) for p in plan.problems}
    assert (3, "ends_on") in problems
    assert (4, "lead_unit") in problems
    assert (5, "budget") in problems
    assert plan.problem_rows == [3, 4, 5]
    with pytest.raises(importing.ImportRefused):
        importing.import_projects(actor=world["alice"], university=world["a"], rows=rows)
    assert _count() == 0
    assert outcome == GOOD


def test_import_row_with_unit_of_other_university_is_refused(world):
    row = [*GOOD[:4], "B Faculty of Arts", *GOOD[5:]]
    plan = importing.plan_import(
        actor=world["alice"], university=world["a"], rows=importing.read_rows("p.csv", _csv(row))
    )
    assert [(p.row, p.column) for p in plan.problems] == [(2, "lead_unit")]


def test_import_by_coordinator_or_charlie_is_refused(world):
    rows = importing.read_rows("p.csv", _csv(GOOD))
    for persona in ["cora", "charlie"]:
        with pytest.raises(PermissionDenied):
            importing.plan_import(actor=world[persona], university=world["a"], rows=rows)


def test_export_reads_back_as_unchanged(world):
    make_project(world)
    with all_universities():
        content = importing.export_projects(Project.objects.all(), "xlsx")
    rows = importing.read_rows("p.xlsx", content)
    plan = importing.plan_import(actor=world["alice"], university=world["a"], rows=rows)
    assert plan.problems == []
    assert len(plan.unchanged) == 1


def test_import_pages_preview_then_confirm(world, client_for):
    client = client_for(world["alice"])
    upload = SimpleUploadedFile("p.csv", _csv(GOOD), content_type="text/csv")
    response = client.post("/en/projects/import/", {"university": world["a"].pk, "file": upload})
    assert response["Location"] == "/en/projects/import/preview/"
    preview = client.get("/en/projects/import/preview/")
    assert "School lecture" in preview.content.decode()
    sha = client.session["projects_import"]["sha256"]
    done = client.post("/en/projects/import/confirm/", {"sha256": sha})
    assert done["Location"] == "/en/projects/"
    assert _count() == 1


def test_import_page_preview_shows_bad_rows(world, client_for):
    client = client_for(world["alice"])
    bad = [*GOOD[:4], "No Such Unit", *GOOD[5:]]
    upload = SimpleUploadedFile("p.csv", _csv(bad), content_type="text/csv")
    client.post("/en/projects/import/", {"university": world["a"].pk, "file": upload})
    body = client.get("/en/projects/import/preview/").content.decode()
    assert 'id="import-problems"' in body
    assert "No Such Unit" in body


def test_import_page_forbidden_to_staff(world, client_for):
    assert client_for(world["bob"]).get("/en/projects/import/").status_code == 403
