from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.responses import Status

from qogam.core.api_auth import signed_in
from qogam.core.enums import Visibility
from qogam.core.i18n import translated
from qogam.organisations import queries, services
from qogam.organisations.enums import UnitKind
from qogam.organisations.models import Unit

router = Router(tags=["organisations"])


class TranslatedOut(Schema):
    kk: str
    ru: str
    en: str
    display: str


def _names(obj, field: str) -> TranslatedOut:
    return TranslatedOut(
        kk=getattr(obj, f"{field}_kk") or "",
        ru=getattr(obj, f"{field}_ru") or "",
        en=getattr(obj, f"{field}_en") or "",
        display=translated(obj, field).text,
    )


class UniversityOut(Schema):
    slug: str
    name: TranslatedOut
    short_name: TranslatedOut
    city: str
    website: str
    visibility: str


class UnitOut(Schema):
    id: UUID
    university: str
    kind: str
    name: TranslatedOut
    parent: UUID | None
    visibility: str


class UnitIn(Schema):
    kind: UnitKind
    name_kk: str = ""
    name_ru: str = ""
    name_en: str = ""
    parent: UUID | None = None
    visibility: Visibility = Visibility.PRIVATE


def _university_out(u) -> UniversityOut:
    return UniversityOut(
        slug=u.slug,
        name=_names(u, "name"),
        short_name=_names(u, "short_name"),
        city=u.city or "",
        website=u.website,
        visibility=u.visibility,
    )


def _unit_out(unit: Unit) -> UnitOut:
    return UnitOut(
        id=unit.public_id,
        university=unit.university.slug,
        kind=unit.kind,
        name=_names(unit, "name"),
        parent=unit.parent.public_id if unit.parent else None,
        visibility=unit.visibility,
    )


@router.get("/universities", response=list[UniversityOut])
def list_universities(request):
    return [_university_out(u) for u in queries.universities_visible_to(request.viewer)]


@router.get("/universities/{slug}", response=UniversityOut)
def get_university(request, slug: str):
    return _university_out(
        get_object_or_404(queries.universities_visible_to(request.viewer), slug=slug)
    )


@router.get("/universities/{slug}/units", response=list[UnitOut])
def list_units(request, slug: str):
    university = get_object_or_404(queries.universities_visible_to(request.viewer), slug=slug)
    units = queries.units_visible_to(request.viewer).filter(university=university)
    return [_unit_out(u) for u in units]


@router.get("/units/{public_id}", response=UnitOut)
def get_unit(request, public_id: UUID):
    return _unit_out(
        get_object_or_404(queries.units_visible_to(request.viewer), public_id=public_id)
    )


@router.post("/universities/{slug}/units", response={201: UnitOut}, auth=signed_in)
def create_unit(request, slug: str, payload: UnitIn):
    university = get_object_or_404(queries.universities_visible_to(request.viewer), slug=slug)
    parent = None
    if payload.parent:
        parent = get_object_or_404(
            queries.units_visible_to(request.viewer).filter(university=university),
            public_id=payload.parent,
        )
    values = payload.dict(exclude={"parent"})
    values["parent"] = parent
    unit = services.create_unit(actor=request.user, university=university, values=values)
    return Status(201, _unit_out(unit))
