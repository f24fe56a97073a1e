"""How a section of the annual report reads its figures: the measures the domain apps
register (qogam.core.measures), and lists cut to their first rows with "and N more"."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from qogam.core.measures import MeasureScope
from qogam.core.measures import measure as registered_measure
from qogam.indicators.periods import Period
from qogam.reports.annual.structures import Table


def scope_of(university_id: int, period: Period, unit_ids) -> MeasureScope:
    return MeasureScope(
        university_id=university_id,
        starts_on=period.starts_on,
        ends_on=period.ends_on,
        unit_ids=unit_ids,
    )


def records(key: str, scope: MeasureScope) -> QuerySet:
    found = registered_measure(key)
    if found is None:  # a domain app not installed: its section counts nothing
        raise LookupError(key)
    return found.records(scope)


def measured(key: str, scope: MeasureScope) -> Decimal:
    found = registered_measure(key)
    return Decimal(0) if found is None else found.value(scope)


def moments(period: Period) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(period.starts_on, time.min))
    end = timezone.make_aware(datetime.combine(period.ends_on + timedelta(days=1), time.min))
    return start, end


def first_rows(qs: QuerySet, limit: int) -> tuple[list, int]:
    """The first `limit` rows and how many were left out (one COUNT only when cut)."""
    rows = list(qs[: limit + 1])
    if len(rows) <= limit:
        return rows, 0
    return rows[:limit], qs.order_by().count() - limit


def grouped(qs: QuerySet, field_name: str) -> dict[str, int]:
    return dict(qs.order_by().values_list(field_name).annotate(n=Count("pk", distinct=True)))


def choice_table(title: str, heading: str, counts: dict[str, int], choices) -> Table:
    labels = dict(choices)
    rows = [
        [str(labels.get(key, key)), count]
        for key, count in sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
        if count
    ]
    return Table(title, [heading, _("Number of records")], rows, numeric=frozenset({1}))
