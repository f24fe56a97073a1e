"""What a person did for the third mission, gathered from the apps that hold the records.

The staff roll-up (in `staff`) shows each person's project work, council seats, volunteering
supervision, research and media appearances without anyone typing them twice. `staff` sits
beside or above those apps in the import order and must not reach into their models, so each
app registers a source here and the roll-up reads every source.

A source is called with a university, the people asked about and a period, and answers in a
fixed number of queries however many people are asked about.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Contribution:
    """One thing a person did: a project they worked on, a council seat, an interview."""

    person_id: int
    source: str
    on: date
    title: str
    url: str = ""
    role: str | Promise = ""
    # Hours recorded with the record itself (a project participant's hours), if any.
    hours: Decimal | None = None
    # A finer kind within the source (a project's kind), for catalogue functions that count
    # only some of a source's records.
    category: str = ""


@dataclass(frozen=True)
class ContributionSource:
    key: str
    label: str | Promise
    # (university_id, person_ids, starts_on, ends_on) -> contributions within the period.
    contributions: Callable[[int, list[int], date, date], list[Contribution]]
    # The finer kinds (value, label) the source's contributions may carry.
    categories: Callable[[], list[tuple[str, Any]]] | None = None
    order: int = 100


_sources: dict[str, ContributionSource] = {}


def register_contribution_source(source: ContributionSource) -> None:
    _sources[source.key] = source


def contribution_sources() -> list[ContributionSource]:
    return sorted(_sources.values(), key=lambda s: (s.order, s.key))


def contribution_source(key: str) -> ContributionSource | None:
    return _sources.get(key)


def contributions_of(
    university_id: int, person_ids: Iterable[int], starts_on: date, ends_on: date
) -> list[Contribution]:
    """Every registered source's contributions of these people in the period, by date."""
    ids = sorted(set(person_ids))
    if not ids:
        return []
    found: list[Contribution] = []
    for source in contribution_sources():
        found.extend(source.contributions(university_id, ids, starts_on, ends_on))
    return sorted(found, key=lambda c: (c.on, c.source, c.title))
