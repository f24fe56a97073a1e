"""Media coverage on the pages of the records it is about (projects, needs, studies, councils)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qogam.core.related import RelatedRecord, RelatedSource, register_related_source
from qogam.coverage import queries
from qogam.coverage.enums import SubjectKind

# At most this many pieces on a record's page; the coverage list has them all.
SHOWN = 20


def _records(record, viewer) -> list[RelatedRecord]:
    pieces = queries.coverage_of(record, viewer).order_by("-published_on", "-pk")[:SHOWN]
    return [
        RelatedRecord(
            title=piece.title,
            url=piece.get_absolute_url(),
            kind=piece.get_kind_display(),
            status=piece.outlet,
            on=piece.published_on,
            language=piece.language if piece.language in {"kk", "ru", "en"} else "",
        )
        for piece in pieces
    ]


def _add_url(kind: str):
    def add_url(record, user) -> str | None:
        if user is None or not user.has_perm("coverage.record_coverage", record):
            return None
        return reverse(
            "coverage:create", kwargs={"subject_kind": kind, "public_id": record.public_id}
        )

    return add_url


for _kind, _label in [
    (SubjectKind.PROJECT, "projects.project"),
    (SubjectKind.NEED, "needs.need"),
    (SubjectKind.STUDY, "research.study"),
    (SubjectKind.COUNCIL, "councils.council"),
]:
    register_related_source(
        _label,
        RelatedSource(
            key="coverage",
            label=_("In the media"),
            records=_records,
            order=90,
            add_url=_add_url(_kind),
            add_label=_("Record media coverage"),
        ),
    )
