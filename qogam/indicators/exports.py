"""The dashboard table as a workbook: a sheet per pack (sections as a column), values as
numbers with number formats, and how many records stand behind each number, in the reader's
language. Styled as the strategy plan's workbook (qogam/strategy/exports.py)."""

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

import openpyxl
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from qogam.core.i18n import translated
from qogam.indicators import compute
from qogam.indicators.enums import IndicatorUnit, Method, TrafficLight
from qogam.indicators.queries_dashboard import Row

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", start_color="0B5D57", end_color="0B5D57")
LIGHT_FILLS = {
    TrafficLight.GREEN: PatternFill("solid", start_color="E3F3E8", end_color="E3F3E8"),
    TrafficLight.AMBER: PatternFill("solid", start_color="FFF1D6", end_color="FFF1D6"),
    TrafficLight.RED: PatternFill("solid", start_color="FBE6E6", end_color="FBE6E6"),
}
THIN = Side(style="thin", color="C9D1D6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WIDTHS = (20, 12, 46, 12, 14, 12, 18, 14, 14, 14, 14, 22, 40)
NUMBER_FORMATS = {
    IndicatorUnit.PERCENT: '0.0" %"',
    IndicatorUnit.HOURS: "#,##0.0",
    IndicatorUnit.TENGE: "#,##0",
    IndicatorUnit.RATIO: "0.00",
    IndicatorUnit.SCORE: "0.0",
    IndicatorUnit.LEVEL: "0.0",
}
COUNT_FORMAT = "#,##0.##"


@dataclass
class Sheet:
    title: str
    rows: Sequence[Row]


def provenance_counts(row: Row, *, university_id: int, unit=None) -> tuple[int | None, ...]:
    """How many records stand behind the numerator and the denominator (computed), the
    evidence of an entered value, or the scores of a self-assessment."""
    indicator, value = row.indicator, row.value
    if indicator.method == Method.COMPUTED:
        counts: list[int | None] = []
        parts = [compute.NUMERATOR] + ([compute.DENOMINATOR] if indicator.denominator else [])
        for part in parts:
            found = compute.provenance(
                indicator,
                university_id=university_id,
                period=value.period,
                unit=unit,
                part=part,
            )
            counts.append(None if found is None else found[1].count())
        return (*counts, None)[:2]
    if value.entry is not None:
        return (len(value.entry.evidence.all()), None)
    if value.assessment is not None:
        return (len(value.assessment.scores.all()), None)
    return (None, None)


def _header(sheet, labels: list[str]) -> int:
    sheet.append(labels)
    row = sheet.max_row
    for cell in sheet[row]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = BORDER
    sheet.row_dimensions[row].height = 32
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"D{row + 1}"
    return row


def _sheet_title(title: str, used: set[str]) -> str:
    # Excel refuses these characters and names over 31 characters or used twice.
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()[:28] or "Sheet"
    name, number = clean, 2
    while name in used:
        name, number = f"{clean[:26]} {number}", number + 1
    used.add(name)
    return name


def dashboard_workbook(
    sheets: Sequence[Sheet],
    *,
    heading: str,
    university_id: int,
    unit=None,
    language: str,
) -> bytes:
    with translation.override(language):
        book = openpyxl.Workbook()
        book.remove(book.active)
        used: set[str] = set()
        lights = dict(TrafficLight.choices)
        for part in sheets:
            sheet = book.create_sheet(_sheet_title(part.title, used))
            sheet.append([heading])
            sheet.append([part.title])
            sheet.append([])
            sheet["A1"].font = Font(bold=True, size=14)
            sheet["A2"].font = Font(italic=True, color="4A5560")
            labels = [
                _("Section"),
                _("Code"),
                _("Indicator"),
                _("Period"),
                _("Value"),
                _("Target"),
                _("Status"),
                _("Numerator"),
                _("Denominator"),
                _("Records behind the numerator"),
                _("Records behind the denominator"),
                _("Frameworks"),
                _("Note"),
            ]
            header_row = _header(sheet, labels)
            for row in part.rows:
                indicator, value = row.indicator, row.value
                numerator_count, denominator_count = provenance_counts(
                    row, university_id=university_id, unit=unit
                )
                sheet.append(
                    [
                        row.section,
                        indicator.code,
                        translated(indicator, "name").text,
                        value.period.key,
                        None if value.value is None else float(value.value),
                        None if value.target is None else float(value.target),
                        str(lights.get(row.status, row.status)),
                        None if value.numerator is None else float(value.numerator),
                        None if value.denominator is None else float(value.denominator),
                        numerator_count,
                        denominator_count,
                        ", ".join(indicator.frameworks or []),
                        value.note or (_("no data") if value.value is None else ""),
                    ]
                )
                cells = sheet[sheet.max_row]
                number_format = NUMBER_FORMATS.get(indicator.unit, COUNT_FORMAT)
                cells[4].number_format = number_format
                cells[5].number_format = number_format
                for cell in cells[7:11]:
                    cell.number_format = COUNT_FORMAT
                fill = LIGHT_FILLS.get(row.status)
                if fill is not None:
                    cells[6].fill = fill
            for line in sheet.iter_rows(min_row=header_row + 1, max_row=sheet.max_row):
                for cell in line:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                    cell.border = BORDER
            last = max(sheet.max_row, header_row + 1)
            sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(labels))}{last}"
            sheet.page_setup.orientation = "landscape"
        if not book.sheetnames:
            book.create_sheet(_("Indicators")[:31])
    out = BytesIO()
    book.save(out)
    return out.getvalue()
