"""Indicator codes cited by lower apps (a strategy measure's "VOL-01"), resolved by the app
that defines indicators.

`strategy` sits below `indicators` in the import order, so it stores codes as text; the
indicators app registers a look-up here that says which codes exist for a university and
where each indicator's page is. Without a registered look-up every code is accepted as typed.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class IndicatorRef:
    code: str
    name: str
    url: str


# (codes, university_id) -> {code: IndicatorRef} for the codes that exist.
Lookup = Callable[[Iterable[str], int | None], dict[str, IndicatorRef]]
_lookup: list[Lookup] = []


def register_indicator_lookup(lookup: Lookup) -> None:
    _lookup[:] = [lookup]


def resolve_indicator_codes(
    codes: Iterable[str], university_id: int | None
) -> dict[str, IndicatorRef]:
    """The known indicators among the codes; every code when no look-up is registered."""
    codes = [code for code in codes if code]
    if not _lookup:
        return {code: IndicatorRef(code, "", "") for code in codes}
    return _lookup[0](codes, university_id)


def unknown_indicator_codes(codes: Iterable[str], university_id: int | None) -> list[str]:
    codes = [code for code in codes if code]
    known = resolve_indicator_codes(codes, university_id)
    return [code for code in codes if code not in known]
