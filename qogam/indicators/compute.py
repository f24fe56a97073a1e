"""The value of an indicator for a university (or unit) and period, and the records behind it.

Computed indicators ask the measures the domain apps register (qogam.core.measures): each
value is one or two database aggregates. Entered values count once the office approved them;
evidence items score existence + evidence + public evidence (0–3), as THE Impact Rankings
score them; self-assessment indicators read the agreed assessment of the year.

Pages evaluate many indicators at once, so `evaluate` reads targets, entered values and
assessments for all of them in a fixed number of queries besides the measures' aggregates.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from qogam.core.measures import Measure, MeasureScope
from qogam.core.measures import measure as registered_measure
from qogam.core.tenancy import university_scope
from qogam.indicators.enums import (
    AssessmentStatus,
    Direction,
    Method,
    PeriodType,
    TrafficLight,
    ValueStatus,
)
from qogam.indicators.models import (
    Indicator,
    ManualValue,
    SelfAssessment,
    Target,
    ValueEvidence,
)
from qogam.indicators.periods import Period, period_of
from qogam.organisations.queries import units_beneath

# How close to the target counts as "close" (amber) rather than "behind" (red).
AMBER_SHARE = Decimal("0.9")
NUMERATOR = "numerator"
DENOMINATOR = "denominator"


@dataclass
class Value:
    indicator: Indicator
    period: Period
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    target: Decimal | None = None
    # Why there is no value ("no data"), in the reader's language.
    note: str = ""
    entry: ManualValue | None = None
    assessment: SelfAssessment | None = None

    @property
    def has_value(self) -> bool:
        return self.value is not None

    @property
    def status(self) -> str:
        return traffic_light(self.indicator.direction, self.value, self.target)

    @property
    def rounded(self) -> Decimal | None:
        return None if self.value is None else round_value(self.value)


def round_value(value: Decimal, places: int = 1) -> Decimal:
    quantum = Decimal(1).scaleb(-places)
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def traffic_light(direction: str, value: Decimal | None, target: Decimal | None) -> str:
    """Green on target, amber within a tenth of it, red further behind; none without both."""
    if value is None or target is None or direction == Direction.NONE:
        return TrafficLight.NONE
    if direction == Direction.LOWER:
        if value <= target:
            return TrafficLight.GREEN
        return TrafficLight.AMBER if value * AMBER_SHARE <= target else TrafficLight.RED
    if value >= target:
        return TrafficLight.GREEN
    return TrafficLight.AMBER if value >= target * AMBER_SHARE else TrafficLight.RED


def period_in_year(indicator: Indicator, year: int, today: date | None = None) -> Period:
    """The period of the indicator's own type that stands for a reporting year: the academic
    year starting in it, the calendar year, or its latest quarter that has begun."""
    if indicator.period_type == PeriodType.ACADEMIC_YEAR:
        return Period(PeriodType.ACADEMIC_YEAR, year)
    if indicator.period_type == PeriodType.QUARTER:
        current = period_of(PeriodType.QUARTER, today or timezone.localdate())
        return current if current.year == year else Period(PeriodType.QUARTER, year, 4)
    return Period(PeriodType.CALENDAR_YEAR, year)


def unit_ids_of(unit) -> frozenset[int] | None:
    """A unit and every unit beneath it; None (the whole university) without a unit."""
    if unit is None:
        return None
    unit_id = getattr(unit, "pk", unit)
    return frozenset({unit_id, *units_beneath([unit_id])})


def scope_for(
    indicator: Indicator,
    *,
    university_id: int,
    period: Period,
    unit=None,
    part: str = NUMERATOR,
) -> MeasureScope:
    filters = indicator.measure_filters if part == NUMERATOR else indicator.denominator_filters
    return MeasureScope(
        university_id=university_id,
        starts_on=period.starts_on,
        ends_on=period.ends_on,
        # A page evaluating many indicators resolves the unit tree once (see evaluate).
        unit_ids=unit if isinstance(unit, frozenset) else unit_ids_of(unit),
        filters={key: tuple(str(v) for v in values) for key, values in (filters or {}).items()},
    )


def measure_of(indicator: Indicator, part: str = NUMERATOR) -> Measure | None:
    key = indicator.measure if part == NUMERATOR else indicator.denominator
    return registered_measure(key) if key else None


def provenance(
    indicator: Indicator,
    *,
    university_id: int,
    period: Period,
    unit=None,
    part: str = NUMERATOR,
) -> tuple[Measure, QuerySet] | None:
    """The measure and the records behind a computed indicator's numerator or denominator."""
    found = measure_of(indicator, part)
    if found is None:
        return None
    scope = scope_for(indicator, university_id=university_id, period=period, unit=unit, part=part)
    return found, found.provenance(scope)


