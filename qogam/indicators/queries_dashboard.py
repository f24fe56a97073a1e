"""Reads of the dashboard pages: which university and unit a page shows, the table of values
with their trends, the unit comparison, the records behind a number and a snapshot against
the live values.

Every table is built from `compute.evaluate`, which reads targets, entered values and
assessments for all indicators at once; the only queries that grow with the number of rows
are the measures' own aggregates (one or two per computed indicator and period).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.urls import NoReverseMatch
from django.utils import formats
from django.utils.translation import gettext as _

from qogam.core.enums import Component
from qogam.core.measures import DISTINCT, SUM, Measure
from qogam.core.periods import academic_year_of
from qogam.core.visibility import Viewer
from qogam.indicators import compute
from qogam.indicators.compute import Value
from qogam.indicators.enums import IndicatorUnit, Method, PeriodType, TrafficLight
from qogam.indicators.models import (
    Indicator,
    Pack,
    PackEntry,
    Snapshot,
    SnapshotValue,
    Target,
)
from qogam.indicators.periods import Period, parse_period
from qogam.indicators.queries import active_indicators, packs_in_use
from qogam.indicators.rules import OFFICE_ROLES
from qogam.organisations.models import Unit, University
from qogam.organisations.queries import choose_university as choose_university

TREND_LENGTH = 4
HISTORY_LENGTH = 5
# Years a page may ask for: wide enough for any plan, narrow enough to refuse nonsense.
FIRST_YEAR, LAST_YEAR = 2000, 2100


# --- Who and when ----------------------------------------------------------------------------


def dashboard_universities(viewer: Viewer) -> list[University]:
    """The universities whose figures the viewer reads: where they are staff; every active
    one for the network's administrators."""
    qs = University.objects.filter(is_active=True).order_by("pk")
    if not viewer.is_network_admin:
        qs = qs.filter(pk__in=sorted(viewer.staff_university_ids))
    return list(qs)


def year_of(raw: str | None) -> int:
    """?year=2025 (the reporting year); the current academic year's start without a good one."""
    if raw and raw.strip().isdigit() and FIRST_YEAR <= int(raw) <= LAST_YEAR:
        return int(raw)
    return academic_year_of()


def units_of(university_id: int) -> list[Unit]:
    return list(Unit.objects.filter(university_id=university_id).order_by("name", "pk"))


def unit_of(university_id: int, public_id: str | None) -> Unit | None:
    if not public_id:
        return None
    try:
        return Unit.objects.filter(university_id=university_id, public_id=public_id).first()
    except (ValueError, TypeError):
        # Not a UUID: no unit, the whole university.
        return None


def is_office(viewer: Viewer, university_id: int) -> bool:
    return viewer.is_network_admin or viewer.has_role(university_id, *OFFICE_ROLES)


# --- Showing a value -------------------------------------------------------------------------


def _number(value: Decimal, places: int) -> str:
    # Django's number_format cuts extra decimals off; round first so 3.08 shows as 3.1.
    rounded = compute.round_value(Decimal(value), places)
    return formats.number_format(rounded, decimal_pos=places, use_l10n=True, force_grouping=True)


def format_value(value: Decimal | None, unit: str) -> str:
    """A value as a reader expects it: "42.5 %", "1,204 h", "12"; empty for none."""
    if value is None:
        return ""
    value = Decimal(value)
    whole = value == value.to_integral_value()
    if unit == IndicatorUnit.PERCENT:
        return _("%(value)s %%") % {"value": _number(value, 1)}
    if unit == IndicatorUnit.HOURS:
        return _("%(value)s h") % {"value": _number(value, 0 if whole else 1)}
    if unit == IndicatorUnit.TENGE:
        return _("%(value)s ₸") % {"value": _number(value, 0)}
    if unit == IndicatorUnit.RATIO:
        return _number(value, 2)
    if unit in (IndicatorUnit.SCORE, IndicatorUnit.LEVEL):
        return _number(value, 0 if whole else 1)
    return _number(value, 0 if whole else 1)


def format_change(change: Decimal, unit: str) -> str:
    """A difference with its sign: "+3", "−2.5 %"."""
    text = format_value(abs(change), unit)
    if change > 0:
        return "+" + text
    return "−" + text if change < 0 else text


def url_of(record) -> str:
    """The page of an entry or assessment; empty while that page is not installed."""
    try:
        return record.get_absolute_url()
    except NoReverseMatch:
        return ""


