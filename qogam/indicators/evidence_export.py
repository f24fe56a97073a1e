"""The ranking evidence items of a year, shaped like a ranking's data-collection portal.

One row per item and evidence link (an item without evidence has one row), with the metric id
of the framework (e.g. "17.2.5" for THE Impact), our own short title and never the ranking's
question text, which is proprietary (reference §8).
"""

import csv
import io
from dataclasses import dataclass

import openpyxl
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from openpyxl.styles import Font

from qogam.core.i18n import translated
from qogam.indicators import compute, queries
from qogam.indicators.enums import Method
from qogam.indicators.models import ManualValue, ValueEvidence
from qogam.indicators.services.entries import option_label

# Frameworks an item's metric id is taken from, in this order.
METRIC_PREFIXES = ("THE ",)
# Column widths of the workbook, in characters.
WIDTHS = (10, 40, 14, 30, 40, 8, 20, 40, 12, 10, 16, 6)


def metric_id(indicator) -> str:
    """The framework's id of the item ("17.2.5" from "THE 17.2.5"); the code without one."""
    for reference in indicator.frameworks or []:
        for prefix in METRIC_PREFIXES:
            if str(reference).startswith(prefix):
                return str(reference)[len(prefix) :].strip()
    return indicator.code


def columns() -> list[tuple[str, str]]:
    return [
        ("metric", _("Metric id")),
        ("title", _("Short title")),
        ("answer", _("Answer")),
        ("options", _("Options ticked")),
        ("url", _("Evidence URL")),
        ("public", _("Public")),
        ("file", _("File name")),
        ("description", _("Description")),
        ("date", _("Activity date")),
        ("year", _("Reference year")),
        ("status", _("Status")),
        ("score", _("Score")),
    ]


@dataclass
class ExportRow:
    values: dict


def answer_text(indicator, entry) -> str:
    if entry is None or not entry.answer:
        return ""
    if indicator.answer_kind == "yes_no":
        return str(_("Yes")) if entry.answer == "yes" else str(_("No"))
    found = next((o for o in indicator.options or [] if str(o.get("key")) == entry.answer), None)
    return option_label(found) if found else entry.answer


def options_text(indicator, entry) -> str:
    if entry is None:
        return ""
    labels = {str(o.get("key")): option_label(o) for o in indicator.options or []}
    return "; ".join(labels.get(key, key) for key in entry.options or [])


def evidence_rows(university_id: int, year: int) -> list[ExportRow]:
    """The university's evidence items of the reporting year, whole-university entries."""
    items = [
        i
        for i in queries.active_indicators(university_id).order_by("code")
        if i.method == Method.EVIDENCE
    ]
    periods = {i.pk: compute.period_in_year(i, year) for i in items}
    entries = {
        (e.indicator_id, e.period): e
        for e in ManualValue.objects.filter(
            university_id=university_id,
            indicator__in=items,
            unit__isnull=True,
            period__in={p.key for p in periods.values()},
        ).prefetch_related(Prefetch("evidence", queryset=ValueEvidence.objects.order_by("pk")))
    }
    rows: list[ExportRow] = []
    for indicator in items:
        period = periods[indicator.pk]
        entry = entries.get((indicator.pk, period.key))
        evidence = list(entry.evidence.all()) if entry else []
        common = {
            "metric": metric_id(indicator),
            "title": translated(indicator, "name").text,
            "answer": answer_text(indicator, entry),
            "options": options_text(indicator, entry),
            "year": period.key,
            "status": entry.get_status_display() if entry else str(_("Not started")),
            "score": str(compute.evidence_score(indicator, entry, evidence)) if entry else "0",
        }
        for item in evidence or [None]:
            rows.append(
                ExportRow(
                    {
                        **common,
                        "url": item.url if item else "",
                        "public": (str(_("yes")) if item.is_public else str(_("no")))
                        if item
                        else "",
                        "file": item.file_name if item else "",
                        "description": item.description if item else "",
                        "date": item.on.isoformat() if item and item.on else "",
                    }
                )
            )
    return rows


def _cell(value) -> str:
    """A text cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def to_csv(rows: list[ExportRow]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    keys = columns()
    writer.writerow([str(label) for _key, label in keys])
    for row in rows:
        writer.writerow([_cell(row.values.get(key, "")) for key, _label in keys])
    # A byte-order mark so spreadsheet programs read Kazakh and Russian letters as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(rows: list[ExportRow], *, title: str) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title[:31]
    keys = columns()
    sheet.append([str(label) for _key, label in keys])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(row.values.get(key, "")) for key, _label in keys])
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJKL", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
