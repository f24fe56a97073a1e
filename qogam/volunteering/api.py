"""The volunteering API: the same queries, rules and services as the pages."""

from datetime import date, datetime
from uuid import UUID

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.responses import Status

from qogam.core.api_auth import signed_in
from qogam.core.i18n import translated
from qogam.projects.enums import ProjectKind
from qogam.volunteering import queries, services
from qogam.volunteering.models import Opportunity, Shift, SignUp

router = Router(tags=["volunteering"])

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


class OpportunityOut(Schema):
    id: UUID
    university: str
    kind: str
    title: TextsOut
    description: TextsOut
    skills: str
    location: str
    accessibility: str
    minimum_age: int | None
    status: str
    visibility: str
    url: str


class OpportunityPage(Schema):
    count: int
    offset: int
    limit: int
    items: list[OpportunityOut]


class ShiftOut(Schema):
    id: UUID
    starts_at: datetime
    ends_at: datetime
    capacity: int
    places_left: int
    waiting: int
    cancel_until_hours: int
    calendar_url: str


class SignUpOut(Schema):
    id: UUID
    shift: UUID
    opportunity: UUID
    status: str
    starts_at: datetime
    ends_at: datetime
    created_at: datetime


def _opportunity_out(o: Opportunity) -> OpportunityOut:
    return OpportunityOut(
        id=o.public_id,
        university=o.university.slug,
        kind=o.kind,
        title=_texts(o, "title"),
        description=_texts(o, "description"),
        skills=o.skills,
        location=o.location,
        accessibility=o.accessibility,
        minimum_age=o.minimum_age,
        status=o.status,
        visibility=o.visibility,
        url=o.get_absolute_url(),
    )


def _shift_out(s: Shift) -> ShiftOut:
    from django.urls import reverse  # noqa: PLC0415

    return ShiftOut(
        id=s.public_id,
        starts_at=s.starts_at,
        ends_at=s.ends_at,
        capacity=s.capacity,
        places_left=max(s.capacity - s.confirmed, 0),
        waiting=s.waiting,
        cancel_until_hours=s.cancel_until,
        calendar_url=reverse("volunteering:shift_ics", kwargs={"public_id": s.public_id}),
    )


def _sign_up_out(r: SignUp) -> SignUpOut:
    return SignUpOut(
        id=r.public_id,
        shift=r.shift.public_id,
        opportunity=r.shift.opportunity.public_id,
        status=r.status,
        starts_at=r.shift.starts_at,
        ends_at=r.shift.ends_at,
        created_at=r.created_at,
    )


def _visible(request, public_id: UUID) -> Opportunity:
    return get_object_or_404(queries.opportunities_visible_to(request.viewer), public_id=public_id)


@router.get("/volunteering/opportunities", response=OpportunityPage, url_name="list_opportunities")
def list_opportunities(
    request,
    search: str = "",
    kind: ProjectKind | None = None,
    on_or_after: date | None = None,
    sdg: int | None = None,
    offset: int = 0,
    limit: int = LIST_LIMIT,
):
    """Opportunities the caller may read (public ones without signing in); offset/limit."""
    qs = queries.filter_opportunities(
        queries.opportunities_visible_to(request.viewer),
        q=search,
        kind=kind or "",
        on_or_after=on_or_after,
        sdg=sdg,
    ).order_by("-created_at", "pk")
    offset, limit = max(offset, 0), min(max(limit, 1), LIST_LIMIT)
    items = [_opportunity_out(o) for o in qs[offset : offset + limit]]
    return OpportunityPage(count=qs.count(), offset=offset, limit=limit, items=items)


@router.get(
    "/volunteering/opportunities/{public_id}",
    response=OpportunityOut,
    url_name="get_opportunity",
)
def get_opportunity(request, public_id: UUID):
    return _opportunity_out(_visible(request, public_id))


@router.get(
    "/volunteering/opportunities/{public_id}/shifts",
    response=list[ShiftOut],
    url_name="list_opportunity_shifts",
)
def list_opportunity_shifts(request, public_id: UUID):
    return [_shift_out(s) for s in queries.shifts_of(_visible(request, public_id))]


@router.post(
    "/volunteering/shifts/{public_id}/sign-ups",
    response={201: SignUpOut},
    auth=signed_in,
    url_name="create_sign_up",
)
def create_sign_up(request, public_id: UUID):
    shift = queries.readable_shift(request.viewer, public_id)
    if shift is None:
        raise Http404
    record = services.sign_up(student=request.user, shift=shift)
    return Status(201, _sign_up_out(record))


@router.post(
    "/volunteering/sign-ups/{public_id}/cancel",
    response=SignUpOut,
    auth=signed_in,
    url_name="cancel_sign_up",
)
def cancel_sign_up(request, public_id: UUID):
    record = queries.readable_sign_up(request.user, public_id)
    if record is None:
        raise Http404
    return _sign_up_out(services.cancel_sign_up(actor=request.user, sign_up=record))


@router.get(
    "/volunteering/sign-ups/mine",
    response=list[SignUpOut],
    auth=signed_in,
    url_name="list_my_sign_ups",
)
def list_my_sign_ups(request, offset: int = 0, limit: int = LIST_LIMIT):
    """The caller's own sign-ups, latest shift first; offset/limit."""
    offset, limit = max(offset, 0), min(max(limit, 1), LIST_LIMIT)
    return [_sign_up_out(r) for r in queries.sign_ups_of(request.user)[offset : offset + limit]]