@dataclass
class Spark:
    """A small trend line drawn by the server as SVG: coordinates only, no styles."""

    width: int
    height: int
    segments: list[str]
    # Coordinates as text, so a locale's decimal comma never reaches the SVG.
    dots: list[tuple[str, str]]
    label: str


def sparkline(values: Sequence[Value], *, width: int = 84, height: int = 26) -> Spark:
    """Points of the values (oldest first) in a width × height box; a gap where one is
    missing, so a missing year is not drawn as zero."""
    numbers = [v.value for v in values if v.value is not None]
    pad = 3
    low = min(numbers) if numbers else Decimal(0)
    high = max(numbers) if numbers else Decimal(0)
    span = (high - low) or Decimal(1)
    step = (width - 2 * pad) / max(len(values) - 1, 1)
    segments: list[str] = []
    dots: list[tuple[str, str]] = []
    current: list[str] = []
    for index, item in enumerate(values):
        if item.value is None:
            if len(current) > 1:
                segments.append(" ".join(current))
            current = []
            continue
        x = round(pad + index * step, 1)
        share = float((item.value - low) / span) if high != low else 0.5
        y = round(height - pad - share * (height - 2 * pad), 1)
        current.append(f"{x},{y}")
        dots.append((str(x), str(y)))
    if len(current) > 1:
        segments.append(" ".join(current))
    parts = [
        "{}: {}".format(
            item.period.key,
            format_value(item.value, item.indicator.unit)
            if item.value is not None
            else _("no data"),
        )
        for item in values
    ]
    return Spark(width, height, segments, dots, "; ".join(parts))


# --- The table -------------------------------------------------------------------------------


@dataclass
class Row:
    indicator: Indicator
    value: Value
    trend: list[Value]
    section: str = ""
    shown: str = ""
    target_shown: str = ""
    spark: Spark | None = None
    provenance_count: int | None = None

    @property
    def status(self) -> str:
        return self.value.status

    @property
    def status_label(self) -> str:
        return light_label(self.status)


@dataclass
class Section:
    title: str
    rows: list[Row] = field(default_factory=list)


def _matches(indicator: Indicator, component: str, sdg: str) -> bool:
    if component and component not in (indicator.components or []):
        return False
    return not sdg or sdg in {str(goal) for goal in indicator.sdgs or []}


def table_indicators(
    university_id: int, *, pack: Pack | None = None, component: str = "", sdg: str = ""
) -> tuple[list[Indicator], dict[int, str]]:
    """The indicators a table shows and, for one pack, the section of each."""
    indicators = [i for i in active_indicators(university_id, pack) if _matches(i, component, sdg)]
    sections: dict[int, str] = {}
    if pack is not None:
        sections = dict(PackEntry.objects.filter(pack=pack).values_list("indicator_id", "section"))
    return indicators, sections


def dashboard_rows(
    indicators: Sequence[Indicator],
    *,
    university_id: int,
    year: int,
    unit=None,
    sections: dict[int, str] | None = None,
    trend_length: int = TREND_LENGTH,
) -> list[Row]:
    """Each indicator's value for the year with its trend over the last periods; one
    evaluation of all indicators per period."""
    sections = sections or {}
    by_step: list[list[Value]] = []
    for step in range(trend_length - 1, -1, -1):
        by_step.append(
            compute.evaluate(
                indicators,
                university_id=university_id,
                period_for=lambda i, s=step: compute.period_in_year(i, year).shifted(-s),
                unit=unit,
            )
        )
    rows = []
    for index, indicator in enumerate(indicators):
        trend = [values[index] for values in by_step]
        current = trend[-1]
        rows.append(
            Row(
                indicator=indicator,
                value=current,
                trend=trend,
                section=sections.get(indicator.pk, ""),
                shown=format_value(current.value, indicator.unit),
                target_shown=format_value(current.target, indicator.unit),
                spark=sparkline(trend),
            )
        )
    return rows


def grouped(rows: Sequence[Row], pack: Pack) -> list[Section]:
    """Rows by pack section, in the pack's order of first appearance, headed by the
    section's name."""
    sections: dict[str, Section] = {}
    for row in rows:
        if row.section not in sections:
            sections[row.section] = Section(pack.section_title(row.section))
        sections[row.section].rows.append(row)
    return list(sections.values())


