"""A strategy as a formatted workbook (the plan and the progress notes) and as an A4 landscape
PDF, each in the reader's language."""

from io import BytesIO

import openpyxl
from django.utils import formats, translation
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from qogam.core.i18n import translated
from qogam.core.pdf import render_pdf
from qogam.strategy.enums import MeasureStatus
from qogam.strategy.queries import Plan, component_labels, notes_of_strategy

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PLAN_WIDTHS = (8, 28, 28, 44, 22, 24, 12, 12, 16, 14, 28, 10, 16, 30, 12)
NOTE_WIDTHS = (8, 44, 12, 14, 22, 70)
HEADER_FILL = PatternFill("solid", start_color="0B5D57", end_color="0B5D57")
OVERDUE_FILL = PatternFill("solid", start_color="FBE6E6", end_color="FBE6E6")
THIN = Side(style="thin", color="C9D1D6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MONEY = "#,##0.00"
DATE = "DD.MM.YYYY"
PDF_PAGE = "@page { size: A4 landscape; margin: 12mm 10mm; }"


def _text(obj, field: str, language: str) -> str:
    return translated(obj, field, language).text if obj is not None else ""


def _unit_name(unit, language: str) -> str:
    return _text(unit, "name", language)


def _person(user) -> str:
    return (user.full_name or user.email) if user else ""


def subtitle(strategy, language: str) -> str:
    """The strategy's owner and period, as a line under its title."""
    owner = _unit_name(strategy.unit, language) if strategy.unit else ""
    university = _text(strategy.university, "name", language)
    period = "{} – {}".format(
        formats.date_format(strategy.starts_on, "SHORT_DATE_FORMAT"),
        formats.date_format(strategy.ends_on, "SHORT_DATE_FORMAT"),
    )
    return " · ".join(part for part in (university, owner, period) if part)


def _title_rows(sheet, strategy, language: str, heading: str, columns: int) -> None:
    sheet.append([_text(strategy, "title", language)])
    sheet.append([subtitle(strategy, language)])
    sheet.append([heading])
    sheet.append([])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"].font = Font(italic=True, color="4A5560")
    sheet["A3"].font = Font(bold=True, size=12)
    for row in (1, 2, 3):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)


def _header(sheet, labels: list[str], widths) -> int:
    sheet.append(labels)
    row = sheet.max_row
    for cell in sheet[row]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = BORDER
    sheet.row_dimensions[row].height = 32
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{row + 1}"
    return row


def _body_style(sheet, first_row: int) -> None:
    for row in sheet.iter_rows(min_row=first_row, max_row=sheet.max_row):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = BORDER


def plan_workbook(plan: Plan, *, language: str) -> bytes:
    """The plan (one row per measure, with the budget's total) and its progress notes."""
    strategy = plan.strategy
    with translation.override(language):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = _("Plan")[:31]
        headers = [
            _("Item no."),
            _("Strategic direction"),
            _("Goal"),
            _("Measure"),
            _("Responsible person"),
            _("Responsible unit"),
            _("Starts on"),
            _("Due by"),
            _("Budget (tenge)"),
            _("Progress"),
            _("Components of the University model 4.0"),
            _("SDGs"),
            _("Indicators"),
            _("Projects that carry it out"),
            _("Done on"),
        ]
        _title_rows(sheet, strategy, language, _("Plan of measures"), len(headers))
        header_row = _header(sheet, headers, PLAN_WIDTHS)
        for direction in plan.directions:
            for goal in direction.goals:
                for m in goal.measures:
                    sheet.append(
                        [
                            m.number,
                            f"{direction.direction.position}. "
                            + _text(direction.direction, "title", language),
                            f"{direction.direction.position}.{goal.goal.position}. "
                            + _text(goal.goal, "title", language),
                            _text(m, "title", language),
                            _person(m.owner),
                            _unit_name(m.owner_unit, language),
                            m.starts_on,
                            m.due_on,
                            m.budget,
                            str(MeasureStatus(m.status).label),
                            ", ".join(component_labels(m.components)),
                            ", ".join(str(n) for n in m.sdgs),
                            ", ".join(m.indicator_codes),
                            "; ".join(
                                _text(p, "title", language)
                                for p in m.shown_projects  # type: ignore[attr-defined]
                            ),
                            m.done_on,
                        ]
                    )
                    if m.is_overdue(plan.today):
                        for cell in sheet[sheet.max_row]:
                            cell.fill = OVERDUE_FILL
        last = sheet.max_row
        _body_style(sheet, header_row + 1)
        sheet.append([None, None, None, _("Total budget"), None, None, None, None, plan.budget])
        total = sheet.max_row
        sheet.cell(row=total, column=4).font = Font(bold=True)
        sheet.cell(row=total, column=9).font = Font(bold=True)
        for row in sheet.iter_rows(min_row=header_row + 1, max_row=total):
            row[6].number_format = DATE
            row[7].number_format = DATE
            row[8].number_format = MONEY
            row[14].number_format = DATE
        sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(headers))}{last}"
        sheet.page_setup.orientation = "landscape"

        notes = book.create_sheet(_("Progress notes")[:31])
        note_headers = [
            _("Item no."),
            _("Measure"),
            _("Reported on"),
            _("Progress"),
            _("Author"),
            _("Note"),
        ]
        _title_rows(notes, strategy, language, _("Progress notes"), len(note_headers))
        note_row = _header(notes, note_headers, NOTE_WIDTHS)
        for note in notes_of_strategy(strategy):
            notes.append(
                [
                    note.measure.number,
                    _text(note.measure, "title", language),
                    note.on,
                    str(MeasureStatus(note.status).label),
                    _person(note.author),
                    note.text,
                ]
            )
            notes.cell(row=notes.max_row, column=3).number_format = DATE
        _body_style(notes, note_row + 1)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def plan_pdf(plan: Plan, *, language: str) -> bytes:
    """The plan as an A4 landscape document in `language`."""
    strategy = plan.strategy
    with translation.override(language):
        context = {
            "plan": plan,
            "strategy": strategy,
            "title": _text(strategy, "title", language),
            "summary": _text(strategy, "summary", language),
            "subtitle": subtitle(strategy, language),
            "rows": [
                {
                    "direction": _text(d.direction, "title", language),
                    "direction_number": d.direction.position,
                    "budget": d.budget,
                    "goals": [
                        {
                            "number": f"{d.direction.position}.{g.goal.position}",
                            "title": _text(g.goal, "title", language),
                            "measures": [
                                {
                                    "measure": m,
                                    "title": _text(m, "title", language),
                                    "owner_unit": _unit_name(m.owner_unit, language),
                                    "components": component_labels(m.components),
                                    "projects": [
                                        _text(p, "title", language)
                                        for p in m.shown_projects  # type: ignore[attr-defined]
                                    ],
                                    "overdue": m.is_overdue(plan.today),
                                }
                                for m in g.measures
                            ],
                        }
                        for g in d.goals
                    ],
                }
                for d in plan.directions
            ],
        }
    return render_pdf(
        template="strategy/pdf/plan.html",
        context=context,
        language=language,
        stylesheets=[PDF_PAGE],
    )
