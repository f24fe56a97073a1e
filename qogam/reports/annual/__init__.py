"""The annual third-mission report of a university or unit for a period, as PDF or XLSX.

    filename, content = render(report, progress)

`render` reads only: it opens the university's tenant scope and the report's language itself,
calls `progress(percent, stage)` as it goes, and leaves saving the file and the report's
status to the caller. A request it cannot serve (a period that is no period key, a snapshot
of another period or unit, a format other than PDF or XLSX) raises ValidationError before any
figure is gathered.
"""

from collections.abc import Callable

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from qogam.core.tenancy import university_scope
from qogam.reports.annual import data as annual_data
from qogam.reports.enums import ReportFormat

__all__ = ["render"]


def filename_of(report, university_slug: str) -> str:
    period = report.period.replace("/", "-")
    unit = f"-{slugify(report.unit.name_en or report.unit.pk)}" if report.unit_id else ""
    return f"annual-report-{university_slug}{unit}-{period}-{report.language}.{report.format}"


def render(report, progress: Callable[[int, str], None]) -> tuple[str, bytes]:
    """(filename, content) of the annual report in report.format and report.language."""
    with (
        university_scope(report.university_id),
        translation.override(report.language_used or report.language),
    ):
        period = annual_data.check_request(report)
        limit = annual_data.PDF_ROWS if report.format == ReportFormat.PDF else annual_data.XLSX_ROWS
        found = annual_data.gather(report, period, progress, limit=limit)
        progress(85, _("Laying out the report"))
        if report.format == ReportFormat.PDF:
            from qogam.reports.annual import pdf  # noqa: PLC0415 -- WeasyPrint loads slowly

            content = pdf.render(found)
        else:
            from qogam.reports.annual import xlsx  # noqa: PLC0415 -- only for workbooks

            content = xlsx.render(found)
        progress(100, _("Ready"))
        return filename_of(report, found.university.slug), content
