"""What higher apps know about a lower app's record, for that record's page.

A need's page shows the projects that answer it and their updates on its timeline; a
project's page shows its media coverage. `needs` sits below `projects` in the import order,
so it cannot ask; each higher app registers a source here for the model it knows about
(by label, "needs.need"), and the lower app's page reads every source registered for it.

Sources are called with the record and the reader's Viewer, inside the request's language,
and return only what that reader may see.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class RelatedRecord:
    """A record linked to the page's record: a project answering a need, a press article."""

    title: str
    url: str
    kind: str | Promise = ""
    status: str | Promise = ""
    on: date | None = None
    # The language `title` is written in, when it is not the reader's (a visible fallback).
    language: str = ""
    detail: str = ""


@dataclass(frozen=True)
class Picture:
    url: str
    alt: str


@dataclass(frozen=True)
class TimelineEntry:
    """A dated step that another app adds to the record's timeline (a project's update)."""

    at: datetime
    kind: str | Promise
    title: str
    body: str = ""
    url: str = ""
    language: str = ""
    pictures: tuple[Picture, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class RelatedSource:
    key: str
    label: str | Promise
    # Given the record and the viewer: the linked records the viewer may see.
    records: Callable[[Any, Any], list[RelatedRecord]] | None = None
    # Given the record and the viewer: timeline entries the viewer may see.
    timeline: Callable[[Any, Any], list[TimelineEntry]] | None = None
    order: int = 100
    # Given the record and the person: where to add one (a press article about a project),
    # or None when they may not. The section shows with the link even while it is empty.
    add_url: Callable[[Any, Any], str | None] | None = None
    add_label: str | Promise = ""


@dataclass(frozen=True)
class Section:
    source: RelatedSource
    items: list[RelatedRecord]
    add_url: str | None = None


_sources: dict[str, dict[str, RelatedSource]] = {}


def register_related_source(model_label: str, source: RelatedSource) -> None:
    """Register `source` for records of `model_label` ("needs.need", "projects.project")."""
    _sources.setdefault(model_label.lower(), {})[source.key] = source


def related_sources(model_label: str) -> list[RelatedSource]:
    found = _sources.get(model_label.lower(), {})
    return sorted(found.values(), key=lambda s: (s.order, s.key))


def related_sections(record: Any, viewer: Any, user: Any = None) -> list[Section]:
    """Each source's linked records for `record`; sources with nothing to show are left out.

    With `user`, a source's "add" link is offered to those it allows, even on an empty section.
    """
    sections = []
    for source in related_sources(record._meta.label_lower):
        if source.records is None:
            continue
        items = source.records(record, viewer)
        add_url = source.add_url(record, user) if source.add_url and user is not None else None
        if items or add_url:
            sections.append(Section(source, items, add_url))
    return sections


def related_timeline(record: Any, viewer: Any) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for source in related_sources(record._meta.label_lower):
        if source.timeline is not None:
            entries.extend(source.timeline(record, viewer))
    return entries
