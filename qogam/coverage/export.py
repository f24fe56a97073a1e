"""The coverage list as a spreadsheet: one row per piece, in the order of the page."""

import tablib
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from qogam.core.i18n import translated
from qogam.coverage.enums import SubjectKind
from qogam.coverage.models import Coverage
from qogam.coverage.queries import subject_title

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_coverage(qs: QuerySet[Coverage]) -> bytes:
    """An .xlsx of `qs` with headers in the reader's language; subjects by title."""
    data = tablib.Dataset(
        headers=[
            _("Published on"),
            _("Outlet"),
            _("Kind of media"),
            _("Headline"),
            _("Language of the piece"),
            _("Link"),
            _("Reach"),
            _("About"),
            _("Record"),
            _("Unit"),
            _("University"),
        ],
        title=_("Media coverage")[:31],
    )
    for c in qs:
        data.append(
            [
                c.published_on,
                c.outlet,
                c.get_kind_display(),
                c.title,
                c.get_language_display(),
                c.url,
                c.reach,
                SubjectKind(c.subject_kind).label if c.subject_kind else "",
                subject_title(c.subject).text if c.subject is not None else "",
                translated(c.unit, "name").text if c.unit else "",
                translated(c.university, "short_name").text
                or translated(c.university, "name").text,
            ]
        )
    return data.export("xlsx")
