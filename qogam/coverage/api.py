"""The media-coverage API: the same queries, rules and services as the pages."""

from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.responses import Status

from qogam.accounts.models import User
from qogam.core.api_auth import signed_in
from qogam.core.enums import Visibility
from qogam.coverage import queries, services
from qogam.coverage.enums import CoverageKind, PieceLanguage, SubjectKind
from qogam.coverage.models import Coverage
from qogam.projects.queries import staff_of

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
    # The staff who appear in the piece, by their public id.
    people: list[UUID]
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
    people: list[UUID] = []
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
        people=[person.public_id for person in coverage.people.all()],
        visibility=coverage.visibility,
    )


def _people(public_ids: list[UUID], university_id: int) -> list[User]:
    """The university's staff named by public id. Anyone else is refused by id, never by
    name, so the API tells nobody who is behind an id of another university."""
    wanted = list(dict.fromkeys(public_ids))
    if not wanted:
        return []
    found = {u.public_id: u for u in staff_of([university_id]).filter(public_id__in=wanted)}
    unknown = [str(i) for i in wanted if i not in found]
    if unknown:
        raise ValidationError(
            {
                "people": _("Only staff of the university can be named as appearing: %(people)s.")
                % {"people": ", ".join(unknown)}
            },
            code="foreign_person",
        )
    return [found[i] for i in wanted]


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
    qs = qs.order_by("-published_on", "-pk").prefetch_related("people")
    qs = qs[max(offset, 0) : max(offset, 0) + LIST_LIMIT]
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
    values = payload.dict(exclude={"about_kind", "about_id", "people"})
    coverage = services.record_coverage(
        actor=request.user,
        subject=subject,
        values=values,
        people=_people(payload.people, subject.university_id),
    )
    coverage = queries.coverage_visible_to(request.viewer).get(pk=coverage.pk)
    return Status(201, _out(coverage, queries.readable_subject_keys([coverage], request.viewer)))
