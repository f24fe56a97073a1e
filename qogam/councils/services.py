"""Writes about councils: the council, its members, meetings, attendance and decisions."""

from datetime import UTC, date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from qogam.accounts.queries import is_staff_at
from qogam.core.i18n import require_translations, translated
from qogam.core.mail import render_message
from qogam.core.tenancy import university_scope
from qogam.core.tokens import hash_secret, new_secret
from qogam.councils.enums import (
    PENDING_DECISION_STATES,
    AttendanceStatus,
    DecisionStatus,
    MeetingStatus,
)
from qogam.councils.models import (
    AgendaItem,
    Attendance,
    Council,
    CouncilMember,
    Decision,
    DecisionNote,
    Meeting,
)
from qogam.notifications.services import notify

# An invitation's answer link works until this long after the meeting starts.
ANSWER_GRACE = timedelta(hours=12)
COUNCIL_FIELDS = ("kind", "name", "purpose", "unit", "programme", "secretary", "visibility")


class AnswerLinkError(ValidationError):
    """An answer link that cannot be used, with the reason in words."""


def _check_council(council: Council) -> None:
    if council.unit is not None and council.unit.university_id != council.university_id:
        raise ValidationError({"unit": _("The unit belongs to another university.")})
    if council.secretary_id and not is_staff_at(council.secretary, council.university_id):
        raise ValidationError(
            {"secretary": _("The secretary must be a staff member of the university.")}
        )
    council.full_clean()
    require_translations(council, "name")


def save_council(*, actor, university, values: dict, council: Council | None = None) -> Council:
    """Create a council (council=None) or change one; the unit and secretary are checked."""
    council = council or Council(university=university)
    creating = council.pk is None
    for name, value in values.items():
        setattr(council, name, value)
    permission = "councils.add_council" if creating else "councils.change_council"
    if not actor.has_perm(permission, council):
        raise PermissionDenied(_("You may not run this council."))
    with transaction.atomic(), university_scope(council.university_id):
        _check_council(council)
        council.save()
    return council


def delete_council(*, actor, council: Council) -> None:
    if not actor.has_perm("councils.delete_council", council):
        raise PermissionDenied(_("You may not delete this council."))
    with transaction.atomic(), university_scope(council.university_id):
        council.delete()


def save_member(
    *, actor, council: Council, values: dict, member: CouncilMember | None = None
) -> CouncilMember:
    """Add a member to a council or change one.

    An internal member is a staff person of the council's university; an external one comes
    from one of the university's partner organisations. Anyone else is refused, naming why.
    """
    if not actor.has_perm("councils.run_council", council):
        raise PermissionDenied(_("You may not change this council's members."))
    member = member or CouncilMember(council=council, university_id=council.university_id)
    for name, value in values.items():
        setattr(member, name, value)
    if member.user_id is not None:
        if not is_staff_at(member.user, council.university_id):
            raise ValidationError(
                {"user": _("This person is not a staff member of the council's university.")},
                code="foreign_person",
            )
        member.organisation = None
    elif (
        member.organisation is not None
        and member.organisation.university_id != council.university_id
    ):
        raise ValidationError(
            {"organisation": _("The partner organisation belongs to another university.")},
            code="foreign_partner",
        )
    member.email = (member.email or "").strip().lower()
    with transaction.atomic(), university_scope(council.university_id):
        member.full_clean()
        member.save()
    return member


def remove_member(*, actor, member: CouncilMember) -> None:
    if not actor.has_perm("councils.run_council", member.council):
        raise PermissionDenied(_("You may not change this council's members."))
    with transaction.atomic(), university_scope(member.university_id):
        sat = Attendance.objects.filter(member=member).exclude(status=AttendanceStatus.INVITED)
        if sat.exists():
            # Someone who sat on a meeting stays on its record: end the membership instead.
            member.ends_on = member.ends_on or timezone.localdate()
            member.save(update_fields=["ends_on", "updated_at"])
        else:
            member.delete()


