"""XLSX exports of councils and decisions: the rows the reader sees, in their language."""

from io import BytesIO

import openpyxl
from django.utils import timezone
from django.utils.translation import gettext as _

from qogam.core.i18n import translated


def _workbook(title: str, header: list[str], rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def export_councils(councils) -> bytes:
    header = [
        _("Name"),
        _("Kind"),
        _("University"),
        _("Unit"),
        _("Educational programme advised"),
        _("Secretary"),
        _("Visibility"),
    ]
    rows = [
        [
            translated(c, "name").text,
            str(c.get_kind_display()),
            translated(c.university, "name").text,
            translated(c.unit, "name").text if c.unit_id else "",
            c.programme,
            str(c.secretary) if c.secretary_id else "",
            str(c.get_visibility_display()),
        ]
        for c in councils
    ]
    return _workbook(_("Councils"), header, rows)


def export_decisions(decisions) -> bytes:
    header = [
        _("Decision"),
        _("Council"),
        _("Meeting"),
        _("Owner"),
        _("Due on"),
        _("Status"),
        _("Done on"),
    ]
    rows = [
        [
            translated(d, "text").text,
            translated(d.meeting.council, "name").text,
            timezone.localdate(d.meeting.starts_at),
            str(d.owner),
            d.due_on,
            str(d.get_status_display()),
            d.done_on,
        ]
        for d in decisions
    ]
    return _workbook(_("Decisions"), header, rows)
