"""The indicator rows of the annual report: live values as the dashboard computes them, or
a snapshot's frozen ones, grouped by the university's packs in use."""

from collections.abc import Sequence

from django.utils.translation import gettext as _

from qogam.indicators import compute
from qogam.indicators.compute import Value
from qogam.indicators.enums import Method
from qogam.indicators.models import Indicator, PackEntry, Snapshot, SnapshotValue
from qogam.indicators.periods import Period, parse_period
from qogam.indicators.queries import packs_in_use
from qogam.indicators.queries_dashboard import format_value, light_label
from qogam.reports.annual.structures import Content, IndicatorRow, PackGroup, content


def indicator_period(indicator: Indicator, period: Period) -> Period:
    """The indicator's own period for the report: the report's when the types agree, else
    the one the dashboard shows for the report's year (compute.period_in_year)."""
    if indicator.period_type == period.type:
        return period
    return compute.period_in_year(indicator, period.year)


def live_values(indicators: Sequence[Indicator], *, university_id, period, unit) -> list[Value]:
    return compute.evaluate(
        indicators,
        university_id=university_id,
        period_for=lambda i: indicator_period(i, period),
        unit=unit,
    )


def frozen_values(snapshot: Snapshot) -> list[Value]:
    """The snapshot's values as compute.Value, so status and formatting follow one rule."""
    values = []
    rows = SnapshotValue.objects.filter(snapshot=snapshot).select_related("indicator")
    for row in rows.order_by("indicator__code"):
        try:
            period = parse_period(row.indicator.period_type, row.period)
        except ValueError:
            period = compute.period_in_year(row.indicator, int(snapshot.period[:4]))
        values.append(
            Value(
                row.indicator,
                period,
                row.value,
                numerator=row.numerator,
                denominator=row.denominator,
                target=row.target,
                note="" if row.value is not None else _("No value was frozen for this period."),
            )
        )
    return values


def provenance_count(value: Value, *, university_id: int, unit_ids) -> int | None:
    """How many records stand behind a computed value's numerator (one COUNT)."""
    if value.indicator.method != Method.COMPUTED:
        return None
    found = compute.provenance(
        value.indicator, university_id=university_id, period=value.period, unit=unit_ids
    )
    return None if found is None else found[1].order_by().count()


def indicator_rows(
    values: Sequence[Value], *, university_id: int, language: str, unit_ids, counted: bool
) -> tuple[list[PackGroup], list[IndicatorRow]]:
    """Values grouped by the university's packs in use (in each pack's order) and, after
    them, the indicators in no pack in use."""
    by_indicator = {value.indicator.pk: value for value in values}
    packs = list(packs_in_use(university_id))
    entries = (
        PackEntry.objects.filter(pack__in=packs, indicator_id__in=list(by_indicator))
        .order_by("order", "indicator__code")
        .values_list("pack_id", "indicator_id", "section")
    )
    placed: dict[int, list[tuple[int, str]]] = {}
    for pack_id, indicator_id, section in entries:
        placed.setdefault(pack_id, []).append((indicator_id, section))
    counts: dict[int, int | None] = {}

    def row(value: Value, pack: str, section: str) -> IndicatorRow:
        pk = value.indicator.pk
        if pk not in counts:
            counts[pk] = (
                provenance_count(value, university_id=university_id, unit_ids=unit_ids)
                if counted
                else None
            )
        unit = value.indicator.unit
        return IndicatorRow(
            pack=pack,
            section=section,
            indicator=value.indicator,
            name=content(value.indicator, "name", language),
            value=value,
            shown=format_value(value.value, unit) or _("no data"),
            target_shown=format_value(value.target, unit) or "—",
            status=value.status,
            status_label=light_label(value.status),
            provenance=counts[pk],
        )

    groups: list[PackGroup] = []
    rows: list[IndicatorRow] = []
    seen: set[int] = set()
    for pack in packs:
        title = content(pack, "name", language)
        pack_rows = [
            row(by_indicator[pk], title.plain, pack.section_title(section, language))
            for pk, section in placed.get(pack.pk, [])
        ]
        if pack_rows:
            groups.append(PackGroup(title, pack_rows))
            rows += pack_rows
            seen |= {r.indicator.pk for r in pack_rows}
    rest = [row(v, "", "") for v in values if v.indicator.pk not in seen]
    if rest:
        groups.append(PackGroup(Content(_("Indicators in no pack"), language, False), rest))
        rows += rest
    return groups, rows
