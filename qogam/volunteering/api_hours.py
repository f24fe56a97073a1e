"""The volunteering API for hours: logged by students, verified by coordinators and partners.

The same reads (`hours.hours_of`, `hours.hours_awaiting`, `hours.verifiable_entry`), rules
and services as the pages. Request bodies are read leniently (missing values are the
services' errors, 422 with the field named) so that a record the caller may not see answers
404 whatever was sent.
"""

from datetime import datetime
from decimal import Decimal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.responses import Status

from qogam.core.api_auth import signed_in
from qogam.core.i18n import translated
from qogam.volunteering import hours
from qogam.volunteering.models import HoursEntry

router = Router(tags=["volunteering"])

LIST_LIMIT = 100


class HoursOut(Schema):
    id: UUID
    sign_up: UUID
    shift: UUID
    opportunity: UUID
    opportunity_title: str
    student_name: str
    starts_at: datetime
    ends_at: datetime
    hours: Decimal
    note: str
    status: str
    source: str
    verifier_name: str
    verified_at: datetime | None
    rejection_reason: str


class LogHoursIn(Schema):
    hours: Decimal | None = None
    note: str = ""


class RejectIn(Schema):
    reason: str = ""


def _out(entry: HoursEntry) -> HoursOut:
    shift = entry.shift
    return HoursOut(
        id=entry.public_id,
        sign_up=entry.sign_up.public_id,
        shift=shift.public_id,
        opportunity=shift.opportunity.public_id,
        opportunity_title=translated(shift.opportunity, "title").text,
        student_name=entry.student.full_name or entry.student.email,
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        hours=entry.hours,
        note=entry.note,
        status=entry.status,
        source=entry.source,
        verifier_name=entry.verifier_name,
        verified_at=entry.verified_at,
        rejection_reason=entry.rejection_reason,
    )


def _page(qs, offset: int, limit: int):
    offset, limit = max(offset, 0), min(max(limit, 1), LIST_LIMIT)
    return qs.select_related("sign_up", "student", "shift__opportunity")[offset : offset + limit]


@router.get(
    "/volunteering/hours/mine", response=list[HoursOut], auth=signed_in, url_name="list_my_hours"
)
def list_my_hours(request, offset: int = 0, limit: int = LIST_LIMIT):
    """The caller's own hours, every status, latest shift first; offset/limit."""
    return [_out(e) for e in _page(hours.hours_of(request.user), offset, limit)]


@router.post(
    "/volunteering/sign-ups/{public_id}/hours",
    response={200: HoursOut, 201: HoursOut},
    auth=signed_in,
    url_name="log_hours",
)
def log_hours(request, public_id: UUID, payload: LogHoursIn):
    """Log (or change, while not verified) the hours of the caller's own sign-up."""
    sign_up = hours.own_sign_up(request.user, public_id)
    if sign_up is None:
        raise Http404
    if payload.hours is None:
        raise ValidationError({"hours": [_("This field is required.")]})
    existed = HoursEntry.objects.with_scopes_disabled().filter(sign_up=sign_up).exists()
    entry = hours.log_hours(
        student=request.user, sign_up=sign_up, hours=payload.hours, note=payload.note
    )
    return Status(200 if existed else 201, _out(entry))


@router.get(
    "/volunteering/hours/queue",
    response=list[HoursOut],
    auth=signed_in,
    url_name="list_hours_queue",
)
def list_hours_queue(request, offset: int = 0, limit: int = LIST_LIMIT):
    """Hours awaiting verification that the caller may verify, oldest first; offset/limit."""
    return [_out(e) for e in _page(hours.hours_awaiting(request.user), offset, limit)]


def _verifiable(request, public_id: UUID) -> HoursEntry:
    entry = hours.verifiable_entry(request.user, public_id)
    if entry is None:
        raise Http404
    return entry


@router.post(
    "/volunteering/hours/{public_id}/verify",
    response=HoursOut,
    auth=signed_in,
    url_name="verify_hours",
)
def verify_hours(request, public_id: UUID):
    entry = hours.verify_hours(actor=request.user, entry=_verifiable(request, public_id))
    return _out(entry)


@router.post(
    "/volunteering/hours/{public_id}/reject",
    response=HoursOut,
    auth=signed_in,
    url_name="reject_hours",
)
def reject_hours(request, public_id: UUID, payload: RejectIn):
    entry = hours.reject_hours(
        actor=request.user, entry=_verifiable(request, public_id), reason=payload.reason
    )
    return _out(entry)
