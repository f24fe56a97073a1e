"""The media-coverage API: the same queries, rules and services as the pages."""

from datetime import date
from uuid import UUID

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.responses import Status

from qogam.core.api_auth import signed_in
from qogam.core.enums import Visibility
from qogam.coverage import queries, services
from qogam.coverage.enums import CoverageKind, PieceLanguage, SubjectKind
from qogam.coverage.models import Coverage

router = Router(tags=["coverage"])

# Lists answer at most this many records; `offset` pages on.
LIST_LIMIT = 200


class SubjectOut(Schema):
    kind: str
    id: UUID | None
    title: str


class CoverageOut(Schema):
    id: UUID
    university: str
    title: str
    outlet: str
    kind: str
    published_on: date
    language: str
    url: str
    reach: int | None
    summary: str
    has_file: bool
    about: SubjectOut
    visibility: str


class CoverageIn(Schema):
    about_kind: SubjectKind
    about_id: UUID
    title: str
    outlet: str
    kind: CoverageKind
    published_on: date
    language: PieceLanguage
    url: str
    reach: int | None = None
    summary: str = ""
    visibility: Visibility = Visibility.PUBLIC


def _out(coverage: Coverage, readable_keys: set[tuple[str, int]]) -> CoverageOut:
    subject = coverage.subject
    # The subject is named only to readers who may open it.
    kind = coverage.subject_kind
    readable = subject if (kind, getattr(subject, "pk", None)) in readable_keys else None
    return CoverageOut(
        id=coverage.public_id,
        university=coverage.university.slug,
        title=coverage.title,
        outlet=coverage.outlet,
        kind=coverage.kind,
        published_on=coverage.published_on,
        language=coverage.language,
        url=coverage.url,
        reach=coverage.reach,
        summary=coverage.summary,
        has_file=bool(coverage.file),
        about=SubjectOut(
            kind=coverage.subject_kind,
            id=readable.public_id if readable else None,
            title=queries.subject_title(readable).text if readable else "",
        ),
        visibility=coverage.visibility,
    )


@router.get("/coverage", response=list[CoverageOut])
def list_coverage(
    request,
    kind: CoverageKind | None = None,
    about: SubjectKind | None = None,
    since: date | None = None,
    until: date | None = None,
    search: str | None = None,
    university: str | None = None,
    offset: int = 0,
):
    qs = queries.filter_coverage(
        queries.coverage_visible_to(request.viewer),
        q=(search or "").strip(),
        kind=kind or "",
        subject=about or "",
        since=since,
        until=until,
    )
    if university:
        qs = qs.filter(university__slug=university)
    qs = qs.order_by("-published_on", "-pk")[max(offset, 0) : max(offset, 0) + LIST_LIMIT]
    pieces = list(qs)
    keys = queries.readable_subject_keys(pieces, request.viewer)
    return [_out(c, keys) for c in pieces]


@router.get("/coverage/{public_id}", response=CoverageOut)
def get_coverage(request, public_id: UUID):
    coverage = get_object_or_404(queries.coverage_visible_to(request.viewer), public_id=public_id)
    return _out(coverage, queries.readable_subject_keys([coverage], request.viewer))


@router.post("/coverage", response={201: CoverageOut}, auth=signed_in)
def create_coverage(request, payload: CoverageIn):
    subject = queries.readable_subject(payload.about_kind, payload.about_id, request.viewer)
    if subject is None:
        raise Http404
    values = payload.dict(exclude={"about_kind", "about_id"})
    coverage = services.record_coverage(actor=request.user, subject=subject, values=values)
    coverage = queries.coverage_visible_to(request.viewer).get(pk=coverage.pk)
    return Status(201, _out(coverage, queries.readable_subject_keys([coverage], request.viewer)))
