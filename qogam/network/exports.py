"""A resolution's implementation table as a workbook, in the reader's language: a row per
recommendation, a column per active member with its status, and the counts per status."""

from io import BytesIO

import openpyxl
from django.utils import formats, translation
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from qogam.core.i18n import translated
from qogam.network.enums import ResponseStatus
from qogam.network.queries_conferences import ImplementationTable

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", start_color="0B5D57", end_color="0B5D57")
# One soft colour per status, so the table reads at a glance in print too.
STATUS_FILLS = {
    ResponseStatus.PLANNED: PatternFill("solid", start_color="FFF4D6", end_color="FFF4D6"),
    ResponseStatus.IN_PROGRESS: PatternFill("solid", start_color="DCEBFA", end_color="DCEBFA"),
    ResponseStatus.IMPLEMENTED: PatternFill("solid", start_color="DDF2E3", end_color="DDF2E3"),
    ResponseStatus.NOT_APPLICABLE: PatternFill("solid", start_color="ECEEF0", end_color="ECEEF0"),
}
THIN = Side(style="thin", color="C9D1D6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def implementation_workbook(table: ImplementationTable, *, language: str) -> bytes:
    resolution = table.resolution
    conference = resolution.conference
    labels = dict(ResponseStatus.choices)
    with translation.override(language):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = _("Implementation")[:31]
        members = [
            translated(m, "short_name").text or translated(m, "name").text for m in table.members
        ]
        status_columns = [str(labels[value]) for value, _label in ResponseStatus.choices]
        headers = [_("No."), _("Recommendation"), *members, *status_columns]
        sheet.append([translated(resolution, "title", language).text])
        sheet.append(
            [
                "{} · {}".format(
                    translated(conference, "title", language).text,
                    formats.date_format(resolution.adopted_on, "SHORT_DATE_FORMAT"),
                )
            ]
        )
        sheet.append([_("Implementation of the recommendations by the network's members")])
        sheet.append([])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet["A2"].font = Font(italic=True, color="4A5560")
        sheet["A3"].font = Font(bold=True, size=12)
        sheet.append(headers)
        header_row = sheet.max_row
        for cell in sheet[header_row]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            cell.border = BORDER
        for row in table.rows:
            sheet.append(
                [
                    row.recommendation.number,
                    translated(row.recommendation, "text", language).text,
                    *[str(labels[cell]) if cell else "—" for cell in row.cells],
                    *[row.counts[value] for value, _label in ResponseStatus.choices],
                ]
            )
            for index, cell in enumerate(row.cells, start=3):
                target = sheet.cell(row=sheet.max_row, column=index)
                if cell:
                    target.fill = STATUS_FILLS[cell]
        sheet.append(
            [
                "",
                _("All recommendations"),
                *["" for _member in table.members],
                *[table.totals[value] for value, _label in ResponseStatus.choices],
            ]
        )
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in sheet.iter_rows(min_row=header_row + 1, max_row=sheet.max_row):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                cell.border = BORDER
        widths = [6, 60, *[18 for _m in table.members], *[14 for _s in status_columns]]
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = f"C{header_row + 1}"
        buffer = BytesIO()
        book.save(buffer)
    return buffer.getvalue()
