"""The research API: studies and science-shop topics, with the same queries, rules and
services as the pages."""

from datetime import date, datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.responses import Status

from qogam.accounts.models import User
from qogam.core.api_auth import signed_in
from qogam.core.enums import Visibility
from qogam.core.i18n import translated
from qogam.core.measures import with_sdgs
from qogam.needs.queries import readable_needs
from qogam.organisations.models import Unit
from qogam.organisations.queries import universities_visible_to
from qogam.partners.models import PartnerOrganisation
from qogam.research import queries, services
from qogam.research.enums import QuestionKind, QuestionStatus, StudyStatus, Uptake

router = Router(tags=["research"])

# Lists answer at most this many records; `offset` pages on.
LIST_LIMIT = 100


class TranslatedOut(Schema):
    kk: str
    ru: str
    en: str
    display: str


def _texts(obj, field: str) -> TranslatedOut:
    return TranslatedOut(
        kk=getattr(obj, f"{field}_kk") or "",
        ru=getattr(obj, f"{field}_ru") or "",
        en=getattr(obj, f"{field}_en") or "",
        display=translated(obj, field).text,
    )


class StudyOut(Schema):
    id: UUID
    university: str
    title: TranslatedOut
    abstract: TranslatedOut
    status: str
    lead_unit: UUID
    partner: UUID | None
    sdgs: list[int]
    starts_on: date
    ends_on: date | None
    uptake: str
    uptake_note: TranslatedOut
    uptake_on: date | None
    external_authors: str
    visibility: str


class StudyIn(Schema):
    title_kk: str = ""
    title_ru: str = ""
    title_en: str = ""
    abstract_kk: str = ""
    abstract_ru: str = ""
    abstract_en: str = ""
    lead_unit: UUID
    units: list[UUID] = []
    authors: list[str] = []  # e-mail addresses of people of the university
    external_authors: str = ""
    partner: UUID | None = None
    needs: list[UUID] = []
    sdgs: list[int] = []
    starts_on: date
    ends_on: date | None = None
    status: StudyStatus = StudyStatus.PLANNED
    visibility: Visibility = Visibility.PRIVATE


class QuestionOut(Schema):
    id: UUID
    university: str
    need: UUID
    question: TranslatedOut
    kind: str
    status: str
    summary: TranslatedOut
    study: UUID | None
    completed_at: datetime | None
    visibility: str


def _study_out(s) -> StudyOut:
    return StudyOut(
        id=s.public_id,
        university=s.university.slug,
        title=_texts(s, "title"),
        abstract=_texts(s, "abstract"),
        status=s.status,
        lead_unit=s.lead_unit.public_id,
        partner=s.partner.public_id if s.partner_id else None,
        sdgs=s.sdgs or [],
        starts_on=s.starts_on,
        ends_on=s.ends_on,
        uptake=s.uptake,
        uptake_note=_texts(s, "uptake_note"),
        uptake_on=s.uptake_on,
        external_authors=s.external_authors,
        visibility=s.visibility,
    )


def _question_out(q) -> QuestionOut:
    return QuestionOut(
        id=q.public_id,
        university=q.university.slug,
        need=q.need.public_id,
        question=_texts(q, "question"),
        kind=q.kind,
        status=q.status,
        summary=_texts(q, "summary"),
        study=q.study.public_id if q.study_id else None,
        completed_at=q.completed_at,
        visibility=q.visibility,
    )


