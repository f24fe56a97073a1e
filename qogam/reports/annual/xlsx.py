"""The annual report as a workbook: a sheet per section with its figures and the tables
behind them, numbers as numbers (so a reader can sum and chart them) and texts as the PDF
shows them, a fallback language marked "[RU]"."""

from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from qogam.reports.annual.data import AnnualData, Content, Table

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
# Excel refuses these in sheet names, and names longer than 31 characters.
_NOT_IN_NAMES = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def sheet_name(title: str, taken: set[str]) -> str:
    name = title.translate(_NOT_IN_NAMES).strip()[:31] or "Sheet"
    base, n = name, 2
    while name.lower() in taken:
        suffix = f" {n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def cell(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, Content):
        return value.plain
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (int, float, date)):
        return value
    return str(value)


class Writer:
    def __init__(self, sheet):
        self.sheet = sheet
        self.widths: dict[int, int] = {}

    def row(self, values: list[Any], font: Font | None = None) -> None:
        self.sheet.append([cell(v) for v in values])
        current = self.sheet.max_row
        for index, value in enumerate(values, start=1):
            if font is not None:
                self.sheet.cell(row=current, column=index).font = font
            length = len(str(cell(value) or ""))
            self.widths[index] = max(self.widths.get(index, 8), min(length + 2, 70))

    def blank(self) -> None:
        self.sheet.append([])

    def table(self, table: Table) -> None:
        self.blank()
        self.row([table.title], TITLE)
        self.row(table.columns, BOLD)
        for values in table.rows:
            self.row(values)
        if table.more:
            self.row([table.more_text])

    def finish(self) -> None:
        for index, width in self.widths.items():
            self.sheet.column_dimensions[get_column_letter(index)].width = width


def render(data: AnnualData) -> bytes:
    """Called inside the report's language."""
    book = openpyxl.Workbook()
    taken: set[str] = set()

    summary = Writer(book.active)
    summary.sheet.title = sheet_name(_("Summary figures"), taken)
    summary.row([_("Annual third-mission report")], TITLE)
    summary.row([_("University"), data.university_name])
    if data.unit_name is not None:
        summary.row([_("Unit"), data.unit_name])
    summary.row([_("Reporting period"), data.period.key])
    summary.row([_("Report language"), data.language_name])
    summary.row([_("Generated on"), data.generated_on])
    if data.snapshot_note:
        summary.row([data.snapshot_note])
    summary.blank()
    summary.row([_("Figure"), _("Value")], BOLD)
    for item in data.summary:
        summary.row([item.label, item.value])
    summary.finish()

    indicators = Writer(book.create_sheet(sheet_name(_("Indicators"), taken)))
    if data.snapshot_note:
        indicators.row([data.snapshot_note])
    indicators.row(
        [
            _("Pack"),
            _("Section"),
            _("Code"),
            _("Indicator"),
            _("Period"),
            _("Value"),
            _("Value as shown"),
            _("Target"),
            _("Status"),
            _("Records behind the value"),
            _("Why there is no value"),
        ],
        BOLD,
    )
    for row in data.indicator_rows:
        value = row.value
        indicators.row(
            [
                row.pack,
                row.section,
                row.indicator.code,
                row.name,
                value.period.key,
                None if value.value is None else Decimal(value.value),
                row.shown,
                value.target,
                row.status_label,
                row.provenance,
                "" if value.has_value else value.note,
            ]
        )
    if not data.indicator_rows:
        indicators.row([_("No indicator is in use for %(period)s.") % {"period": data.period.key}])
    indicators.finish()

    for section in data.sections:
        writer = Writer(book.create_sheet(sheet_name(section.title, taken)))
        writer.row([section.title], TITLE)
        if not section.has_data:
            writer.row([section.empty])
        else:
            writer.row([_("Figure"), _("Value")], BOLD)
            for item in section.figures:
                writer.row([item.label, item.value])
            for table in section.tables:
                writer.table(table)
            for note in section.notes:
                writer.blank()
                writer.row([note])
        writer.finish()

    out = BytesIO()
    book.save(out)
    return out.getvalue()