def _computed(indicator: Indicator, university_id: int, period: Period, unit) -> Value:
    numerator_measure = measure_of(indicator, NUMERATOR)
    if numerator_measure is None:
        return Value(
            indicator,
            period,
            None,
            note=_("The measure “%(key)s” is not available.") % {"key": indicator.measure},
        )
    numerator = numerator_measure.value(
        scope_for(indicator, university_id=university_id, period=period, unit=unit)
    )
    if not indicator.denominator:
        return Value(indicator, period, numerator * indicator.scale, numerator=numerator)
    denominator_measure = measure_of(indicator, DENOMINATOR)
    if denominator_measure is None:
        return Value(
            indicator,
            period,
            None,
            numerator=numerator,
            note=_("The measure “%(key)s” is not available.") % {"key": indicator.denominator},
        )
    denominator = denominator_measure.value(
        scope_for(
            indicator, university_id=university_id, period=period, unit=unit, part=DENOMINATOR
        )
    )
    if not denominator:
        # A share of nothing is not 0 %: say there is no data.
        return Value(
            indicator,
            period,
            None,
            numerator=numerator,
            denominator=denominator,
            note=_("No data: the denominator is zero in this period."),
        )
    return Value(
        indicator,
        period,
        numerator / denominator * indicator.scale,
        numerator=numerator,
        denominator=denominator,
    )


def evidence_score(indicator: Indicator, entry: ManualValue, evidence: Sequence) -> Decimal:
    """Existence (up to 1) + evidence given (1) + evidence anyone can open (1)."""
    existence = Decimal(0)
    options = {str(option.get("key")): option for option in indicator.options or []}
    if indicator.answer_kind == "yes_no":
        existence = Decimal(1) if entry.answer == "yes" else Decimal(0)
    elif indicator.answer_kind == "level":
        chosen = options.get(entry.answer)
        existence = Decimal(str(chosen.get("points", 1))) if chosen else Decimal(0)
    elif options:
        default = Decimal(1) / len(options)
        ticked = [options[key] for key in entry.options or [] if key in options]
        existence = sum(
            (Decimal(str(option.get("points", default))) for option in ticked), Decimal(0)
        )
    existence = min(existence, Decimal(1))
    if existence == 0:
        return Decimal(0)
    given = Decimal(1) if evidence else Decimal(0)
    public = Decimal(1) if any(item.is_public and item.url for item in evidence) else Decimal(0)
    return existence + given + public


def _entries(
    indicators: Sequence[Indicator], university_id: int, periods: dict[int, Period], unit_id
) -> dict[int, ManualValue]:
    wanted = [i for i in indicators if i.method in (Method.MANUAL, Method.EVIDENCE)]
    if not wanted:
        return {}
    rows = (
        ManualValue.objects.filter(
            university_id=university_id,
            indicator__in=wanted,
            unit_id=unit_id,
            period__in={periods[i.pk].key for i in wanted},
            status=ValueStatus.APPROVED,
        )
        .select_related("indicator")
        .prefetch_related(Prefetch("evidence", queryset=ValueEvidence.objects.order_by("pk")))
    )
    return {row.indicator_id: row for row in rows if row.period == periods[row.indicator_id].key}


