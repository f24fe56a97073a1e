"""Academic years: 2026 stands for 2026/27, from 1 September 2026 to 31 August 2027."""

from datetime import date, datetime, time

from django.utils import timezone

__all__ = ["academic_year_bounds", "academic_year_label", "academic_year_of"]


def academic_year_of(when: date | datetime | None = None) -> int:
    """The academic year a day or moment falls in (a moment in the local time zone); today's
    without one."""
    if when is None:
        day = timezone.localdate()
    elif isinstance(when, datetime):
        day = timezone.localtime(when).date() if timezone.is_aware(when) else when.date()
    else:
        day = when
    return day.year if day.month >= 9 else day.year - 1


def academic_year_bounds(year: int) -> tuple[datetime, datetime]:
    """[1 September of `year`, 1 September of the next year) in the local time zone."""
    start = timezone.make_aware(datetime.combine(date(year, 9, 1), time.min))
    end = timezone.make_aware(datetime.combine(date(year + 1, 9, 1), time.min))
    return start, end


def academic_year_label(year: int) -> str:
    """2026 -> "2026/27"."""
    return f"{year}/{(year + 1) % 100:02d}"
