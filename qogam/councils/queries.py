"""Reads about councils shared by pages, exports, the API, the dashboard and partner pages."""

from datetime import date

from django.db.models import CharField, F, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qogam.core.i18n import CONTENT_LANGUAGES, fallback_order, translated
from qogam.core.partnership import Activity
from qogam.core.visibility import Viewer, visible_to
from qogam.councils.enums import PENDING_DECISION_STATES, AttendanceStatus, MeetingStatus
from qogam.councils.models import (
    AgendaItem,
    Attendance,
    Council,
    CouncilMember,
    Decision,
    DecisionNote,
    Meeting,
)


def councils_visible_to(viewer: Viewer) -> QuerySet[Council]:
    return visible_to(Council, viewer).select_related("university", "unit", "secretary")


def with_display_name(qs: QuerySet[Council]) -> QuerySet[Council]:
    """Annotate `display_name`: the name in the reader's language, then kk, ru, en."""
    return qs.annotate(
        display_name=Coalesce(
            *[NullIf(F(f"name_{code}"), Value("")) for code in fallback_order()],
            output_field=CharField(),
        )
    )


def meetings_visible_to(viewer: Viewer) -> QuerySet[Meeting]:
    """Meetings of the councils the viewer may read."""
    return (
        Meeting.objects.with_scopes_disabled()
        .filter(council__in=visible_to(Council, viewer))
        .select_related("council", "council__university", "council__unit")
    )


def decisions_visible_to(viewer: Viewer) -> QuerySet[Decision]:
    """Decisions of the councils the viewer may read."""
    return (
        Decision.objects.with_scopes_disabled()
        .filter(meeting__council__in=visible_to(Council, viewer))
        .select_related("meeting", "meeting__council", "owner", "university")
    )


def overdue(qs: QuerySet[Decision], today: date | None = None) -> QuerySet[Decision]:
    return qs.filter(status__in=PENDING_DECISION_STATES, due_on__lt=today or timezone.localdate())


def overdue_decisions_of(user, today: date | None = None) -> QuerySet[Decision]:
    """The person's own overdue decisions, most overdue first (for their home dashboard)."""
    qs = Decision.objects.with_scopes_disabled().filter(owner=user)
    return overdue(qs, today).select_related("meeting__council").order_by("due_on", "pk")


# The children of a record already read: its university's scope may not be open (a network
# reader of another university's council), so these ask the unscoped manager by parent.


def members_of(council: Council) -> QuerySet[CouncilMember]:
    return (
        CouncilMember.objects.with_scopes_disabled()
        .filter(council=council)
        .select_related("user", "organisation")
        .order_by("role", "full_name", "pk")
    )


def attendance_of(meeting: Meeting) -> QuerySet[Attendance]:
    return (
        Attendance.objects.with_scopes_disabled()
        .filter(meeting=meeting)
        .select_related("member", "member__user", "member__organisation")
    )


def meetings_of(council: Council) -> QuerySet[Meeting]:
    return Meeting.objects.with_scopes_disabled().filter(council=council).order_by("-starts_at")


def agenda_of(meeting: Meeting) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.with_scopes_disabled().filter(meeting=meeting).order_by("position")


def with_agenda(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """`meetings` with each one's agenda read in one query for all (as `meeting.agenda.all()`)."""
    items = AgendaItem.objects.with_scopes_disabled().order_by("position")
    return meetings.prefetch_related(Prefetch("agenda", queryset=items))


def decisions_of(meeting: Meeting) -> QuerySet[Decision]:
    return (
        Decision.objects.with_scopes_disabled()
        .filter(meeting=meeting)
        .select_related("owner")
        .order_by("due_on", "pk")
    )


def notes_of(decision: Decision) -> QuerySet[DecisionNote]:
    return (
        DecisionNote.objects.with_scopes_disabled()
        .filter(decision=decision)
        .select_related("author")
        .order_by("-on", "-pk")
    )


def meeting_activities(organisation, viewer: Viewer) -> list[Activity]:
    """Meetings the partner's people sat on (or were invited to), for the partner's page."""
    attended = Attendance.objects.with_scopes_disabled().filter(
        member__organisation=organisation,
        status__in=[AttendanceStatus.ATTENDED, AttendanceStatus.CONFIRMED],
    )
    meetings = (
        meetings_visible_to(viewer)
        .filter(pk__in=attended.values("meeting_id"))
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-starts_at")
    )
    return [
        Activity(
            on=timezone.localdate(m.starts_at),
            title=translated(m.council, "name").text,
            url=m.get_absolute_url(),
            kind=_("Council meeting"),
        )
        for m in meetings
    ]


def search(qs: QuerySet, term: str, field: str, prefix: str = "") -> QuerySet:
    match = Q()
    for code in CONTENT_LANGUAGES:
        match |= Q(**{f"{prefix}{field}_{code}__icontains": term})
    return qs.filter(match)
