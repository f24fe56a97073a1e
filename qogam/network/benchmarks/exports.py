"""A benchmark as a workbook: exactly what the page shows its reader (the values it may see,
anonymised as on the page), the median and quartiles, and the trend over the years."""

from io import BytesIO

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill

from qogam.core.i18n import translated
from qogam.network.benchmarks import Benchmark

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", start_color="0B5D57", end_color="0B5D57")
HEADER_FONT = Font(bold=True, color="FFFFFF")
NUMBER_FORMAT = "#,##0.00"


def _header(sheet, titles) -> None:
    sheet.append([str(t) for t in titles])
    for cell in sheet[sheet.max_row]:
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT


def _number(value):
    return None if value is None else float(value)


def benchmark_workbook(benchmark: Benchmark) -> bytes:
    indicator = benchmark.indicator
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = _("Members")[:31]
    sheet.append([f"{indicator.code} {translated(indicator, 'name')}"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([_("Period"), benchmark.period.key])
    if benchmark.per:
        sheet.append(
            [
                _("Values"),
                _("Per 1,000 students") if benchmark.per == "students" else _("Per 1,000 staff"),
            ]
        )
    sheet.append(
        [
            _(
                "Only the values members chose to share (and your own) are shown and counted "
                "in the median and quartiles."
            )
        ]
    )
    sheet.append([])
    _header(sheet, [_("Rank"), _("University"), _("Value"), _("Your university")])
    for row in benchmark.rows:
        sheet.append([row.rank, row.label, _number(row.value), "✓" if row.is_own else ""])
        sheet.cell(sheet.max_row, 3).number_format = NUMBER_FORMAT
    sheet.append([])
    for label, value in (
        (_("First quartile"), benchmark.q1),
        (_("Median"), benchmark.median),
        (_("Third quartile"), benchmark.q3),
    ):
        sheet.append(["", str(label), _number(value)])
        sheet.cell(sheet.max_row, 3).number_format = NUMBER_FORMAT
    sheet.column_dimensions["B"].width = 48
    sheet.column_dimensions["C"].width = 16
    sheet.column_dimensions["D"].width = 16

    trend = book.create_sheet(_("Trend")[:31])
    _header(trend, [_("Period"), _("Your university"), _("Median"), _("Values counted")])
    for point in benchmark.trend:
        trend.append([point.period.key, _number(point.own), _number(point.median), point.count])
        for column in (2, 3):
            trend.cell(trend.max_row, column).number_format = NUMBER_FORMAT
    trend.column_dimensions["A"].width = 14
    trend.column_dimensions["B"].width = 18
    trend.column_dimensions["C"].width = 14
    trend.column_dimensions["D"].width = 16
    out = BytesIO()
    book.save(out)
    return out.getvalue()
