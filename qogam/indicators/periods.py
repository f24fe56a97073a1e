"""Reporting periods of indicators: academic years, calendar years and quarters.

A period is written as a key in URLs, targets and snapshots: "2026/27" (academic year from
1 September 2026), "2026" (calendar year), "2026-Q2" (April–June 2026).
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from qogam.core.periods import academic_year_label, academic_year_of
from qogam.indicators.enums import PeriodType

_ACADEMIC = re.compile(r"^(\d{4})/(\d{2})$")
_CALENDAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True, order=True)
class Period:
    type: str
    year: int
    quarter: int = 0

    @property
    def key(self) -> str:
        if self.type == PeriodType.ACADEMIC_YEAR:
            return academic_year_label(self.year)
        if self.type == PeriodType.QUARTER:
            return f"{self.year}-Q{self.quarter}"
        return str(self.year)

    @property
    def label(self) -> str:
        return self.key

    @property
    def starts_on(self) -> date:
        if self.type == PeriodType.ACADEMIC_YEAR:
            return date(self.year, 9, 1)
        if self.type == PeriodType.QUARTER:
            return date(self.year, 3 * (self.quarter - 1) + 1, 1)
        return date(self.year, 1, 1)

    @property
    def ends_on(self) -> date:
        """The last day of the period (included)."""
        if self.type == PeriodType.ACADEMIC_YEAR:
            return date(self.year + 1, 8, 31)
        if self.type == PeriodType.QUARTER:
            if self.quarter == 4:
                return date(self.year, 12, 31)
            return date(self.year, 3 * self.quarter + 1, 1) - timedelta(days=1)
        return date(self.year, 12, 31)

    def shifted(self, steps: int) -> "Period":
        """The period `steps` periods later (earlier when negative)."""
        if self.type == PeriodType.QUARTER:
            index = self.year * 4 + (self.quarter - 1) + steps
            return Period(self.type, index // 4, index % 4 + 1)
        return Period(self.type, self.year + steps)

    def __str__(self) -> str:
        return self.key


def period_of(period_type: str, day: date | None = None) -> Period:
    """The period of this type a day falls in (today without one)."""
    day = day or timezone.localdate()
    if period_type == PeriodType.ACADEMIC_YEAR:
        return Period(period_type, academic_year_of(day))
    if period_type == PeriodType.QUARTER:
        return Period(period_type, day.year, (day.month - 1) // 3 + 1)
    return Period(PeriodType.CALENDAR_YEAR, day.year)


def parse_period(period_type: str, key: str) -> Period:
    """The period a key names; ValueError, in the reader's language, when it names none of
    this type."""
    key = (key or "").strip()
    if period_type == PeriodType.ACADEMIC_YEAR:
        match = _ACADEMIC.match(key)
        if match and (int(match.group(1)) + 1) % 100 == int(match.group(2)):
            return Period(period_type, int(match.group(1)))
        raise ValueError(_("Write an academic year as 2026/27."))
    if period_type == PeriodType.QUARTER:
        match = _QUARTER.match(key)
        if match:
            return Period(period_type, int(match.group(1)), int(match.group(2)))
        raise ValueError(_("Write a quarter as 2026-Q2."))
    match = _CALENDAR.match(key)
    if match:
        return Period(PeriodType.CALENDAR_YEAR, int(match.group(1)))
    raise ValueError(_("Write a calendar year as 2026."))


def recent_periods(period_type: str, count: int, last: Period | None = None) -> list[Period]:
    """`count` periods ending with `last` (the current one by default), oldest first."""
    last = last or period_of(period_type)
    return [last.shifted(-step) for step in range(count - 1, -1, -1)]