def _agenda_lines(agenda: dict[str, str]) -> list[dict[str, str]]:
    """Agenda items from one text per language, an item per line, matched by position."""
    lines = {
        code: [x.strip() for x in (text or "").splitlines() if x.strip()]
        for code, text in agenda.items()
    }
    count = max((len(v) for v in lines.values()), default=0)
    for code in settings.CONTENT_REQUIRED_LANGUAGES:
        if count and len(lines.get(code, [])) != count:
            raise ValidationError(
                {f"agenda_{code}": _("Give every agenda item in this language, one per line.")},
                code="agenda_mismatch",
            )
    return [
        {f"title_{code}": (items[i] if i < len(items) else "") for code, items in lines.items()}
        for i in range(count)
    ]


def save_meeting(
    *,
    actor,
    council: Council,
    values: dict,
    agenda: dict[str, str] | None = None,
    meeting: Meeting | None = None,
) -> Meeting:
    """Plan a meeting or change one; `agenda` ({"kk": "item\\nitem", …}) replaces the agenda."""
    if not actor.has_perm("councils.run_council", council):
        raise PermissionDenied(_("You may not run this council's meetings."))
    meeting = meeting or Meeting(council=council, university_id=council.university_id)
    for name, value in values.items():
        setattr(meeting, name, value)
    items = _agenda_lines(agenda) if agenda is not None else None
    with transaction.atomic(), university_scope(council.university_id):
        meeting.full_clean()
        meeting.save()
        if items is not None:
            AgendaItem.objects.filter(meeting=meeting).delete()
            for position, titles in enumerate(items, start=1):
                item = AgendaItem(
                    meeting=meeting,
                    university_id=meeting.university_id,
                    position=position,
                    **titles,
                )
                item.full_clean()
                item.save()
    return meeting


def members_on(council: Council, day: date) -> list[CouncilMember]:
    """The council's members whose membership covers `day`."""
    return list(
        CouncilMember.objects.with_scopes_disabled()
        .filter(council=council, starts_on__lte=day)
        .exclude(ends_on__lt=day)
        .select_related("user", "organisation")
    )


def send_invitations(*, actor, meeting: Meeting) -> int:
    """E-mail every current member an invitation with an answer link and a calendar file.

    Each member gets a fresh link (the old one stops working); the e-mails go after commit,
    each in its member's language. Returns how many were invited.
    """
    if not actor.has_perm("councils.run_council", meeting.council):
        raise PermissionDenied(_("You may not invite members to this meeting."))
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Only a planned meeting takes invitations."), code="not_planned")
    day = timezone.localdate(meeting.starts_at)
    members = [m for m in members_on(meeting.council, day) if m.contact_email]
    if not members:
        raise ValidationError(_("The council has no member with an e-mail address."), code="empty")
    outgoing = []
    with transaction.atomic(), university_scope(meeting.university_id):
        for member in members:
            raw, token_hash = new_secret()
            attendance, _created = Attendance.objects.get_or_create(
                meeting=meeting, member=member, defaults={"university_id": meeting.university_id}
            )
            attendance.token_hash = token_hash
            attendance.token_expires_at = meeting.starts_at + ANSWER_GRACE
            attendance.save(update_fields=["token_hash", "token_expires_at", "updated_at"])
            outgoing.append((member, raw))
        meeting.invitations_sent_at = timezone.now()
        meeting.save(update_fields=["invitations_sent_at", "updated_at"])
        transaction.on_commit(lambda: _send_invitations(meeting, outgoing))
    return len(outgoing)


def meeting_calendar(meeting: Meeting, language: str) -> str:
    """The meeting as an iCalendar (.ics) event: one hour from its start, in UTC."""
    start = meeting.starts_at.astimezone(UTC)
    end = start + timedelta(hours=1)
    stamp = "%Y%m%dT%H%M%SZ"

    def escape(text: str) -> str:
        return (
            text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
        )

    summary = translated(meeting.council, "name", language).text
    location = meeting.place or meeting.online_link
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Qogam//Councils//EN",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        f"UID:{meeting.public_id}@qogam",
        f"DTSTAMP:{timezone.now().astimezone(UTC).strftime(stamp)}",
        f"DTSTART:{start.strftime(stamp)}",
        f"DTEND:{end.strftime(stamp)}",
        f"SUMMARY:{escape(summary)}",
        f"LOCATION:{escape(location)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"


