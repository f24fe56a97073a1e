import re
from datetime import date, timedelta
from io import BytesIO

import pypdfium2
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from qogam.core.tenancy import all_universities
from qogam.strategy.models import Measure, ProgressNote, Strategy
from qogam.strategy.tests.records import (
    MEASURE_TITLES,
    SECRET_MEASURE,
    SECRET_STRATEGY,
    a_strategy_records,
    make_goal,
    make_measure,
    make_strategy,
)


def _url(name, record, language="en"):
    from django.utils import translation  # noqa: PLC0415

    with translation.override(language):
        return reverse(f"strategy:{name}", kwargs={"public_id": record.public_id})


def _pdf_text(content: bytes) -> str:
    pdf = pypdfium2.PdfDocument(content)
    try:
        parts = []
        for index in range(len(pdf)):
            page = pdf[index]
            text_page = page.get_textpage()
            parts.append(text_page.get_text_range())
            text_page.close()
            page.close()
        return "\n".join(parts)
    finally:
        pdf.close()


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# --- The list and the plan -------------------------------------------------------------------


def test_strategy_list_shows_own_strategies_and_templates(world, client_for):
    records = a_strategy_records(world)
    make_strategy(world, "nora", university=world["b"], is_template=True, title_en="Net model")
    body = client_for(world["bob"]).get(reverse("strategy:list")).content.decode()
    assert SECRET_STRATEGY in body
    assert "Net model" in body
    assert records["strategy"].get_absolute_url() in body
    body = client_for(world["charlie"]).get(reverse("strategy:list")).content.decode()
    assert SECRET_STRATEGY not in body
    assert "Net model" in body


def test_strategy_list_refused_to_students(world, client_for):
    assert client_for(world["dana"]).get(reverse("strategy:list")).status_code == 403


def test_plan_shows_measures_totals_counts_and_overdue(world, client_for):
    records = a_strategy_records(world)
    today = timezone.localdate()
    late = make_measure(
        world,
        records["goal"],
        title_en="A Late Measure",
        due_on=max(today - timedelta(days=3), records["strategy"].starts_on),
        budget="500000",
    )
    body = client_for(world["bob"]).get(records["strategy"].get_absolute_url()).content.decode()
    assert SECRET_MEASURE in body
    assert "A Late Measure" in body
    assert "Bob" in body  # the owner
    assert "VOL-01" in body
    assert "Repairing the playground" in body  # the linked project
    assert "Educational" in body
    assert "2,000,000" in body  # 1,500,000 + 500,000
    assert 'class="overdue"' in body
    assert late.get_absolute_url() in body
    # Staff without a role read the plan but get no editing links.
    assert reverse("strategy:edit", kwargs={"public_id": records["strategy"].public_id}) not in body
    body = client_for(world["erin"]).get(records["strategy"].get_absolute_url()).content.decode()
    assert _url("edit", records["strategy"]) in body
    assert _url("measure_create", records["goal"]) in body


def test_plan_hides_private_projects_from_network_readers(world, client_for):
    records = a_strategy_records(world)
    from qogam.strategy import services  # noqa: PLC0415

    services.update_strategy(
        actor=world["erin"], strategy=records["strategy"], values={"visibility": "network"}
    )
    body = client_for(world["bianca"]).get(records["strategy"].get_absolute_url()).content.decode()
    assert SECRET_MEASURE in body
    assert "Repairing the playground" not in body


def test_plan_in_kazakh_shows_kazakh_titles(world, client_for):
    records = a_strategy_records(world)
    body = client_for(world["bob"]).get(_url("detail", records["strategy"], "kk")).content.decode()
    assert "Volunteering (kk)" in body


# --- Creating and editing through the pages --------------------------------------------------


def test_strategy_create_page_creates_one(world, client_for):
    client = client_for(world["erin"])
    response = client.post(
        reverse("strategy:create"),
        {
            "title_kk": "Жаңа стратегия",
            "title_en": "New strategy",
            "starts_on": "2026-01-01",
            "ends_on": "2030-12-31",
            "visibility": "private",
        },
    )
    assert response.status_code == 302
    with all_universities():
        strategy = Strategy.objects.get()
    assert (strategy.university, strategy.title_kk) == (world["a"], "Жаңа стратегия")