def filter_choices() -> dict:
    return {
        "components": list(Component.choices),
        "sdgs": [(str(goal), f"SDG {goal}") for goal in range(1, 18)],
    }


def packs_for(university_id: int) -> list[Pack]:
    return list(packs_in_use(university_id))


def pack_of(university_id: int, code: str | None) -> Pack | None:
    if not code:
        return None
    return Pack.objects.available_to([university_id]).filter(code=code).first()


def red_rows(university_id: int, year: int, limit: int = 5) -> list[Row]:
    """The indicators behind target in the year (for the office's home panel)."""
    indicators = list(active_indicators(university_id))
    rows = dashboard_rows(indicators, university_id=university_id, year=year, trend_length=1)
    return [row for row in rows if row.status == "red"][:limit]


# --- One indicator ---------------------------------------------------------------------------


def readable_indicator(viewer: Viewer, user, public_id) -> Indicator | None:
    """The indicator if the viewer may read it (shipped, or their university's own)."""
    indicator = Indicator.objects.filter(public_id=public_id).first()
    if indicator is None or not user.has_perm("indicators.view_indicator", indicator):
        return None
    return indicator


def formula_parts(indicator: Indicator) -> dict:
    """The measures of a computed indicator and the multiplier, for "formula in words"."""
    numerator = compute.measure_of(indicator, compute.NUMERATOR)
    denominator = compute.measure_of(indicator, compute.DENOMINATOR)
    return {
        "numerator": numerator,
        "denominator": denominator,
        "scale": indicator.scale if indicator.scale != 1 else None,
        "numerator_filters": indicator.measure_filters or {},
        "denominator_filters": indicator.denominator_filters or {},
    }


def history(
    indicator: Indicator, *, university_id: int, year: int, unit=None, length=HISTORY_LENGTH
) -> list[Value]:
    last = compute.period_in_year(indicator, year)
    periods = [last.shifted(-step) for step in range(length - 1, -1, -1)]
    return compute.trend(indicator, university_id=university_id, periods=periods, unit=unit)


def light_label(status: str) -> str:
    return str(TrafficLight(status).label)


@dataclass
class UnitValue:
    unit: Unit
    value: Value
    shown: str

    @property
    def target_shown(self) -> str:
        return format_value(self.value.target, self.value.indicator.unit)

    @property
    def status_label(self) -> str:
        return light_label(self.value.status)


def unit_values(
    indicators: Sequence[Indicator], *, university_id: int, year: int, units: Sequence[Unit]
) -> dict[int, list[UnitValue]]:
    """indicator pk -> its value in each unit; one evaluation per unit."""
    found: dict[int, list[UnitValue]] = {i.pk: [] for i in indicators}
    for unit in units:
        values = compute.evaluate(
            indicators,
            university_id=university_id,
            period_for=lambda i: compute.period_in_year(i, year),
            unit=unit,
        )
        for value in values:
            found[value.indicator.pk].append(
                UnitValue(unit, value, format_value(value.value, value.indicator.unit))
            )
    return found


def unit_values_at(
    indicator: Indicator, *, university_id: int, period: Period, units: Sequence[Unit]
) -> list[UnitValue]:
    """One indicator's value in each unit for a given period of its type."""
    found = []
    for unit in units:
        value = compute.evaluate_one(
            indicator, university_id=university_id, period=period, unit=unit
        )
        found.append(UnitValue(unit, value, format_value(value.value, indicator.unit)))
    return found


def sort_unit_values(values: list[UnitValue], order: str) -> list[UnitValue]:
    """By name, or by value (highest first; "no data" last) for "value" / "-value"."""
    if order in ("value", "-value"):
        known = [v for v in values if v.value.value is not None]
        unknown = [v for v in values if v.value.value is None]
        known.sort(key=lambda v: v.value.value, reverse=order == "-value")
        return known + unknown
    return sorted(values, key=lambda v: str(v.unit.name).lower(), reverse=order == "-name")


@dataclass
class Provenance:
    part: str
    measure: Measure
    records: QuerySet
    number: Decimal | None

    @property
    def is_distinct(self) -> bool:
        return self.measure.how == DISTINCT

    @property
    def is_sum(self) -> bool:
        return self.measure.how == SUM


def first_of_each(part: Provenance) -> set[int]:
    """For a distinct count, the records (pks) that count: the first of each counted value
    in the list's order, so the 1s of the whole list add up to the number."""
    seen: set = set()
    first: set[int] = set()
    field_name = part.measure.counted_field
    for pk, counted in part.records.values_list("pk", field_name):
        if counted is not None and counted not in seen:
            seen.add(counted)
            first.add(pk)
    return first


