"""The figures of the annual third-mission report, gathered once for the PDF and the XLSX.

Every number comes from the code the rest of Qogam counts with: indicator values from
qogam.indicators.compute (as the dashboard evaluates them) or from a snapshot's frozen values,
section figures from the measures the domain apps register (qogam.core.measures), so a figure
in the report is the figure a page shows for the same university, unit and period. Counts are
database aggregates and lists are the first few rows with "and N more", so a report of the
largest university holds no more in memory than one of the smallest.

The structures live in .structures, the indicator rows in .indicators and the sections in
.sections and .wider_sections; this module checks the request and puts the report together.

Call `gather` inside the university's tenant scope and `translation.override(language)`.
"""

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from qogam.core.i18n import LANGUAGE_NAMES
from qogam.indicators import compute
from qogam.indicators.enums import PeriodType, TrafficLight
from qogam.indicators.periods import Period, parse_period
from qogam.indicators.queries import active_indicators
from qogam.organisations.models import University
from qogam.reports.annual.indicators import frozen_values, indicator_rows, live_values
from qogam.reports.annual.measures import scope_of
from qogam.reports.annual.sections import (
    needs_section,
    partners_section,
    projects_section,
    volunteering_section,
)
from qogam.reports.annual.structures import (
    AnnualData,
    Content,
    Figure,
    IndicatorRow,
    PackGroup,
    Section,
    Table,
    content,
    figure,
    number,
)
from qogam.reports.annual.wider_sections import (
    councils_section,
    coverage_section,
    research_section,
    sdg_section,
)
from qogam.reports.enums import ReportFormat

# What the renderers (pdf.py, xlsx.py) and the bench read from here.
__all__ = [
    "ANNUAL_FORMATS",
    "PDF_ROWS",
    "XLSX_ROWS",
    "AnnualData",
    "Content",
    "Figure",
    "IndicatorRow",
    "PackGroup",
    "Progress",
    "Section",
    "Table",
    "check_request",
    "content",
    "display",
    "figure",
    "gather",
    "number",
    "period_of_key",
]

# Rows of each list in the PDF; the workbook carries more of the same lists.
PDF_ROWS = 5
XLSX_ROWS = 200
# A period key names at most a year, so no request spans more than one.
_KEY_TYPES = (
    (re.compile(r"^\d{4}/\d{2}$"), PeriodType.ACADEMIC_YEAR),
    (re.compile(r"^\d{4}-Q[1-4]$"), PeriodType.QUARTER),
    (re.compile(r"^\d{4}$"), PeriodType.CALENDAR_YEAR),
)
FIRST_YEAR, LAST_YEAR = 2000, 2100
ANNUAL_FORMATS = (ReportFormat.PDF, ReportFormat.XLSX)

Progress = Callable[[int, str], None]


# --- The request -----------------------------------------------------------------------------


def period_of_key(key: str) -> Period:
    """The period a report names ("2025/26", "2025", "2025-Q3"); ValidationError otherwise."""
    key = (key or "").strip()
    for pattern, period_type in _KEY_TYPES:
        if pattern.match(key):
            try:
                period = parse_period(period_type, key)
            except ValueError as exc:
                raise ValidationError({"period": str(exc)}, code="invalid_period") from exc
            if not FIRST_YEAR <= period.year <= LAST_YEAR:
                break
            return period
    raise ValidationError(
        {
            "period": _(
                "“%(key)s” is not a reporting period: write an academic year as 2025/26, a "
                "calendar year as 2025 or a quarter as 2025-Q3."
            )
            % {"key": key}
        },
        code="invalid_period",
    )


def check_request(report) -> Period:
    """What an annual report can be made of; a clear ValidationError for the rest."""
    errors: dict[str, str] = {}
    if report.format not in ANNUAL_FORMATS:
        errors["format"] = _("The annual report is made as PDF or XLSX, not “%(format)s”.") % {
            "format": report.format
        }
    if report.language not in dict(settings.LANGUAGES):
        errors["language"] = _("“%(code)s” is not a language of Qogam.") % {"code": report.language}
    period = None
    try:
        period = period_of_key(report.period)
    except ValidationError as exc:
        errors.update({key: " ".join(texts) for key, texts in exc.message_dict.items()})
    if report.unit_id and report.unit.university_id != report.university_id:
        errors["unit"] = _("The unit belongs to another university.")
    snapshot = report.snapshot
    if snapshot is not None:
        if snapshot.university_id != report.university_id:
            errors["snapshot"] = _("The snapshot belongs to another university.")
        elif snapshot.period != report.period:
            errors["snapshot"] = _(
                "The snapshot froze %(frozen)s; the report asks for %(asked)s."
            ) % {"frozen": snapshot.period, "asked": report.period}
        elif snapshot.unit_id != report.unit_id:
            errors["snapshot"] = _("The snapshot was taken for another unit than the report's.")
    if errors:
        raise ValidationError(errors, code="invalid_report")
    assert period is not None
    return period