def test_strategy_create_page_offers_coordinator_only_their_units(world, client_for):
    client = client_for(world["cora"])
    body = client.get(reverse("strategy:create")).content.decode()
    assert "A Department of Physics" in body
    assert "A Network Institute" not in body
    response = client.post(
        reverse("strategy:create"),
        {
            "title_kk": "Жоспар",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "visibility": "private",
        },
    )
    assert response.status_code == 200
    assert "You may not write a strategy for this university or unit." in response.content.decode()
    with all_universities():
        assert not Strategy.objects.exists()


def test_measure_form_due_outside_period_shows_error_and_keeps_input(world, client_for):
    strategy = make_strategy(world)
    goal = make_goal(world, strategy)
    _shipped_indicators("VOL-01", "PRJ-03")
    client = client_for(world["erin"])
    response = client.post(
        _url("measure_create", goal),
        {
            **MEASURE_TITLES,
            "due_on": "2031-02-01",
            "components": ["research"],
            "indicator_codes": "VOL-01, PRJ-03",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "The measure must be due within the strategy&#x27;s period" in body
    assert 'id="id_due_on_error"' in body or "errorlist" in body
    assert MEASURE_TITLES["title_ru"] in body  # nothing typed is lost
    assert "VOL-01, PRJ-03" in body
    with all_universities():
        assert not Measure.objects.exists()


def _shipped_indicators(*codes):
    # Codes are checked against the indicators that exist; strategy sits below indicators in
    # the import order, so the definitions are made through the app registry.
    indicator = apps.get_model("indicators", "Indicator")
    for code in codes:
        indicator.objects.create(code=code, name_en=code, unit="count", method="manual")


def test_measure_form_saves_codes_sdgs_and_projects(world, client_for):
    records = a_strategy_records(world)
    _shipped_indicators("VOL-01", "PRJ-03")
    client = client_for(world["erin"])
    response = client.post(
        _url("measure_create", records["goal"]),
        {
            **MEASURE_TITLES,
            "title_en": "Train mentors",
            "owner": world["cora"].pk,
            "due_on": "2028-05-31",
            "budget": "250000",
            "components": ["research", "innovation"],
            "sdgs": ["4", "17"],
            "indicator_codes": "VOL-01, PRJ-03",
            "projects": [records["project"].pk],
        },
    )
    assert response.status_code == 302
    with all_universities():
        measure = Measure.objects.get(title_en="Train mentors")
        assert list(measure.projects.all()) == [records["project"]]
    assert measure.indicator_codes == ["VOL-01", "PRJ-03"]
    assert measure.sdgs == [4, 17]
    assert measure.owner == world["cora"]


def test_measure_page_owner_adds_progress_note(world, client_for):
    records = a_strategy_records(world)
    measure = records["measure"]
    client = client_for(world["bob"])
    body = client.get(measure.get_absolute_url()).content.decode()
    assert "The centre&#x27;s rooms are ready." in body
    assert _url("note_create", measure) in body
    day = timezone.localdate()
    response = client.post(
        _url("note_create", measure),
        {"on": day.isoformat(), "status": "done", "text": "The centre is open."},
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.status, measure.done_on) == ("done", day)
    # A note dated in the future is refused on its field, and nothing is kept.
    response = client.post(
        _url("note_create", measure),
        {"on": (day + timedelta(days=5)).isoformat(), "status": "at_risk", "text": "Later."},
    )
    assert response.status_code == 200
    assert "cannot be dated in the future" in response.content.decode()
    with all_universities():
        assert ProgressNote.objects.filter(measure=measure).count() == 2


def test_measure_page_offers_no_note_form_to_other_staff(world, client_for):
    measure = a_strategy_records(world)["measure"]
    client = client_for(world["cora"])
    body = client.get(measure.get_absolute_url()).content.decode()
    assert _url("note_create", measure) not in body
    response = client.post(
        _url("note_create", measure), {"on": "2026-05-01", "status": "done", "text": "x"}
    )
    assert response.status_code == 403


def test_delete_pages_ask_then_delete(world, client_for):
    records = a_strategy_records(world)
    client = client_for(world["erin"])
    url = _url("measure_delete", records["measure"])
    assert "Delete the measure" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    url = _url("delete", records["strategy"])
    assert client.post(url).status_code == 302
    with all_universities():
        assert not Strategy.objects.exists()


def test_copy_page_copies_a_template(world, client_for):
    template = make_strategy(
        world, "nora", university=world["b"], is_template=True, title_en="Net model"
    )
    make_measure(world, make_goal(world, template, "nora"), "nora")
    client = client_for(world["erin"])
    body = client.get(reverse("strategy:copy") + f"?source={template.public_id}").content.decode()
    assert "Net model" in body
    response = client.post(
        reverse("strategy:copy"),
        {
            "source": template.public_id,
            "university": world["a"].pk,
            "starts_on": "2031-01-01",
            "ends_on": "2035-12-31",
            "visibility": "private",
        },
    )
    assert response.status_code == 302
    with all_universities():
        copy = Strategy.objects.get(copied_from=template)
        assert Measure.objects.get(strategy=copy).due_on == date(2032, 6, 30)


# --- Timeline --------------------------------------------------------------------------------


def test_timeline_places_bars_and_describes_them(world, client_for):
    records = a_strategy_records(world)
    goal = records["goal"]
    make_measure(world, goal, title_en="Milestone only", due_on=date(2028, 12, 31))
    body = client_for(world["bob"]).get(_url("timeline", records["strategy"])).content.decode()
    # 2026-03-01 .. 2027-06-30 over 2026-01-01 .. 2030-12-31: from 3% for 27% (half-percent steps).
    assert re.search(r'class="tl-bar st-on_track tl-l-6 tl-w-54"', body), body
    assert "tl-milestone" in body
    assert "From March 1, 2026 to June 30, 2027; On track." in _flat(body)
    assert "Due by Dec. 31, 2028; Not started." in _flat(body)
    for year in ("2027", "2028", "2029", "2030"):
        assert f">{year}</span>" in body


# --- Exports ---------------------------------------------------------------------------------


def test_xlsx_export_has_formatted_plan_and_notes(world, client_for):
    records = a_strategy_records(world)
    response = client_for(world["bob"]).get(_url("export_xlsx", records["strategy"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(response.content))
    plan, notes = book.worksheets
    assert (plan.title, notes.title) == ("Plan", "Progress notes")
    assert plan["A1"].value == SECRET_STRATEGY
    assert plan["A1"].font.bold
    assert plan["A5"].value == "Item no."
    assert plan["D5"].value == "Measure"
    assert plan["A5"].font.bold
    row = [cell.value for cell in plan[6]]
    assert row[0] == "1.1.1"
    assert row[3] == SECRET_MEASURE
    assert row[4] == "Bob"
    assert row[7].date() == date(2027, 6, 30)
    assert row[8] == 1500000
    assert row[9] == "On track"
    assert row[12] == "VOL-01"
    assert row[13] == "Repairing the playground"
    assert plan.column_dimensions["D"].width == 44
    assert plan.freeze_panes == "A6"
    total = [cell.value for cell in plan[7]]
    assert (total[3], total[8]) == ("Total budget", 1500000)
    assert notes["B5"].value == "Measure"
    assert (notes["A6"].value, notes["B6"].value, notes["D6"].value) == (
        "1.1.1",
        SECRET_MEASURE,
        "On track",
    )
    assert notes["C6"].value.date() == date(2026, 4, 1)
    assert notes["F6"].value == "The centre's rooms are ready."


def test_xlsx_export_in_russian(world, client_for):
    records = a_strategy_records(world)
    response = client_for(world["bob"]).get(_url("export_xlsx", records["strategy"], "ru"))
    plan = load_workbook(BytesIO(response.content)).worksheets[0]
    assert plan["A1"].value == "Стратегия развития третьей миссии"
    assert plan["D6"].value == MEASURE_TITLES["title_ru"]


def test_pdf_export_in_each_language(world, client_for):
    strategy = make_strategy(world)
    goal = make_goal(world, strategy)
    make_measure(world, goal)
    client = client_for(world["bob"])
    for language in ("kk", "ru", "en"):
        response = client.get(_url("export_pdf", strategy, language))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        text = _flat(_pdf_text(response.content))
        assert MEASURE_TITLES[f"title_{language}"] in text, language


def test_direction_form_numbers_new_directions_after_the_last(world, client_for):
    records = a_strategy_records(world)
    client = client_for(world["erin"])
    url = _url("direction_create", records["strategy"])
    assert 'name="position" value="1"' not in client.get(url).content.decode()
    response = client.post(url, {"title_kk": "Екінші бағыт", "title_en": "Second direction"})
    assert response.status_code == 302
    body = client.get(records["strategy"].get_absolute_url()).content.decode()
    assert "2. Second direction" in body