def _assessments(
    indicators: Sequence[Indicator], university_id: int, periods: dict[int, Period], unit_id
) -> dict[tuple[str, str], SelfAssessment]:
    wanted = [i for i in indicators if i.method == Method.ASSESSMENT]
    if not wanted:
        return {}
    rows = SelfAssessment.objects.filter(
        university_id=university_id,
        rubric__in={i.rubric for i in wanted},
        period__in={periods[i.pk].key for i in wanted},
        unit_id=unit_id,
        status=AssessmentStatus.AGREED,
    ).prefetch_related("scores")
    return {(row.rubric, row.period): row for row in rows}


def _targets(
    indicators: Sequence[Indicator], university_id: int, periods: dict[int, Period], unit_id
) -> dict[tuple[int, str], Decimal]:
    rows = Target.objects.filter(
        university_id=university_id,
        indicator__in=list(indicators),
        unit_id=unit_id,
        period__in={p.key for p in periods.values()},
    ).values_list("indicator_id", "period", "value")
    return {(indicator_id, period): value for indicator_id, period, value in rows}


def evaluate(
    indicators: Iterable[Indicator],
    *,
    university_id: int,
    period_for: Callable[[Indicator], Period],
    unit=None,
) -> list[Value]:
    """Each indicator's value, target and the reason when there is none.

    The university's tenant scope is opened here: the caller decided whose figures may be
    read (the dashboard its staff, the portal published values), and a narrower request
    scope (an anonymous visitor's holds no university) would count nothing."""
    with university_scope(university_id):
        return _evaluate(
            list(indicators), university_id=university_id, period_for=period_for, unit=unit
        )


def _evaluate(
    indicators: list[Indicator],
    *,
    university_id: int,
    period_for: Callable[[Indicator], Period],
    unit=None,
) -> list[Value]:
    periods = {i.pk: period_for(i) for i in indicators}
    unit_id = getattr(unit, "pk", unit)
    units = unit_ids_of(unit)
    entries = _entries(indicators, university_id, periods, unit_id)
    assessments = _assessments(indicators, university_id, periods, unit_id)
    targets = _targets(indicators, university_id, periods, unit_id)
    values: list[Value] = []
    for indicator in indicators:
        period = periods[indicator.pk]
        if indicator.method == Method.COMPUTED:
            value = _computed(indicator, university_id, period, units)
        elif indicator.method in (Method.MANUAL, Method.EVIDENCE):
            entry = entries.get(indicator.pk)
            if entry is None:
                value = Value(indicator, period, None, note=_("No approved value for this period."))
            elif indicator.method == Method.EVIDENCE:
                score = evidence_score(indicator, entry, list(entry.evidence.all()))
                value = Value(indicator, period, score, entry=entry)
            else:
                value = Value(indicator, period, entry.value, entry=entry)
                if entry.value is None:
                    value.note = _("The approved entry has no number.")
        else:
            assessment = assessments.get((indicator.rubric, period.key))
            value = _assessed(indicator, period, assessment)
        value.target = targets.get((indicator.pk, period.key))
        values.append(value)
    return values


def _assessed(indicator: Indicator, period: Period, assessment) -> Value:
    if assessment is None:
        return Value(indicator, period, None, note=_("No agreed self-assessment for this year."))
    scores = [s.score for s in assessment.scores.all()]
    if indicator.rubric_item:
        scores = [s.score for s in assessment.scores.all() if s.item == indicator.rubric_item]
    if not scores:
        return Value(
            indicator,
            period,
            None,
            assessment=assessment,
            note=_("The self-assessment has no score here."),
        )
    mean = Decimal(sum(scores)) / len(scores)
    return Value(indicator, period, mean, assessment=assessment)


def evaluate_one(indicator: Indicator, *, university_id: int, period: Period, unit=None) -> Value:
    return evaluate(
        [indicator], university_id=university_id, period_for=lambda _i: period, unit=unit
    )[0]


def trend(
    indicator: Indicator, *, university_id: int, periods: Sequence[Period], unit=None
) -> list[Value]:
    """The indicator's value in each of the periods, oldest first."""
    return [
        evaluate_one(indicator, university_id=university_id, period=period, unit=unit)
        for period in periods
    ]
