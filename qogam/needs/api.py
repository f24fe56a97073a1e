"""The needs' REST endpoints: the same queries, rules and services as the pages.

Only public fields leave the server: never the poster's e-mail or account, never who
supported or followed.
"""

from datetime import datetime
from decimal import Decimal
from uuid import UUID

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from ninja import Router, Schema
from ninja.responses import Status

from qogam.core.api_auth import signed_in
from qogam.core.i18n import translated
from qogam.needs import queries, services
from qogam.needs.enums import AffectedGroup, NeedCategory, Urgency
from qogam.needs.models import Need
from qogam.organisations.queries import universities_visible_to

router = Router(tags=["needs"])


class TextsOut(Schema):
    kk: str
    ru: str
    en: str
    display: str


class NeedOut(Schema):
    id: UUID
    university: str
    title: str
    description: str
    language: str
    category: str
    affected_group: str
    urgency: str
    district: str
    latitude: Decimal | None
    longitude: Decimal | None
    sdgs: list[int]
    state: str
    published_at: datetime | None
    support_count: int
    decline_reason: TextsOut
    report: TextsOut
    url: str


class NeedIn(Schema):
    title: str
    description: str
    language: str = ""
    category: NeedCategory
    affected_group: AffectedGroup
    urgency: Urgency = Urgency.MEDIUM
    district: str
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    sdgs: list[int] = []


def _texts(need: Need, field: str) -> TextsOut:
    return TextsOut(
        kk=getattr(need, f"{field}_kk") or "",
        ru=getattr(need, f"{field}_ru") or "",
        en=getattr(need, f"{field}_en") or "",
        display=translated(need, field).text,
    )


def _need_out(need: Need, support_count: int | None = None) -> NeedOut:
    return NeedOut(
        id=need.public_id,
        university=need.university.slug,
        title=need.title,
        description=need.description,
        language=need.language,
        category=need.category,
        affected_group=need.affected_group,
        urgency=need.urgency,
        district=need.district,
        latitude=need.latitude,
        longitude=need.longitude,
        sdgs=list(need.sdgs or []),
        state=need.state,
        published_at=need.published_at,
        support_count=getattr(need, "support_count", support_count) or 0,
        decline_reason=_texts(need, "decline_reason"),
        report=_texts(need, "report"),
        url=need.get_absolute_url(),
    )


@router.get("/needs", response=list[NeedOut])
def list_needs(
    request,
    category: str = "",
    state: str = "",
    district: str = "",
    q: str = "",
    sdg: int | None = None,
):
    needs = queries.filter_needs(
        queries.api_needs(request.viewer),
        category=category,
        state=state,
        district=district,
        q=q,
        sdg=sdg,
    )
    return [_need_out(n) for n in needs[:500]]


@router.get("/needs/{public_id}", response=NeedOut)
def get_need(request, public_id: UUID):
    need = get_object_or_404(queries.api_needs(request.viewer), public_id=public_id)
    return _need_out(need)


class ErrorOut(Schema):
    detail: str


@router.post("/universities/{slug}/needs", response={201: NeedOut, 429: ErrorOut}, auth=signed_in)
def create_need(request, slug: str, payload: NeedIn):
    """Post a need as the signed-in person; it goes to the university's moderators."""
    # The same limit as the page, counted together with it.
    if is_ratelimited(
        request,
        group="needs:post",
        key="user_or_ip",
        rate=services.NEEDS_PER_PERSON,
        method="POST",
        increment=True,
    ):
        return Status(
            429, ErrorOut(detail=_("Too many needs posted in a short time; wait an hour."))
        )
    university = get_object_or_404(universities_visible_to(request.viewer), slug=slug)
    need = services.submit_need(university=university, values=payload.dict(), poster=request.user)
    return Status(201, _need_out(need, support_count=0))