def _send_invitations(meeting: Meeting, outgoing: list[tuple[CouncilMember, str]]) -> None:
    for member, raw_token in outgoing:
        _send_invitation(meeting, member, raw_token)


def _send_invitation(meeting: Meeting, member: CouncilMember, raw_token: str) -> None:
    language = member.mail_language
    with translation.override(language):
        path = reverse("councils:answer", kwargs={"token": raw_token})
        council_name = translated(meeting.council, "name", language).text
        agenda = [
            translated(item, "title", language).text
            for item in AgendaItem.objects.with_scopes_disabled()
            .filter(meeting=meeting)
            .order_by("position")
        ]
    subject, body, html = render_message(
        "emails/council_invitation",
        {
            "meeting": meeting,
            "member": member,
            "council_name": council_name,
            "agenda": agenda,
            "answer_url": f"{settings.SITE_URL}{path}",
        },
        language,
    )
    message = EmailMultiAlternatives(subject=subject, body=body, to=[member.contact_email])
    if html:
        message.attach_alternative(html, "text/html")
    message.attach("meeting.ics", meeting_calendar(meeting, language), "text/calendar")
    message.send()


def find_invitation(raw_token: str) -> Attendance:
    """The invitation behind an answer link, or AnswerLinkError (unknown, expired, closed)."""
    attendance = (
        Attendance.objects.with_scopes_disabled()
        .select_related("meeting__council", "member")
        .filter(token_hash=hash_secret(raw_token))
        .first()
    )
    if attendance is None:
        raise AnswerLinkError(
            _("This link is not valid. Check that it was copied whole."), code="unknown"
        )
    if attendance.token_expires_at is None or attendance.token_expires_at <= timezone.now():
        raise AnswerLinkError(_("This invitation can no longer be answered."), code="expired")
    if attendance.meeting.status != MeetingStatus.PLANNED:
        raise AnswerLinkError(_("This meeting is no longer planned."), code="closed")
    return attendance


def answer_invitation(*, raw_token: str, attending: bool) -> Attendance:
    """A member says "I will attend" or "I cannot attend" by the link in their invitation."""
    with transaction.atomic():
        found = find_invitation(raw_token)
        attendance = Attendance.objects.with_scopes_disabled().select_for_update().get(pk=found.pk)
        attendance.status = AttendanceStatus.CONFIRMED if attending else AttendanceStatus.DECLINED
        attendance.answered_at = timezone.now()
        with university_scope(attendance.university_id):
            attendance.save(update_fields=["status", "answered_at", "updated_at"])
    return attendance


def record_attendance(*, actor, meeting: Meeting, statuses: dict[int, str]) -> None:
    """The secretary records who came: {member pk: status}; members not yet invited are added."""
    if not actor.has_perm("councils.run_council", meeting.council):
        raise PermissionDenied(_("You may not record attendance at this meeting."))
    valid = set(AttendanceStatus.values)
    members = set(
        CouncilMember.objects.with_scopes_disabled()
        .filter(council=meeting.council_id)
        .values_list("pk", flat=True)
    )
    with transaction.atomic(), university_scope(meeting.university_id):
        for member_pk, status in statuses.items():
            if status not in valid:
                raise ValidationError({"status": _("Unknown attendance status.")})
            if member_pk not in members:
                raise ValidationError({"member": _("This person is not on the council.")})
            attendance, _created = Attendance.objects.get_or_create(
                meeting=meeting,
                member_id=member_pk,
                defaults={"university_id": meeting.university_id},
            )
            if attendance.status != status:
                attendance.status = status
                attendance.save(update_fields=["status", "updated_at"])


