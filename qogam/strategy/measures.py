"""Measures of strategy plans that indicators count (see qogam.core.measures).

The network's template strategies are models to copy, not plans anyone carries out, so their
measures never count; a university's copy of a template counts like any of its plans.
"""

from django.db.models import F, Q, QuerySet
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from qogam.core.enums import Component
from qogam.core.i18n import translated
from qogam.core.measures import (
    Measure,
    MeasureScope,
    ProvenanceRow,
    list_matches,
    register_measure,
    sdg_choices,
)
from qogam.organisations.queries import counted_units
from qogam.strategy.enums import MeasureStatus
from qogam.strategy.models import Measure as StrategyMeasure


def _components():
    return Component.choices


def _plans(scope: MeasureScope) -> QuerySet[StrategyMeasure]:
    qs = StrategyMeasure.objects.filter(
        university_id=scope.university_id, strategy__is_template=False
    )
    units = counted_units(scope)
    if units is not None:
        # The unit responsible for the measure, or the unit whose plan it is in.
        ids = sorted(units)
        qs = qs.filter(Q(owner_unit_id__in=ids) | Q(strategy__unit_id__in=ids))
    if scope.values("component"):
        names = sorted({v for v in scope.values("component") if v in Component.values})
        if not names:
            return qs.none()
        qs = list_matches(qs, "components", "(" + "|".join(f'"{n}"' for n in names) + ")")
    if scope.values("sdg"):
        goals = sorted({int(v) for v in scope.values("sdg") if str(v).isdigit()})
        if not goals:
            return qs.none()
        pattern = r"(^|[^0-9])(" + "|".join(str(g) for g in goals) + r")([^0-9]|$)"
        qs = list_matches(qs, "sdgs", pattern)
    return qs


def _due(scope: MeasureScope) -> QuerySet[StrategyMeasure]:
    return _plans(scope).filter(due_on__gte=scope.starts_on, due_on__lte=scope.ends_on)


def _done_on_time(scope: MeasureScope) -> QuerySet[StrategyMeasure]:
    return _due(scope).filter(status=MeasureStatus.DONE, done_on__lte=F("due_on"))


def _with_indicators(scope: MeasureScope) -> QuerySet[StrategyMeasure]:
    current = _plans(scope).filter(
        strategy__starts_on__lte=scope.ends_on, strategy__ends_on__gte=scope.starts_on
    )
    # Any character but brackets and blanks in the list's text is a code: the list is not empty.
    return list_matches(current, "indicator_codes", r"[^\[\]\s]")


def _row(measure: StrategyMeasure) -> ProvenanceRow:
    return ProvenanceRow(
        title=f"{measure.number}. {translated(measure, 'title').text}",
        url=measure.get_absolute_url(),
        on=measure.due_on,
        detail="{} · {}".format(translated(measure.strategy, "title").text, _status(measure)),
    )


def _status(measure: StrategyMeasure) -> str:
    if measure.status == MeasureStatus.DONE and measure.done_on:
        return str(
            _("%(status)s on %(day)s")
            % {
                "status": measure.get_status_display(),
                "day": formats.date_format(measure.done_on, "SHORT_DATE_FORMAT"),
            }
        )
    return str(measure.get_status_display())


def _indicators_row(measure: StrategyMeasure) -> ProvenanceRow:
    row = _row(measure)
    return ProvenanceRow(
        title=row.title,
        url=row.url,
        on=row.on,
        detail="{} · {}".format(row.detail, ", ".join(measure.indicator_codes)),
    )


FILTERS = {"unit": None, "component": _components, "sdg": sdg_choices}
RELATED = ("goal__direction", "strategy")

register_measure(
    Measure(
        key="strategy.measures_due",
        label=_("strategy measures due"),
        description=_(
            "Measures of the university's strategies and unit plans (not the network's "
            "templates) whose due date falls within the period, whatever their status."
        ),
        records=_due,
        row=_row,
        filters=FILTERS,
        counts="measures",
        related=RELATED,
        order=800,
    )
)

register_measure(
    Measure(
        key="strategy.measures_done_on_time",
        label=_("strategy measures done on time"),
        description=_(
            "Measures of the university's strategies and unit plans due within the period "
            "(by their due date) that are done, with a done date on or before the due date."
        ),
        records=_done_on_time,
        row=_row,
        filters=FILTERS,
        counts="measures",
        related=RELATED,
        order=801,
    )
)

register_measure(
    Measure(
        key="strategy.measures_with_indicators",
        label=_("strategy measures with indicators"),
        description=_(
            "Measures of the university's strategies and unit plans whose period overlaps "
            "the period, that name at least one indicator to show their progress."
        ),
        records=_with_indicators,
        row=_indicators_row,
        filters=FILTERS,
        counts="measures",
        related=RELATED,
        order=802,
    )
)
