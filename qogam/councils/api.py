"""The councils API: the same queries, rules and services as the pages."""

from datetime import date, datetime
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from qogam.core.api_auth import signed_in
from qogam.core.i18n import translated
from qogam.councils import queries, services
from qogam.councils.enums import CouncilKind, DecisionStatus

router = Router(tags=["councils"])

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


class CouncilOut(Schema):
    id: UUID
    university: str
    kind: str
    name: TranslatedOut
    purpose: TranslatedOut
    unit: UUID | None
    programme: str
    visibility: str


class MemberOut(Schema):
    id: UUID
    name: str
    position: str
    role: str
    external: bool
    organisation: UUID | None
    starts_on: date
    ends_on: date | None
    # Contacts are for the university's staff; others get empty strings.
    email: str
    phone: str


class CouncilDetailOut(CouncilOut):
    members: list[MemberOut]


class MeetingOut(Schema):
    id: UUID
    council: UUID
    starts_at: datetime
    place: str
    online_link: str
    status: str
    agenda: list[TranslatedOut]


class DecisionOut(Schema):
    id: UUID
    meeting: UUID
    council: UUID
    text: TranslatedOut
    owner: str
    due_on: date
    status: str
    done_on: date | None
    overdue: bool


class DecisionStatusIn(Schema):
    status: DecisionStatus
    note: str
    on: date | None = None


def _council_out(c) -> dict:
    return {
        "id": c.public_id,
        "university": c.university.slug,
        "kind": c.kind,
        "name": _texts(c, "name"),
        "purpose": _texts(c, "purpose"),
        "unit": c.unit.public_id if c.unit_id else None,
        "programme": c.programme,
        "visibility": c.visibility,
    }


def _meeting_out(m) -> MeetingOut:
    return MeetingOut(
        id=m.public_id,
        council=m.council.public_id,
        starts_at=m.starts_at,
        place=m.place,
        online_link=m.online_link,
        status=m.status,
        # A list prefetches every meeting's agenda (queries.with_agenda); one meeting reads it.
        agenda=[
            _texts(item, "title")
            for item in (
                m.agenda.all()
                if "agenda" in getattr(m, "_prefetched_objects_cache", {})
                else queries.agenda_of(m)
            )
        ],
    )


def _decision_out(d) -> DecisionOut:
    return DecisionOut(
        id=d.public_id,
        meeting=d.meeting.public_id,
        council=d.meeting.council.public_id,
        text=_texts(d, "text"),
        owner=str(d.owner),
        due_on=d.due_on,
        status=d.status,
        done_on=d.done_on,
        overdue=d.is_overdue,
    )


def _page(qs, offset: int):
    start = max(offset, 0)
    return qs[start : start + LIST_LIMIT]


@router.get("/councils", response=list[CouncilOut], url_name="list_councils")
def list_councils(
    request, kind: CouncilKind | None = None, search: str | None = None, offset: int = 0
):
    qs = queries.with_display_name(queries.councils_visible_to(request.viewer))
    if kind:
        qs = qs.filter(kind=kind)
    if search:
        qs = queries.search(qs, search.strip(), "name")
    return [CouncilOut(**_council_out(c)) for c in _page(qs.order_by("display_name", "pk"), offset)]


@router.get("/councils/{public_id}", response=CouncilDetailOut, url_name="get_council")
def get_council(request, public_id: UUID):
    council = get_object_or_404(queries.councils_visible_to(request.viewer), public_id=public_id)
    contacts = request.user.has_perm("councils.view_contacts", council)
    members = [
        MemberOut(
            id=m.public_id,
            name=m.display_name,
            position=m.position,
            role=m.role,
            external=m.is_external,
            organisation=m.organisation.public_id if m.organisation_id else None,
            starts_on=m.starts_on,
            ends_on=m.ends_on,
            email=m.contact_email if contacts else "",
            phone=m.phone if contacts else "",
        )
        for m in queries.members_of(council)
    ]
    return CouncilDetailOut(**_council_out(council), members=members)


@router.get(
    "/councils/{public_id}/meetings", response=list[MeetingOut], url_name="list_council_meetings"
)
def list_council_meetings(request, public_id: UUID, offset: int = 0):
    council = get_object_or_404(queries.councils_visible_to(request.viewer), public_id=public_id)
    qs = (
        queries.meetings_visible_to(request.viewer)
        .filter(council=council)
        .order_by("-starts_at", "pk")
    )
    return [_meeting_out(m) for m in _page(queries.with_agenda(qs), offset)]


@router.get("/meetings/{public_id}", response=MeetingOut, url_name="get_meeting")
def get_meeting(request, public_id: UUID):
    meeting = get_object_or_404(queries.meetings_visible_to(request.viewer), public_id=public_id)
    return _meeting_out(meeting)


@router.get("/decisions", response=list[DecisionOut], url_name="list_decisions")
def list_decisions(
    request,
    status: DecisionStatus | None = None,
    overdue: bool = False,
    council: UUID | None = None,
    offset: int = 0,
):
    qs = queries.decisions_visible_to(request.viewer)
    if status:
        qs = qs.filter(status=status)
    if overdue:
        qs = queries.overdue(qs)
    if council:
        qs = qs.filter(meeting__council__public_id=council)
    return [_decision_out(d) for d in _page(qs.order_by("due_on", "pk"), offset)]


@router.get("/decisions/{public_id}", response=DecisionOut, url_name="get_decision")
def get_decision(request, public_id: UUID):
    return _decision_out(
        get_object_or_404(queries.decisions_visible_to(request.viewer), public_id=public_id)
    )


@router.patch(
    "/decisions/{public_id}", response=DecisionOut, auth=signed_in, url_name="update_decision"
)
def update_decision(request, public_id: UUID, payload: DecisionStatusIn):
    """Move a decision on with a dated progress note (its owner, secretary or chair)."""
    decision = get_object_or_404(queries.decisions_visible_to(request.viewer), public_id=public_id)
    services.update_decision_status(
        actor=request.user,
        decision=decision,
        status=payload.status,
        note=payload.note,
        on=payload.on,
    )
    return _decision_out(decision)
