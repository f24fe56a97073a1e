"""The projects API: the same queries, rules and services as the pages."""

from datetime import date
from decimal import Decimal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.responses import Status

from qogam.accounts.models import User
from qogam.core.api_auth import signed_in
from qogam.core.enums import Component, Visibility
from qogam.core.i18n import translated
from qogam.needs.queries import readable_needs
from qogam.organisations.queries import universities_visible_to
from qogam.partners.queries import organisations_visible_to
from qogam.projects import queries, services
from qogam.projects.enums import ParticipantRole, ProjectKind, ProjectStatus
from qogam.projects.models import Project

router = Router(tags=["projects"])

# Lists answer at most this many records; `offset` pages on.
LIST_LIMIT = 100


class TextsOut(Schema):
    kk: str
    ru: str
    en: str
    display: str


def _texts(obj, field: str) -> TextsOut:
    return TextsOut(
        kk=getattr(obj, f"{field}_kk") or "",
        ru=getattr(obj, f"{field}_ru") or "",
        en=getattr(obj, f"{field}_en") or "",
        display=translated(obj, field).text,
    )


class FundingRow(Schema):
    source: str
    amount: Decimal


class ProjectOut(Schema):
    id: UUID
    university: str
    kind: str
    title: TextsOut
    description: TextsOut
    components: list[str]
    lead_unit: UUID
    sdgs: list[int]
    district: str
    latitude: float | None
    longitude: float | None
    starts_on: date
    ends_on: date | None
    status: str
    budget: Decimal | None
    funding: list[FundingRow]
    beneficiaries: int | None
    beneficiary_groups: list[str]
    external_participants: int
    outputs: TextsOut
    outcomes: TextsOut
    visibility: str
    url: str


class ProjectPage(Schema):
    count: int
    offset: int
    limit: int
    items: list[ProjectOut]


class ProjectIn(Schema):
    kind: ProjectKind
    title_kk: str = ""
    title_ru: str = ""
    title_en: str = ""
    description_kk: str = ""
    description_ru: str = ""
    description_en: str = ""
    components: list[Component]
    lead_unit: UUID
    units: list[UUID] = []
    responsible: list[UUID] = []
    partners: list[UUID] = []
    needs: list[UUID] = []
    sdgs: list[int] = []
    district: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    starts_on: date
    ends_on: date | None = None
    status: ProjectStatus = ProjectStatus.PLANNED
    budget: Decimal | None = None
    funding: list[FundingRow] = []
    beneficiaries: int | None = None
    beneficiary_groups: list[str] = []
    external_participants: int = 0
    outputs_kk: str = ""
    outputs_ru: str = ""
    outputs_en: str = ""
    outcomes_kk: str = ""
    outcomes_ru: str = ""
    outcomes_en: str = ""
    visibility: Visibility = Visibility.PRIVATE


class ProjectPatch(Schema):
    """Only the fields given change."""

    kind: ProjectKind | None = None
    title_kk: str | None = None
    title_ru: str | None = None
    title_en: str | None = None
    description_kk: str | None = None
    description_ru: str | None = None
    description_en: str | None = None
    components: list[Component] | None = None
    lead_unit: UUID | None = None
    units: list[UUID] | None = None
    responsible: list[UUID] | None = None
    partners: list[UUID] | None = None
    needs: list[UUID] | None = None
    sdgs: list[int] | None = None
    district: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    status: ProjectStatus | None = None
    budget: Decimal | None = None
    funding: list[FundingRow] | None = None
    beneficiaries: int | None = None
    beneficiary_groups: list[str] | None = None
    external_participants: int | None = None
    outputs_kk: str | None = None
    outputs_ru: str | None = None
    outputs_en: str | None = None
    outcomes_kk: str | None = None
    outcomes_ru: str | None = None
    outcomes_en: str | None = None
    visibility: Visibility | None = None


class ParticipantOut(Schema):
    id: UUID
    person: UUID
    name: str
    role: str
    hours: Decimal


class ParticipantIn(Schema):
    person: UUID
    role: ParticipantRole = ParticipantRole.MEMBER
    hours: Decimal = Decimal(0)


