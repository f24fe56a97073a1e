"""Registers the indicators' look-up of codes that lower apps cite (strategy measures)."""

from collections.abc import Iterable

from qogam.core.indicator_codes import IndicatorRef, register_indicator_lookup
from qogam.indicators.models import Indicator


def _lookup(codes: Iterable[str], university_id: int | None) -> dict[str, IndicatorRef]:
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    available = Indicator.objects.available_to([university_id] if university_id else [])
    return {
        indicator.code: IndicatorRef(indicator.code, indicator.name, indicator.get_absolute_url())
        for indicator in available.filter(code__in=wanted).order_by("code")
    }


register_indicator_lookup(_lookup)
