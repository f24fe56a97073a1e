"""The annual individual report of third-mission activity, as PDF and as XLSX.

Always in the person's own language (user.language), whoever downloads it: it is their record,
signed off with the head of unit. Content (function and profile names, project titles) is read
in that language too, falling back kk → ru → en like the pages.
"""

from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

import openpyxl
from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from qogam.core.i18n import translated
from qogam.core.pdf import render_pdf
from qogam.core.tenancy import university_scope
from qogam.organisations.models import University
from qogam.staff import queries

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def language_of(person) -> str:
    code = (getattr(person, "language", "") or "").split("-")[0]
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


def format_hours(value: Decimal | None) -> str:
    """12.0 -> "12", 2.5 -> "2.5" (or "2,5" in Kazakh and Russian)."""
    if value is None:
        return "—"
    amount = Decimal(value).quantize(Decimal("0.1"))
    places = 0 if amount == amount.to_integral_value() else 1
    return formats.number_format(amount, decimal_pos=places, use_l10n=True)


@dataclass
class ReportLine:
    name: str
    planned: Decimal
    done: Decimal
    percent: int


@dataclass
class Report:
    language: str
    person: str
    university: str
    unit: str
    position: str
    year_label: str
    status: str
    lines: list[ReportLine]
    sources: list[queries.SourceTotal]
    planned: Decimal
    done: Decimal
    coverage: int | None
    generated_on: str


def build_report(person, university_id: int, year: int) -> Report:
    """The report's content in the person's language."""
    language = language_of(person)
    # The report is of one university's records: commands and tasks call this too.
    with translation.override(language), university_scope(university_id):
        record = queries.person_record(person, university_id, year)
        university = University.objects.get(pk=university_id)
        assignment, progress = record.assignment, record.progress
        unit = assignment.unit if assignment else (record.membership and record.membership.unit)
        lines = [
            ReportLine(
                translated(line.function, "name", language).text,
                line.planned,
                line.done,
                line.percent,
            )
            for line in (progress.lines if progress else [])
        ]
        return Report(
            language=language,
            person=person.full_name or person.email,
            university=translated(university, "name", language).text,
            unit=translated(unit, "name", language).text if unit else "—",
            position=translated(assignment.position, "name", language).text if assignment else "—",
            year_label=record.year_label,
            status=assignment.get_status_display() if assignment else "",
            lines=lines,
            sources=record.rollup.by_source,
            planned=progress.planned if progress else Decimal(0),
            done=progress.done if progress else Decimal(0),
            coverage=progress.coverage if progress else None,
            generated_on=formats.date_format(timezone.localdate()),
        )


def report_pdf(person, university_id: int, year: int) -> bytes:
    report = build_report(person, university_id, year)
    with translation.override(report.language):
        context = {
            "report": report,
            "lines": [
                {
                    "name": line.name,
                    "planned": format_hours(line.planned),
                    "done": format_hours(line.done),
                    "percent": line.percent,
                }
                for line in report.lines
            ],
            "planned": format_hours(report.planned),
            "done": format_hours(report.done),
            "sources": [
                {
                    "label": source.label,
                    "count": source.count,
                    "hours": format_hours(source.hours),
                    "items": [
                        {
                            "on": formats.date_format(c.on, "SHORT_DATE_FORMAT"),
                            "title": c.title,
                            "role": str(c.role),
                            "hours": format_hours(c.hours) if c.hours is not None else "—",
                        }
                        for c in source.contributions
                    ],
                }
                for source in report.sources
            ],
        }
    return render_pdf(template="staff/report_pdf.html", context=context, language=report.language)


HEAD = Font(bold=True)
TITLE = Font(bold=True, size=14)
FILL = PatternFill("solid", fgColor="DDEBF7")
WIDTHS = [14, 48, 22, 16, 16, 12]


def _header_row(sheet, values: list) -> None:
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        cell.font = HEAD
        cell.fill = FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def report_xlsx(person, university_id: int, year: int) -> bytes:
    report = build_report(person, university_id, year)
    with translation.override(report.language):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = report.year_label.replace("/", "-")
        sheet.append([_("Annual report of third-mission activity")])
        sheet["A1"].font = TITLE
        for label, value in [
            (_("Staff member"), report.person),
            (_("University"), report.university),
            (_("Unit"), report.unit),
            (_("Position"), report.position),
            (_("Academic year"), report.year_label),
            (_("Assignment"), report.status or _("No assignment for this year")),
        ]:
            sheet.append([label, value])
            sheet.cell(row=sheet.max_row, column=1).font = HEAD
        sheet.append([])
        sheet.append([_("Planned and done hours")])
        sheet.cell(row=sheet.max_row, column=1).font = TITLE
        _header_row(sheet, ["", _("Function"), "", _("Planned hours"), _("Done hours"), "%"])
        for line in report.lines:
            sheet.append(["", line.name, "", float(line.planned), float(line.done), line.percent])
        sheet.append(["", _("Total"), "", float(report.planned), float(report.done)])
        for cell in sheet[sheet.max_row]:
            cell.font = HEAD
        sheet.append([])
        sheet.append([_("Activity by source")])
        sheet.cell(row=sheet.max_row, column=1).font = TITLE
        _header_row(
            sheet,
            [_("When"), _("Activity"), _("Role"), _("Source"), _("Recorded hours"), ""],
        )
        for source in report.sources:
            for c in source.contributions:
                sheet.append(
                    [
                        c.on,
                        c.title,
                        str(c.role),
                        source.label,
                        float(c.hours) if c.hours is not None else None,
                    ]
                )
                sheet.cell(row=sheet.max_row, column=1).number_format = "yyyy-mm-dd"
        sheet.append([])
        _header_row(sheet, ["", _("Source"), "", _("Activities"), _("Recorded hours"), ""])
        for source in report.sources:
            sheet.append(["", source.label, "", source.count, float(source.hours)])
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    out = BytesIO()
    book.save(out)
    return out.getvalue()
