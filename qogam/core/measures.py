"""Named measures the domain apps offer to the indicators.

An indicator such as "share of students with a verified volunteer hour" is computed from the
records of `volunteering` and `accounts`; `indicators` sits above both in the import order and
must not reach into their models. So each app declares its measures in a `measures.py` module,
built on the classes here, and `indicators` discovers those modules (as the admin discovers
`admin.py`) and reads only this registry.

A measure answers two questions for a university, a period and optional filters: which records
count (a queryset: the provenance a reader clicks through to), and what number they make (one
aggregate over that queryset, computed by the database). Because the number is always an
aggregate of exactly those records, the list behind a number reproduces it.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Model, QuerySet, Sum, TextField
from django.db.models.functions import Cast
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from qogam.core.enums import Visibility

Label = str | Promise
Choices = Callable[[], Sequence[tuple[str, Any]]]

# The ways a measure turns its records into a number.
ROWS = "rows"  # how many records
DISTINCT = "distinct"  # how many distinct values of `field` (people, partners)
SUM = "sum"  # the sum of `field` (hours, tenge)

# Filters an indicator may set on a measure. A measure lists the ones it understands, each
# with the choices it accepts; "unit" is offered by every measure that has a unit path.
FILTER_LABELS: dict[str, Label] = {
    "unit": _("unit"),
    "kind": _("kind"),
    "sdg": _("Sustainable Development Goal"),
    "partner_kind": _("partner kind"),
    "component": _("Model 4.0 component"),
    "visibility": _("visibility"),
    "language": _("language"),
}


def sdg_choices() -> list[tuple[str, str]]:
    return [(str(goal), f"SDG {goal}") for goal in range(1, 18)]


def visibility_choices() -> list[tuple[str, str]]:
    """The "visibility" filter's choices, shared by every app whose records carry one."""
    return Visibility.choices


@dataclass(frozen=True)
class MeasureScope:
    """Where and when to count: a university, a period (both days included), optionally the
    units counted (a unit and those beneath it), and the indicator's filters."""

    university_id: int
    starts_on: date
    ends_on: date
    unit_ids: frozenset[int] | None = None
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def values(self, key: str) -> tuple[str, ...]:
        """The values chosen for a filter; empty when the filter is not set."""
        return tuple(self.filters.get(key, ()))


@dataclass(frozen=True)
class ProvenanceRow:
    """How one record behind a number is listed: what it is, where to open it, its date, and
    what it adds to the number (its person or partner when counted distinct, its hours when
    summed)."""

    title: str
    url: str = ""
    on: date | None = None
    detail: str = ""
    counted: Any = None


@dataclass(frozen=True)
class Measure:
    key: str  # "<app>.<name>", e.g. "volunteering.verified_volunteers"
    label: Label
    # What is counted, for whom, within which dates: shown beside every number it makes.
    description: Label
    # (scope) -> the records behind the number, already narrowed to the university, period,
    # units and filters. Must be a queryset so the number is one database aggregate.
    records: Callable[[MeasureScope], QuerySet]
    # (record) -> how the record is listed as provenance.
    row: Callable[[Any], ProvenanceRow]
    how: str = ROWS
    # The field counted distinct or summed (e.g. "student_id", "hours"); a path with "__"
    # follows relations, in the database and when recounting listed records.
    counted_field: str = ""
    # Filter key -> the choices it accepts; "unit" takes unit ids and needs no choices.
    filters: Mapping[str, Choices | None] = field(default_factory=dict)
    # What the number counts: "records", "people", "hours", "tenge", "organisations" …
    counts: str = "records"
    # Select/prefetch applied when the records are listed, so a page of rows is a few queries.
    related: Sequence[str] = ()
    order: int = 100

    def value(self, scope: MeasureScope) -> Decimal:
        """The number for the scope, computed by the database."""
        records = self.records(scope)
        if self.how == DISTINCT:
            result = records.aggregate(v=Count(self.counted_field, distinct=True))["v"]
        elif self.how == SUM:
            result = records.aggregate(v=Sum(self.counted_field))["v"]
        else:
            result = records.aggregate(v=Count("pk"))["v"]
        return Decimal(result or 0)

    def provenance(self, scope: MeasureScope) -> QuerySet:
        """The records behind the number, ready to list (and to page)."""
        records = self.records(scope)
        if self.related:
            records = records.select_related(*self.related)
        return records

    def recount(self, records: Sequence[Model]) -> Decimal:
        """The number recomputed in Python from listed records: a check on `value`."""
        if self.how == DISTINCT:
            return Decimal(len({self.counted_value(r) for r in records} - {None}))
        if self.how == SUM:
            return sum((Decimal(self.counted_value(r) or 0) for r in records), Decimal(0))
        return Decimal(len(records))

    def counted_value(self, record: Model) -> Any:
        value: Any = record
        for part in self.counted_field.replace("__", ".").split("."):
            value = getattr(value, part)
        return value

    def filter_choices(self, key: str) -> list[tuple[str, Any]]:
        provider = self.filters.get(key)
        return list(provider()) if provider else []

    def filter_errors(self, filters: Mapping[str, Sequence[str]]) -> list[str]:
        """Plain-language problems with filters an indicator sets on this measure."""
        problems: list[str] = []
        for key, values in filters.items():
            if key not in self.filters:
                problems.append(
                    str(
                        _("The measure “%(measure)s” cannot be filtered by “%(filter)s”.")
                        % {"measure": self.label, "filter": FILTER_LABELS.get(key, key)}
                    )
                )
                continue
            allowed = {str(value) for value, _label in self.filter_choices(key)}
            if allowed:
                unknown = sorted({str(v) for v in values} - allowed)
                if unknown:
                    problems.append(
                        str(
                            _("“%(values)s” is not a choice of the filter “%(filter)s”.")
                            % {"values": ", ".join(unknown), "filter": FILTER_LABELS.get(key, key)}
                        )
                    )
        return problems


_measures: dict[str, Measure] = {}


def register_measure(measure: Measure) -> Measure:
    if "." not in measure.key:
        raise ValueError(f"A measure key is '<app>.<name>'; got {measure.key!r}.")
    _measures[measure.key] = measure
    return measure


def registered_measures() -> list[Measure]:
    return sorted(_measures.values(), key=lambda m: (m.order, m.key))


def measure(key: str) -> Measure | None:
    return _measures.get(key)


def list_matches(records: QuerySet, field: str, pattern: str) -> QuerySet:
    """Rows whose JSON list `field` matches a regular expression on its text: a JSON
    "contains" lookup is not available on SQLite."""
    alias = field.replace("__", "_") + "_text"
    return records.alias(**{alias: Cast(field, TextField())}).filter(**{f"{alias}__regex": pattern})


def with_sdgs(records: QuerySet, values, field: str = "sdgs") -> QuerySet:
    """Rows tagged with any of the goals `values` (numbers as text); "3" never matches 13."""
    goals = sorted({int(v) for v in values if str(v).isdigit()})
    if not goals:
        return records.none()
    either = "|".join(str(goal) for goal in goals)
    return list_matches(records, field, rf"(^|[^0-9])({either})([^0-9]|$)")


def with_components(records: QuerySet, values, field: str = "components") -> QuerySet:
    """Rows tagged with any of the Model 4.0 components `values`."""
    either = "|".join(re.escape(str(v)) for v in values)
    if not either:
        return records.none()
    return list_matches(records, field, f'"({either})"')