def set_meeting_status(*, actor, meeting: Meeting, status: str) -> Meeting:
    return save_meeting(
        actor=actor, council=meeting.council, values={"status": status}, meeting=meeting
    )


def save_decision(
    *, actor, meeting: Meeting, values: dict, decision: Decision | None = None
) -> Decision:
    """Record a decision of a meeting, or change one; it needs an owner of the university."""
    if not actor.has_perm("councils.run_council", meeting.council):
        raise PermissionDenied(_("You may not record this meeting's decisions."))
    decision = decision or Decision(meeting=meeting, university_id=meeting.university_id)
    for name, value in values.items():
        setattr(decision, name, value)
    if decision.owner_id is None:
        raise ValidationError(
            {"owner": _("A decision needs an owner: the person who sees it through.")},
            code="no_owner",
        )
    if not is_staff_at(decision.owner, meeting.university_id):
        raise ValidationError(
            {"owner": _("The owner must be a staff member of the council's university.")},
            code="foreign_owner",
        )
    with transaction.atomic(), university_scope(meeting.university_id):
        decision.full_clean()
        require_translations(decision, "text")
        decision.save()
    return decision


def update_decision_status(
    *, actor, decision: Decision, status: str, note: str, on: date | None = None
) -> DecisionNote:
    """Move a decision on (open → in progress → done, or cancelled) with a dated note."""
    if not actor.has_perm("councils.update_decision_status", decision):
        raise PermissionDenied(_("You may not update this decision."))
    if status not in DecisionStatus.values:
        raise ValidationError({"status": _("Unknown status.")}, code="unknown_status")
    if not note.strip():
        raise ValidationError({"note": _("Say what was done.")}, code="no_note")
    day = on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({"on": _("A progress note cannot be dated in the future.")})
    with transaction.atomic(), university_scope(decision.university_id):
        locked = Decision.objects.with_scopes_disabled().select_for_update().get(pk=decision.pk)
        entry = DecisionNote(
            decision=locked,
            university_id=locked.university_id,
            on=day,
            text=note.strip(),
            status=status,
            author=actor,
        )
        entry.full_clean()
        entry.save()
        locked.status = status
        locked.done_on = day if status == DecisionStatus.DONE else None
        locked.save(update_fields=["status", "done_on", "updated_at"])
    decision.status, decision.done_on = locked.status, locked.done_on
    return entry


def remind_overdue_decisions(*, today: date | None = None) -> int:
    """Tell each owner of an overdue decision about it, once per decision. Returns the count."""
    from qogam.councils.notices import DECISION_OVERDUE  # noqa: PLC0415 -- registry module

    today = today or timezone.localdate()
    overdue = (
        Decision.objects.with_scopes_disabled()
        .filter(status__in=PENDING_DECISION_STATES, due_on__lt=today, reminded_on__isnull=True)
        .select_related("owner", "meeting__council")
    )
    count = 0
    for decision in overdue:
        with transaction.atomic(), university_scope(decision.university_id):
            language = decision.owner.language or settings.LANGUAGE_CODE
            with translation.override(language):
                url = decision.get_absolute_url()
            notify(
                user=decision.owner,
                kind=DECISION_OVERDUE,
                context={
                    "decision_text": translated(decision, "text", language).text,
                    "council_name": translated(decision.meeting.council, "name", language).text,
                    "due_on": decision.due_on,
                    "days": (today - decision.due_on).days,
                },
                url=url,
            )
            Decision.objects.with_scopes_disabled().filter(pk=decision.pk).update(reminded_on=today)
        count += 1
    return count


def attach_minutes(*, actor, meeting: Meeting, upload) -> Meeting:
    """Store the meeting's minutes (a PDF, checked by its content and size)."""
    if not actor.has_perm("councils.run_council", meeting.council):
        raise PermissionDenied(_("You may not change this meeting's minutes."))
    meeting.minutes = upload
    with transaction.atomic(), university_scope(meeting.university_id):
        meeting.full_clean()
        meeting.save()
    return meeting