class PhotoOut(Schema):
    url: str


class UpdateOut(Schema):
    id: UUID
    on: date
    title: TextsOut
    body: TextsOut
    photos: list[PhotoOut]


class UpdateIn(Schema):
    on: date
    title_kk: str = ""
    title_ru: str = ""
    title_en: str = ""
    body_kk: str = ""
    body_ru: str = ""
    body_en: str = ""


def _project_out(p: Project) -> ProjectOut:
    return ProjectOut(
        id=p.public_id,
        university=p.university.slug,
        kind=p.kind,
        title=_texts(p, "title"),
        description=_texts(p, "description"),
        components=p.components,
        lead_unit=p.lead_unit.public_id,
        sdgs=p.sdgs,
        district=p.district,
        latitude=float(p.latitude) if p.latitude is not None else None,
        longitude=float(p.longitude) if p.longitude is not None else None,
        starts_on=p.starts_on,
        ends_on=p.ends_on,
        status=p.status,
        budget=p.budget,
        funding=[
            FundingRow(source=r["source"], amount=Decimal(str(r["amount"]))) for r in p.funding
        ],
        beneficiaries=p.beneficiaries,
        beneficiary_groups=p.beneficiary_groups,
        external_participants=p.external_participants,
        outputs=_texts(p, "outputs"),
        outcomes=_texts(p, "outcomes"),
        visibility=p.visibility,
        url=p.get_absolute_url(),
    )


def _visible(request, public_id: UUID) -> Project:
    return get_object_or_404(queries.projects_visible_to(request.viewer), public_id=public_id)


def _relations(request, university, payload) -> dict:
    """The linked records named by public id, looked up at the project's university only."""
    found: dict = {}
    lookups = {
        "units": lambda ids: queries.units_of([university.pk]).filter(public_id__in=ids),
        "responsible": lambda ids: queries.staff_of([university.pk]).filter(public_id__in=ids),
        "partners": lambda ids: organisations_visible_to(request.viewer).filter(
            university=university, public_id__in=ids
        ),
        "needs": lambda ids: readable_needs(request.viewer).filter(
            university=university, public_id__in=ids
        ),
    }
    for name, lookup in lookups.items():
        ids = getattr(payload, name, None)
        if ids is None:
            continue
        records = list(lookup(ids))
        if len(records) != len(set(ids)):
            raise ValidationError({name: [_("A record was not found at this university.")]})
        found[name] = records
    return found


def _values(university, payload, *, partial: bool) -> dict:
    data = payload.dict(
        exclude_unset=partial, exclude={"units", "responsible", "partners", "needs"}
    )
    if "lead_unit" in data:
        unit = queries.units_of([university.pk]).filter(public_id=data["lead_unit"]).first()
        if unit is None:
            raise ValidationError({"lead_unit": [_("The unit was not found at this university.")]})
        data["lead_unit"] = unit
    if "funding" in data:
        data["funding"] = [
            {"source": r["source"], "amount": str(r["amount"])} for r in data["funding"] or []
        ]
    for name in ("components",):
        if name in data and data[name] is not None:
            data[name] = [str(getattr(c, "value", c)) for c in data[name]]
    for name in ("kind", "status", "visibility"):
        if name in data and data[name] is not None:
            data[name] = str(getattr(data[name], "value", data[name]))
    return data


@router.get("/projects", response=ProjectPage, url_name="list_projects")
def list_projects(
    request,
    search: str = "",
    kind: ProjectKind | None = None,
    status: ProjectStatus | None = None,
    component: Component | None = None,
    sdg: int | None = None,
    year: int | None = None,
    university: str = "",
    partner: UUID | None = None,
    offset: int = 0,
    limit: int = LIST_LIMIT,
):
    """Projects the caller may read, filtered like the list page; paged with offset/limit."""
    partner_record = None
    if partner:
        partner_record = organisations_visible_to(request.viewer).filter(public_id=partner).first()
        if partner_record is None:
            return ProjectPage(count=0, offset=offset, limit=limit, items=[])
    qs = queries.filter_projects(
        queries.projects_visible_to(request.viewer),
        q=search,
        kind=kind or "",
        status=status or "",
        component=component or "",
        sdg=sdg,
        year=year,
        university=university,
        partner=partner_record,
    )
    qs = queries.sorted_projects(qs, "newest")
    offset, limit = max(offset, 0), min(max(limit, 1), LIST_LIMIT)
    items = [_project_out(p) for p in qs[offset : offset + limit]]
    return ProjectPage(count=qs.count(), offset=offset, limit=limit, items=items)