def _links(request, university_id: int, payload: StudyIn) -> dict:
    """The payload's ids, resolved within the study's university; an unknown one is refused."""
    units = Unit.objects.with_scopes_disabled().filter(university_id=university_id)
    lead = units.filter(public_id=payload.lead_unit).first()
    if lead is None:
        raise ValidationError({"lead_unit": [_("A unit was not found at this university.")]})
    others = list(units.filter(public_id__in=payload.units))
    if len(others) != len(set(payload.units)):
        raise ValidationError({"units": [_("A unit was not found at this university.")]})
    partner = None
    if payload.partner:
        partner = (
            PartnerOrganisation.objects.with_scopes_disabled()
            .filter(university_id=university_id, public_id=payload.partner)
            .first()
        )
        if partner is None:
            raise ValidationError({"partner": [_("The partner was not found at this university.")]})
    needs = list(readable_needs(request.viewer).filter(public_id__in=payload.needs))
    if len(needs) != len(set(payload.needs)):
        raise ValidationError({"needs": [_("A need was not found.")]})
    emails = [e.strip().lower() for e in payload.authors]
    authors = list(User.objects.filter(email__in=emails))
    if len(authors) != len(set(emails)):
        raise ValidationError({"authors": [_("An author's e-mail has no Qogam account.")]})
    values = payload.dict(exclude={"units", "authors", "needs", "partner", "lead_unit"})
    values |= {"lead_unit": lead, "partner": partner}
    return {"values": values, "units": others, "needs": needs, "authors": authors}


def _studies(request):
    return queries.studies_visible_to(request.viewer)


@router.get("/studies", response=list[StudyOut], url_name="list_studies")
def list_studies(
    request,
    status: StudyStatus | None = None,
    uptake: Uptake | None = None,
    partner: UUID | None = None,
    university: str | None = None,
    search: str | None = None,
    sdg: int | None = None,
    offset: int = 0,
    limit: int = LIST_LIMIT,
):
    qs = _studies(request)
    if sdg:
        qs = with_sdgs(qs, [sdg])
    if status:
        qs = qs.filter(status=status)
    if uptake:
        qs = qs.filter(uptake=uptake)
    if partner:
        qs = qs.filter(partner__public_id=partner)
    if university:
        qs = qs.filter(university__slug=university)
    if search:
        qs = qs.filter(queries.search_texts("title", search.strip()))
    start, size = max(offset, 0), min(max(limit, 1), LIST_LIMIT)
    return [_study_out(s) for s in qs.order_by("-starts_on", "pk")[start : start + size]]


@router.get("/studies/{public_id}", response=StudyOut, url_name="get_study")
def get_study(request, public_id: UUID):
    return _study_out(get_object_or_404(_studies(request), public_id=public_id))


@router.post(
    "/universities/{slug}/studies",
    response={201: StudyOut},
    auth=signed_in,
    url_name="create_study",
)
def create_study(request, slug: str, payload: StudyIn):
    university = get_object_or_404(universities_visible_to(request.viewer), slug=slug)
    links = _links(request, university.pk, payload)
    study = services.save_study(actor=request.user, university=university, **links)
    return Status(201, _study_out(_studies(request).get(pk=study.pk)))


@router.put("/studies/{public_id}", response=StudyOut, auth=signed_in, url_name="update_study")
def update_study(request, public_id: UUID, payload: StudyIn):
    study = get_object_or_404(_studies(request), public_id=public_id)
    links = _links(request, study.university_id, payload)
    services.save_study(actor=request.user, study=study, **links)
    return _study_out(_studies(request).get(pk=study.pk))


@router.get("/research-questions", response=list[QuestionOut], url_name="list_questions")
def list_questions(
    request,
    status: QuestionStatus | None = None,
    kind: QuestionKind | None = None,
    need: UUID | None = None,
    offset: int = 0,
    limit: int = LIST_LIMIT,
):
    qs = queries.questions_visible_to(request.viewer).select_related("study")
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if need:
        qs = qs.filter(need__public_id=need)
    start, size = max(offset, 0), min(max(limit, 1), LIST_LIMIT)
    return [_question_out(q) for q in qs.order_by("-created_at", "pk")[start : start + size]]


@router.get("/research-questions/{public_id}", response=QuestionOut, url_name="get_question")
def get_question(request, public_id: UUID):
    qs = queries.questions_visible_to(request.viewer).select_related("study")
    return _question_out(get_object_or_404(qs, public_id=public_id))