# --- The whole report ------------------------------------------------------------------------


def _has_fallback(value: Any) -> bool:
    return isinstance(value, Content) and value.is_fallback


def gather(report, period: Period, progress: Progress, *, limit: int) -> AnnualData:
    """Everything the report shows, in the active language (see the module)."""
    # The language the jobs chose to write in: the one asked for, or its fallback when the
    # interface lacks its translations.
    language = report.language_used or report.language
    university = University.objects.get(pk=report.university_id)
    unit = report.unit
    unit_ids = compute.unit_ids_of(unit)
    label = period.key
    progress(5, _("Indicators"))
    snapshot = report.snapshot
    if snapshot is not None:
        values = frozen_values(snapshot)
        note = _("Figures as frozen in snapshot “%(title)s” on %(day)s.") % {
            "title": snapshot.title,
            "day": formats.date_format(timezone.localtime(snapshot.created_at).date()),
        }
    else:
        indicators = list(active_indicators(university.pk).order_by("code"))
        values = live_values(indicators, university_id=university.pk, period=period, unit=unit)
        note = ""
    packs, rows = indicator_rows(
        values,
        university_id=university.pk,
        language=language,
        unit_ids=unit_ids,
        counted=snapshot is None,
    )
    unique = {row.indicator.pk: row.status for row in rows}
    status_counts = dict.fromkeys(TrafficLight.values, 0)
    for status in unique.values():
        status_counts[status] += 1
    scope = scope_of(university.pk, period, unit_ids)
    steps = [
        (25, _("Projects"), lambda: projects_section(scope, label, language, limit)),
        (35, _("Community needs"), lambda: needs_section(scope, period, label, language, limit)),
        (45, _("Volunteering"), lambda: volunteering_section(scope, label, language, limit)),
        (55, _("Partners"), lambda: partners_section(scope, label, language, limit)),
        (62, _("Councils"), lambda: councils_section(scope, label, language, limit)),
        (68, _("Research"), lambda: research_section(scope, label, language, limit)),
        (74, _("Media coverage"), lambda: coverage_section(scope, label, language, limit)),
        (80, _("Sustainable Development Goals"), lambda: sdg_section(scope, label)),
    ]
    sections = []
    for percent, stage, build in steps:
        progress(percent, stage)
        sections.append(build())
    by_key = {s.key: s for s in sections}

    def first(key: str, index: int) -> Figure:
        return by_key[key].figures[index]

    with_target = sum(1 for row in rows if row.value.target is not None)
    summary = [
        Figure(
            _("Indicators on target, of %(count)s with a target") % {"count": number(with_target)},
            Decimal(status_counts[TrafficLight.GREEN]),
            number(status_counts[TrafficLight.GREEN]),
        ),
        first("projects", 0),
        first("projects", 2),
        first("volunteering", 0),
        first("volunteering", 1),
        first("partners", 0),
        first("needs", 2),
        first("councils", 0),
        first("research", 0),
        first("coverage", 0),
    ]
    university_name = content(university, "name", language)
    unit_name = content(unit, "name", language) if unit is not None else None
    fallbacks = _has_fallback(university_name) or _has_fallback(unit_name)
    fallbacks = fallbacks or any(_has_fallback(row.name) for row in rows)
    fallbacks = fallbacks or any(
        _has_fallback(cell) for s in sections for t in s.tables for r in t.rows for cell in r
    )
    return AnnualData(
        university=university,
        university_name=university_name,
        unit=unit,
        unit_name=unit_name,
        period=period,
        language=language,
        language_name=str(LANGUAGE_NAMES.get(language, language)),
        generated_on=formats.date_format(timezone.localdate()),
        snapshot=snapshot,
        snapshot_note=note,
        summary=summary,
        packs=packs,
        indicator_rows=rows,
        sections=sections,
        status_counts=status_counts,
        has_fallbacks=fallbacks,
    )


def display(cell: Any) -> Any:
    """A cell as the PDF shows it: numbers grouped in the reader's locale, dates localised."""
    if cell is None or cell == "":
        return "—" if cell is None else ""
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, (int, Decimal, float)):
        return number(Decimal(str(cell)))
    if isinstance(cell, date):
        return formats.date_format(cell, "SHORT_DATE_FORMAT")
    if isinstance(cell, Content):
        return cell.html
    return cell