@router.get("/projects/{public_id}", response=ProjectOut, url_name="get_project")
def get_project(request, public_id: UUID):
    return _project_out(_visible(request, public_id))


@router.post(
    "/universities/{slug}/projects",
    response={201: ProjectOut},
    auth=signed_in,
    url_name="create_project",
)
def create_project(request, slug: str, payload: ProjectIn):
    university = get_object_or_404(universities_visible_to(request.viewer), slug=slug)
    project = services.create_project(
        actor=request.user,
        university=university,
        values=_values(university, payload, partial=False),
        **_relations(request, university, payload),
    )
    return Status(201, _project_out(queries.projects_visible_to(request.viewer).get(pk=project.pk)))


@router.patch(
    "/projects/{public_id}", response=ProjectOut, auth=signed_in, url_name="update_project"
)
def update_project(request, public_id: UUID, payload: ProjectPatch):
    project = _visible(request, public_id)
    university = project.university
    project = services.update_project(
        actor=request.user,
        project=project,
        values=_values(university, payload, partial=True),
        **_relations(request, university, payload),
    )
    return _project_out(queries.projects_visible_to(request.viewer).get(pk=project.pk))


@router.get(
    "/projects/{public_id}/participants",
    response=list[ParticipantOut],
    auth=signed_in,
    url_name="list_project_participants",
)
def list_project_participants(request, public_id: UUID):
    project = _visible(request, public_id)
    # Who took part is personal data: the university's staff only.
    if not request.user.has_perm("projects.view_participants", project):
        return []
    return [
        ParticipantOut(
            id=p.public_id,
            person=p.user.public_id,
            name=p.user.full_name,
            role=p.role,
            hours=p.hours,
        )
        for p in queries.participants_of(project)
    ]


@router.post(
    "/projects/{public_id}/participants",
    response={201: ParticipantOut},
    auth=signed_in,
    url_name="add_project_participant",
)
def add_project_participant(request, public_id: UUID, payload: ParticipantIn):
    project = _visible(request, public_id)
    person = User.objects.filter(public_id=payload.person).first()
    if person is None:
        raise ValidationError({"person": [_("No such person.")]})
    participant = services.add_participant(
        actor=request.user, project=project, user=person, role=payload.role, hours=payload.hours
    )
    return Status(
        201,
        ParticipantOut(
            id=participant.public_id,
            person=person.public_id,
            name=person.full_name,
            role=participant.role,
            hours=participant.hours,
        ),
    )


def _update_out(update) -> UpdateOut:
    return UpdateOut(
        id=update.public_id,
        on=update.on,
        title=_texts(update, "title"),
        body=_texts(update, "body"),
        photos=[PhotoOut(url=photo.get_absolute_url()) for photo in update.photo_list],
    )


@router.get(
    "/projects/{public_id}/updates", response=list[UpdateOut], url_name="list_project_updates"
)
def list_project_updates(request, public_id: UUID):
    project = _visible(request, public_id)
    return [_update_out(u) for u in queries.updates_of([project])]


@router.post(
    "/projects/{public_id}/updates",
    response={201: UpdateOut},
    auth=signed_in,
    url_name="create_project_update",
)
def create_project_update(request, public_id: UUID, payload: UpdateIn):
    project = _visible(request, public_id)
    update = services.post_update(
        actor=request.user,
        project=project,
        on=payload.on,
        title={c: getattr(payload, f"title_{c}") for c in ("kk", "ru", "en")},
        body={c: getattr(payload, f"body_{c}") for c in ("kk", "ru", "en")},
    )
    update.photo_list = []
    return Status(201, _update_out(update))
