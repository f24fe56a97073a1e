"""The annual third-mission report: its figures, languages, empty periods, snapshots, units
and the refusals, as PDF (read back with pypdfium2) and XLSX (read back with openpyxl)."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import openpyxl
import pypdfium2
import pytest
from django.core.exceptions import ValidationError

from qogam.core.measures import MeasureScope
from qogam.core.measures import measure as registered_measure
from qogam.core.tenancy import university_scope
from qogam.indicators import compute
from qogam.indicators.enums import IndicatorUnit, Method, PeriodType
from qogam.indicators.models import Pack, PackActivation, PackEntry, Snapshot, SnapshotValue, Target
from qogam.indicators.periods import Period
from qogam.indicators.queries_dashboard import dashboard_rows
from qogam.indicators.tests.records import make_indicator
from qogam.projects.models import Project
from qogam.projects.tests.factories import make_project
from qogam.reports.annual import render
from qogam.reports.enums import ReportFormat, ReportKind
from qogam.reports.models import Report

YEAR = Period(PeriodType.ACADEMIC_YEAR, 2025)
SHEETS = [
    "Summary figures",
    "Indicators",
    "Projects",
    "Community needs answered",
    "Volunteering",
    "Partners",
    "Councils and advisory boards",
    "Research on the city and region",
    "Media coverage",
    "Sustainable Development Goals",
]


@pytest.fixture
def annual(world):
    """Two projects of A in 2025/26 (one in the faculty, one in the network institute, which
    is not beneath it) and an indicator counting projects, with a target of 3."""
    a = world["a"]
    faculty_project = make_project(
        world,
        title_kk="Әлеуметтік үйірме: қарттарға көмек",
        title_ru="Социальный кружок",
        title_en="Social circle for the elderly",
        starts_on=date(2026, 3, 1),
        beneficiaries=40,
        sdgs=[3, 11],
    )
    institute_project = make_project(
        world,
        lead_unit=world["a_network_unit"],
        title_kk="Ауыл мектебіне цифрлық сабақ",
        title_ru="Цифровой урок в сельской школе",
        title_en="Digital lesson at a village school",
        starts_on=date(2025, 10, 1),
        beneficiaries=7,
        sdgs=[4],
    )
    with university_scope(a):
        indicator = make_indicator(
            a,
            code="A-PRJ",
            name_kk="Жобалар саны",
            name_ru="Число проектов",
            name_en="Projects run",
            method=Method.COMPUTED,
            measure="projects.projects",
            unit=IndicatorUnit.COUNT,
        )
        pack = Pack.objects.create(university=a, code="a-annual", name_en="A's annual pack")
        PackEntry.objects.create(pack=pack, indicator=indicator, order=1)
        PackActivation.objects.create(university=a, pack=pack)
        Target.objects.create(university=a, indicator=indicator, period="2025/26", value=3)
    return {
        **world,
        "indicator": indicator,
        "faculty_project": faculty_project,
        "institute_project": institute_project,
    }


def report_of(world, **values) -> Report:
    defaults = {
        "university": world["a"],
        "kind": ReportKind.ANNUAL,
        "period": "2025/26",
        "language": "en",
        "format": ReportFormat.PDF,
    }
    defaults.update(values)
    return Report(**defaults)


def rendered(report) -> tuple[str, bytes, list[tuple[int, str]]]:
    stages: list[tuple[int, str]] = []
    name, content = render(report, lambda percent, stage: stages.append((percent, stage)))
    return name, content, stages


def pdf_text(content: bytes) -> str:
    document = pypdfium2.PdfDocument(content)
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    # Extraction breaks lines where the layout wraps them.
    return " ".join(text.split())


def workbook(content: bytes):
    return openpyxl.load_workbook(BytesIO(content))


def figures_of(sheet) -> dict[str, object]:
    return {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}


def test_annual_pdf_renders_kazakh_letters_and_figures(annual):
    name, content, stages = rendered(report_of(annual, language="kk"))
    text = pdf_text(content)
    assert name == "annual-report-aqtobe-tech-2025-26-kk.pdf"
    assert content.startswith(b"%PDF-")
    for letter in ("ә", "қ", "ү", "ө", "і"):
        assert letter in text
    assert "Ақтөбе техникалық университеті" in text
    assert "Әлеуметтік үйірме: қарттарға көмек" in text
    # Two projects, 47 beneficiaries, against a target of 3.
    assert "A-PRJ" in text
    assert "47" in text
    assert [percent for percent, _stage in stages] == [5, 25, 35, 45, 55, 62, 68, 74, 80, 85, 100]


@pytest.mark.parametrize("language", ["ru", "en"])
def test_annual_pdf_renders_in_language(annual, language):
    name, content, _stages = rendered(report_of(annual, language=language))
    text = pdf_text(content)
    title = {"ru": "Социальный кружок", "en": "Social circle for the elderly"}[language]
    university = {
        "ru": "Актюбинский технический университет",
        "en": "Aqtobe Technical University",
    }[language]
    assert name == f"annual-report-aqtobe-tech-2025-26-{language}.pdf"
    assert title in text
    assert university in text
    assert "2025/26" in text


def test_annual_figures_equal_compute_and_dashboard(annual):
    a, indicator = annual["a"], annual["indicator"]
    _name, content, _stages = rendered(report_of(annual, format=ReportFormat.XLSX))
    book = workbook(content)
    rows = list(book["Indicators"].iter_rows(values_only=True))
    header, line = rows[0], next(row for row in rows if row[2] == "A-PRJ")
    found = dict(zip(header, line, strict=True))
    with university_scope(a):
        value = compute.evaluate_one(indicator, university_id=a.pk, period=YEAR)
        dashboard = dashboard_rows([indicator], university_id=a.pk, year=2025, trend_length=1)[0]
        scope = MeasureScope(university_id=a.pk, starts_on=YEAR.starts_on, ends_on=YEAR.ends_on)
        beneficiaries = registered_measure("projects.beneficiaries").value(scope)
    assert value.value == Decimal(2)
    assert found["Value"] == 2
    assert found["Value as shown"] == dashboard.shown == "2"
    assert found["Target"] == 3
    assert found["Status"] == "Behind target"
    assert found["Period"] == "2025/26"
    assert found["Records behind the value"] == 2
    projects = figures_of(book["Projects"])
    assert projects["Projects active in the period"] == 2
    assert projects["Beneficiaries of the projects"] == int(beneficiaries) == 47


def test_annual_xlsx_has_a_sheet_per_section(annual):
    name, content, _stages = rendered(report_of(annual, format=ReportFormat.XLSX))
    book = workbook(content)
    assert name == "annual-report-aqtobe-tech-2025-26-en.xlsx"
    assert book.sheetnames == SHEETS
    sdgs = list(book["Sustainable Development Goals"].iter_rows(values_only=True))
    by_goal = {row[0]: row[1:] for row in sdgs if row and str(row[0]).startswith("SDG ")}
    assert by_goal["SDG 3"] == (1, 0, 0, 1)
    assert by_goal["SDG 4"] == (1, 0, 0, 1)
    assert by_goal["SDG 11"] == (1, 0, 0, 1)
    assert by_goal["SDG 5"] == (0, 0, 0, 0)
    highlights = list(book["Projects"].iter_rows(values_only=True))
    titles = [row[0] for row in highlights if row and row[3] in (40, 7)]
    assert titles == ["Social circle for the elderly", "Digital lesson at a village school"]


def test_annual_empty_period_says_no_data_per_section(annual):
    _name, content, _stages = rendered(report_of(annual, period="2019/20"))
    text = pdf_text(content)
    for sentence in (
        "No project was active in 2019/20.",
        "No community need was published or answered in 2019/20.",
        "No volunteering took place in 2019/20.",
        "No council met in 2019/20.",
        "No regional study was under way in 2019/20.",
        "No media coverage was recorded in 2019/20.",
        "No record of 2019/20 is tagged with a Sustainable Development Goal.",
    ):
        assert sentence in text
    _name, content, _stages = rendered(
        report_of(annual, period="2019/20", format=ReportFormat.XLSX)
    )
    book = workbook(content)
    assert list(book["Councils and advisory boards"].iter_rows(values_only=True)) == [
        ("Councils and advisory boards",),
        ("No council met in 2019/20.",),
    ]


def test_annual_snapshot_values_win_over_live_ones(annual):
    a, indicator = annual["a"], annual["indicator"]
    with university_scope(a):
        snapshot = Snapshot.objects.create(
            university=a,
            title="Reported to the ministry",
            period_type=PeriodType.ACADEMIC_YEAR,
            period="2025/26",
            taken_by=annual["erin"],
        )
        SnapshotValue.objects.create(
            university=a,
            snapshot=snapshot,
            indicator=indicator,
            period="2025/26",
            value=Decimal(9),
            target=Decimal(3),
        )
    report = report_of(annual, snapshot=snapshot, format=ReportFormat.XLSX)
    _name, content, _stages = rendered(report)
    book = workbook(content)
    rows = list(book["Indicators"].iter_rows(values_only=True))
    assert rows[0][0].startswith("Figures as frozen in snapshot “Reported to the ministry” on ")
    line = next(row for row in rows if row[2] == "A-PRJ")
    assert (line[5], line[7], line[8]) == (9, 3, "On target")
    _name, content, _stages = rendered(report_of(annual, snapshot=snapshot))
    assert "Figures as frozen in snapshot “Reported to the ministry”" in pdf_text(content)


def test_annual_unit_scope_counts_the_unit_and_those_beneath(annual):
    department_project = make_project(
        annual,
        lead_unit=annual["a_department"],
        title_en="Physics for schoolchildren",
        starts_on=date(2025, 11, 1),
        beneficiaries=5,
    )
    report = report_of(annual, unit=annual["a_faculty"], format=ReportFormat.XLSX)
    name, content, _stages = rendered(report)
    book = workbook(content)
    projects = figures_of(book["Projects"])
    assert name == "annual-report-aqtobe-tech-a-faculty-of-science-2025-26-en.xlsx"
    # The faculty's project and its department's; not the network institute's.
    assert projects["Projects active in the period"] == 2
    assert projects["Beneficiaries of the projects"] == 45
    assert figures_of(book["Summary figures"])["Unit"] == "A Faculty of Science"
    assert department_project.lead_unit_id == annual["a_department"].pk


def test_annual_missing_translation_falls_back_visibly(annual):
    with university_scope(annual["a"]):
        Project.objects.filter(pk=annual["faculty_project"].pk).update(title_en="")
    _name, content, _stages = rendered(report_of(annual, format=ReportFormat.XLSX))
    rows = list(workbook(content)["Projects"].iter_rows(values_only=True))
    assert any(row[0] == "Әлеуметтік үйірме: қарттарға көмек [KK]" for row in rows if row)
    _name, content, _stages = rendered(report_of(annual))
    text = pdf_text(content)
    assert "Әлеуметтік үйірме: қарттарға көмек KK" in text
    assert "Some texts are not yet translated into English" in text


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"period": "2015-2025"}, "period"),
        ({"period": "2025/27"}, "period"),
        ({"period": "1850"}, "period"),
        ({"format": ReportFormat.ZIP}, "format"),
        ({"language": "de"}, "language"),
    ],
)
def test_annual_request_it_cannot_serve_is_refused(annual, values, field):
    with pytest.raises(ValidationError) as raised:
        rendered(report_of(annual, **values))
    assert list(raised.value.message_dict) == [field]


def test_annual_snapshot_of_another_period_is_refused(annual):
    a = annual["a"]
    with university_scope(a):
        snapshot = Snapshot.objects.create(
            university=a,
            title="Last year",
            period_type=PeriodType.ACADEMIC_YEAR,
            period="2024/25",
        )
    with pytest.raises(ValidationError) as raised:
        rendered(report_of(annual, snapshot=snapshot))
    assert raised.value.message_dict == {
        "snapshot": ["The snapshot froze 2024/25; the report asks for 2025/26."]
    }
