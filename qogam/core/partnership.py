"""What each app knows about a partner organisation, for the partnership view.

`partners` sits low in the import order, so it cannot ask projects or volunteering what they
do with a partner. Each of those apps registers a source here; the partnership view reads them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Activity:
    """One thing done with a partner: an agreement, a project, a council meeting."""

    on: date
    title: str
    url: str
    kind: str | Promise


@dataclass(frozen=True)
class ActivitySource:
    key: str
    label: str | Promise
    # Given the organisation and the viewer, the activities the viewer may see, newest first.
    activities: Callable[[Any, Any], list[Activity]]
    order: int = 100


_sources: dict[str, ActivitySource] = {}


def register_activity_source(source: ActivitySource) -> None:
    _sources[source.key] = source


def activity_sources() -> list[ActivitySource]:
    return sorted(_sources.values(), key=lambda s: (s.order, s.key))
