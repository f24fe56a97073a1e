"""The partners API: the same queries, rules and services as the pages."""

from datetime import date
from decimal import Decimal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.responses import Status

from qogam.core.api_auth import signed_in
from qogam.core.enums import Visibility
from qogam.core.i18n import CONTENT_LANGUAGES, translated
from qogam.organisations.queries import units_visible_to, universities_visible_to
from qogam.partners import queries, services
from qogam.partners.enums import (
    AgreementKind,
    AgreementState,
    AgreementStatus,
    OrganisationKind,
    Region,
)

router = Router(tags=["partners"])

# Lists answer at most this many records; `offset` pages on.
LIST_LIMIT = 200


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


class PartnerOut(Schema):
    id: UUID
    university: str
    kind: str
    name: TranslatedOut
    short_name: TranslatedOut
    description: TranslatedOut
    bin: str
    region: str
    district: str
    city: str
    address: str
    latitude: float | None
    longitude: float | None
    website: str
    visibility: str


class PartnerIn(Schema):
    kind: OrganisationKind
    name_kk: str = ""
    name_ru: str = ""
    name_en: str = ""
    short_name_kk: str = ""
    short_name_ru: str = ""
    short_name_en: str = ""
    description_kk: str = ""
    description_ru: str = ""
    description_en: str = ""
    bin: str = ""
    region: Region
    district: str = ""
    city: str = ""
    address: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    website: str = ""
    units: list[UUID] = []
    visibility: Visibility = Visibility.PRIVATE


class ContactOut(Schema):
    id: UUID
    full_name: str
    position: str
    phone: str
    email: str
    is_representative: bool


class AgreementOut(Schema):
    id: UUID
    university: str
    kind: str
    title: TranslatedOut
    number: str
    partner: UUID
    state: str
    status: str
    signed_on: date | None
    starts_on: date
    ends_on: date | None
    has_document: bool
    visibility: str


class AgreementIn(Schema):
    kind: AgreementKind
    title_kk: str = ""
    title_ru: str = ""
    title_en: str = ""
    number: str = ""
    partner: UUID
    other_parties: list[UUID] = []
    units: list[UUID] = []
    state: AgreementState = AgreementState.DRAFT
    signed_on: date | None = None
    starts_on: date
    ends_on: date | None = None
    visibility: Visibility = Visibility.PRIVATE


def _partner_out(p) -> PartnerOut:
    return PartnerOut(
        id=p.public_id,
        university=p.university.slug,
        kind=p.kind,
        name=_texts(p, "name"),
        short_name=_texts(p, "short_name"),
        description=_texts(p, "description"),
        bin=p.bin,
        region=p.region,
        district=p.district,
        city=p.city,
        address=p.address,
        latitude=float(p.latitude) if p.latitude is not None else None,
        longitude=float(p.longitude) if p.longitude is not None else None,
        website=p.website,
        visibility=p.visibility,
    )


def _agreement_out(a) -> AgreementOut:
    return AgreementOut(
        id=a.public_id,
        university=a.university.slug,
        kind=a.kind,
        title=_texts(a, "title"),
        number=a.number,
        partner=a.organisation.public_id,
        state=a.state,
        status=getattr(a, "current_status", None) or a.status,
        signed_on=a.signed_on,
        starts_on=a.starts_on,
        ends_on=a.ends_on,
        has_document=bool(a.document),
        visibility=a.visibility,
    )


def _units_of(request, university, ids: list[UUID]):
    units = list(units_visible_to(request.viewer).filter(university=university, public_id__in=ids))
    if len(units) != len(set(ids)):
        raise ValidationError({"units": [_("A unit was not found at this university.")]})
    return units