def counted_text(part: Provenance, record, first: set[int] | None) -> str:
    """What a listed record adds to the number: 1, its summed amount, or nothing when the
    person or organisation it counts is counted on an earlier row."""
    if part.is_sum:
        amount = part.measure.counted_value(record)
        return formats.number_format(amount or 0, use_l10n=True, force_grouping=True)
    if first is not None and record.pk not in first:
        return _("counted above")
    return "1"


def provenance_of(
    indicator: Indicator, *, university_id: int, period: Period, unit=None, value: Value
) -> list[Provenance]:
    """The records behind a computed value's numerator and (for a share) denominator."""
    if indicator.method != Method.COMPUTED:
        return []
    parts = [(compute.NUMERATOR, value.numerator)]
    if indicator.denominator:
        parts.append((compute.DENOMINATOR, value.denominator))
    found = []
    for part, number in parts:
        result = compute.provenance(
            indicator, university_id=university_id, period=period, unit=unit, part=part
        )
        if result is not None:
            measure, records = result
            found.append(Provenance(part, measure, records, number))
    return found


def period_for_key(indicator: Indicator, key: str | None, year: int) -> Period:
    """?period=<key> of the indicator's type, else the period standing for the year."""
    if key:
        try:
            return parse_period(indicator.period_type, key)
        except ValueError:
            pass
    return compute.period_in_year(indicator, year)


def targets_of(indicator: Indicator, university_id: int) -> QuerySet[Target]:
    return (
        Target.objects.filter(university_id=university_id, indicator=indicator)
        .select_related("unit")
        .order_by("-period", "unit__name")
    )


# --- Snapshots -------------------------------------------------------------------------------


def snapshots_of(university_id: int) -> QuerySet[Snapshot]:
    return (
        Snapshot.objects.filter(university_id=university_id)
        .select_related("unit", "taken_by")
        .order_by("-created_at", "pk")
    )


def readable_snapshot(user, public_id) -> Snapshot | None:
    """Within the request's tenant scope, so another university's snapshot is not found."""
    try:
        snapshot = (
            Snapshot.objects.select_related("university", "unit", "taken_by")
            .filter(public_id=public_id)
            .first()
        )
    except (ValueError, TypeError):
        return None
    if snapshot is None or not user.has_perm("indicators.view_snapshot", snapshot):
        return None
    return snapshot


@dataclass
class Comparison:
    frozen: SnapshotValue
    live: Value
    frozen_shown: str
    live_shown: str
    change: Decimal | None
    change_shown: str
    changed: bool


def snapshot_comparison(snapshot: Snapshot) -> list[Comparison]:
    """Each frozen value beside today's value of the same period; a change marked with its
    size (or when one side has no value)."""
    frozen = list(
        SnapshotValue.objects.filter(snapshot=snapshot)
        .select_related("indicator")
        .order_by("indicator__code")
    )
    periods = {}
    for row in frozen:
        try:
            periods[row.indicator_id] = parse_period(row.indicator.period_type, row.period)
        except ValueError:
            periods[row.indicator_id] = compute.period_in_year(
                row.indicator, int(snapshot.period[:4])
            )
    live = compute.evaluate(
        [row.indicator for row in frozen],
        university_id=snapshot.university_id,
        period_for=lambda i: periods[i.pk],
        unit=snapshot.unit,
    )
    result = []
    for row, value in zip(frozen, live, strict=True):
        unit = row.indicator.unit
        frozen_value = row.value
        live_value = value.value
        change = None
        changed = False
        if frozen_value is not None and live_value is not None:
            change = compute.round_value(Decimal(live_value)) - compute.round_value(frozen_value)
            changed = change != 0
        else:
            changed = (frozen_value is None) != (live_value is None)
        result.append(
            Comparison(
                frozen=row,
                live=value,
                frozen_shown=format_value(frozen_value, unit),
                live_shown=format_value(live_value, unit),
                change=change,
                change_shown=format_change(change, unit) if change else "",
                changed=changed,
            )
        )
    # What has changed since the report comes first: that is what a reader checks.
    return sorted(result, key=lambda row: not row.changed)


def snapshot_period_type() -> str:
    return PeriodType.ACADEMIC_YEAR