@router.get("/partners", response=list[PartnerOut])
def list_partners(
    request,
    kind: OrganisationKind | None = None,
    region: Region | None = None,
    search: str | None = None,
    university: str | None = None,
    offset: int = 0,
):
    qs = queries.organisations_visible_to(request.viewer).select_related("university")
    if kind:
        qs = qs.filter(kind=kind)
    if region:
        qs = qs.filter(region=region)
    if university:
        qs = qs.filter(university__slug=university)
    if search:
        term = search.strip()
        match = Q(bin=term) | Q(city__icontains=term)
        for code in CONTENT_LANGUAGES:
            match |= Q(**{f"name_{code}__icontains": term})
        qs = qs.filter(match)
    qs = queries.with_display_name(qs).order_by("display_name", "pk")
    qs = qs[max(offset, 0) : max(offset, 0) + LIST_LIMIT]
    return [_partner_out(p) for p in qs]


@router.get("/partners/{public_id}", response=PartnerOut)
def get_partner(request, public_id: UUID):
    return _partner_out(
        get_object_or_404(
            queries.organisations_visible_to(request.viewer).select_related("university"),
            public_id=public_id,
        )
    )


@router.get("/partners/{public_id}/contacts", response=list[ContactOut], auth=signed_in)
def list_partner_contacts(request, public_id: UUID):
    partner = get_object_or_404(
        queries.organisations_visible_to(request.viewer), public_id=public_id
    )
    # Personal data: staff of the partner's university and its representatives only.
    contacts = queries.contacts_visible_to(request.viewer, partner)
    return [
        ContactOut(
            id=c.public_id,
            full_name=c.full_name,
            position=c.position,
            phone=c.phone,
            email=c.email,
            is_representative=c.is_representative,
        )
        for c in contacts
    ]


@router.post("/universities/{slug}/partners", response={201: PartnerOut}, auth=signed_in)
def create_partner(request, slug: str, payload: PartnerIn):
    university = get_object_or_404(universities_visible_to(request.viewer), slug=slug)
    values = payload.dict(exclude={"units"})
    units = _units_of(request, university, payload.units) if payload.units else ()
    partner = services.create_organisation(
        actor=request.user, university=university, values=values, units=units
    )
    partner.university = university
    return Status(201, _partner_out(partner))


@router.get("/agreements", response=list[AgreementOut])
def list_agreements(
    request,
    kind: AgreementKind | None = None,
    status: AgreementStatus | None = None,
    partner: UUID | None = None,
    offset: int = 0,
):
    qs = queries.agreements_visible_to(request.viewer)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(current_status=status)
    if partner:
        qs = qs.filter(Q(organisation__public_id=partner) | Q(other_parties__public_id=partner))
    qs = qs.order_by("-starts_on", "pk")[max(offset, 0) : max(offset, 0) + LIST_LIMIT]
    return [_agreement_out(a) for a in qs]


@router.get("/agreements/{public_id}", response=AgreementOut)
def get_agreement(request, public_id: UUID):
    return _agreement_out(
        get_object_or_404(queries.agreements_visible_to(request.viewer), public_id=public_id)
    )


@router.post("/universities/{slug}/agreements", response={201: AgreementOut}, auth=signed_in)
def create_agreement(request, slug: str, payload: AgreementIn):
    university = get_object_or_404(universities_visible_to(request.viewer), slug=slug)
    partners = queries.organisations_visible_to(request.viewer).filter(university=university)
    organisation = get_object_or_404(partners, public_id=payload.partner)
    others = list(partners.filter(public_id__in=payload.other_parties))
    if len(others) != len(set(payload.other_parties)):
        raise ValidationError({"other_parties": [_("A party was not found at this university.")]})
    values = payload.dict(exclude={"partner", "other_parties", "units"})
    values["organisation"] = organisation
    agreement = services.save_agreement(
        actor=request.user,
        university=university,
        values=values,
        units=_units_of(request, university, payload.units),
        other_parties=others,
    )
    return Status(
        201, _agreement_out(queries.agreements_visible_to(request.viewer).get(pk=agreement.pk))
    )
