"""Measures of councils and advisory boards that indicators count (see qogam.core.measures).

An external member is a seat without a person of the university (`CouncilMember.user` is
empty): someone from a partner organisation, as `CouncilMember.is_external` says.
"""

from datetime import datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qogam.core.i18n import translated
from qogam.core.measures import Measure, MeasureScope, ProvenanceRow, register_measure
from qogam.councils.enums import AttendanceStatus, CouncilKind, MeetingStatus
from qogam.councils.models import Attendance, CouncilMember, Meeting
from qogam.organisations.queries import counted_units


def _kinds():
    return CouncilKind.choices


def _moments(scope: MeasureScope) -> tuple[datetime, datetime]:
    """The period as [first moment, moment after the last day) in the local time zone."""
    start = timezone.make_aware(datetime.combine(scope.starts_on, time.min))
    end = timezone.make_aware(datetime.combine(scope.ends_on + timedelta(days=1), time.min))
    return start, end


def _of_councils(qs: QuerySet, scope: MeasureScope, council: str) -> QuerySet:
    """Narrow to the university and to the councils' units and kinds; `council` is the path
    from the model to its council."""
    qs = qs.filter(university_id=scope.university_id)
    units = counted_units(scope)
    if units is not None:
        # A university-wide council (no unit) belongs to no unit.
        qs = qs.filter(**{f"{council}unit_id__in": sorted(units)})
    if scope.values("kind"):
        qs = qs.filter(**{f"{council}kind__in": scope.values("kind")})
    return qs


def _meetings_held(scope: MeasureScope) -> QuerySet[Meeting]:
    start, end = _moments(scope)
    return _of_councils(
        Meeting.objects.filter(status=MeetingStatus.HELD, starts_at__gte=start, starts_at__lt=end),
        scope,
        "council__",
    )


def _meetings_with_external(scope: MeasureScope) -> QuerySet[Meeting]:
    came = Attendance.objects.filter(
        meeting=OuterRef("pk"), member__user__isnull=True, status=AttendanceStatus.ATTENDED
    )
    return _meetings_held(scope).filter(Exists(came))


def _external_invitations(scope: MeasureScope) -> QuerySet[Attendance]:
    start, end = _moments(scope)
    return _of_councils(
        Attendance.objects.filter(
            member__user__isnull=True,
            meeting__status=MeetingStatus.HELD,
            meeting__starts_at__gte=start,
            meeting__starts_at__lt=end,
        ),
        scope,
        "meeting__council__",
    )


def _external_attendances(scope: MeasureScope) -> QuerySet[Attendance]:
    return _external_invitations(scope).filter(status=AttendanceStatus.ATTENDED)


def _members(scope: MeasureScope) -> QuerySet[CouncilMember]:
    # A seat counts when it is held on the last day of the period.
    day = scope.ends_on
    return _of_councils(
        CouncilMember.objects.filter(starts_on__lte=day).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=day)
        ),
        scope,
        "council__",
    )


def _external_members(scope: MeasureScope) -> QuerySet[CouncilMember]:
    return _members(scope).filter(user__isnull=True)


def _meeting_row(meeting: Meeting) -> ProvenanceRow:
    return ProvenanceRow(
        title=translated(meeting.council, "name").text,
        url=meeting.get_absolute_url(),
        on=timezone.localdate(meeting.starts_at),
        detail=meeting.council.get_kind_display(),
    )


def _attendance_row(attendance: Attendance) -> ProvenanceRow:
    meeting = attendance.meeting
    member = attendance.member
    organisation = translated(member.organisation, "name").text if member.organisation else ""
    who = " · ".join(part for part in (member.full_name, organisation) if part)
    return ProvenanceRow(
        title=translated(meeting.council, "name").text,
        url=meeting.get_absolute_url(),
        on=timezone.localdate(meeting.starts_at),
        detail=f"{who} · {attendance.get_status_display()}",
    )


def _member_row(member: CouncilMember) -> ProvenanceRow:
    if member.user_id:
        who = member.full_name or str(member.user)
    else:
        organisation = translated(member.organisation, "name").text if member.organisation else ""
        who = " · ".join(part for part in (member.full_name, organisation) if part)
    return ProvenanceRow(
        title=translated(member.council, "name").text,
        url=member.council.get_absolute_url(),
        on=member.starts_on,
        detail=f"{who} · {member.get_role_display()}",
    )


FILTERS = {"unit": None, "kind": _kinds}
MEETING_RELATED = ("council",)
ATTENDANCE_RELATED = ("meeting__council", "member__organisation")
MEMBER_RELATED = ("council", "user", "organisation")

register_measure(
    Measure(
        key="councils.meetings_held",
        label=_("council meetings held"),
        description=_(
            "Meetings of councils and advisory boards marked as held whose date falls within "
            "the period."
        ),
        records=_meetings_held,
        row=_meeting_row,
        filters=FILTERS,
        counts="meetings",
        related=MEETING_RELATED,
        order=400,
    )
)

register_measure(
    Measure(
        key="councils.meetings_with_external",
        label=_("council meetings with external members present"),
        description=_(
            "Meetings held within the period (by their date) at which at least one external "
            "member, from a partner organisation, is recorded as having attended."
        ),
        records=_meetings_with_external,
        row=_meeting_row,
        filters=FILTERS,
        counts="meetings",
        related=MEETING_RELATED,
        order=401,
    )
)

register_measure(
    Measure(
        key="councils.external_attendances",
        label=_("attendances of external council members"),
        description=_(
            "Invitations of external members, from partner organisations, to meetings held "
            "within the period (by the meeting's date) that are recorded as attended; one per "
            "member and meeting."
        ),
        records=_external_attendances,
        row=_attendance_row,
        filters=FILTERS,
        counts="attendances",
        related=ATTENDANCE_RELATED,
        order=402,
    )
)

register_measure(
    Measure(
        key="councils.external_invitations",
        label=_("invitations of external council members"),
        description=_(
            "Invitations of external members, from partner organisations, to meetings held "
            "within the period (by the meeting's date), whatever their answer; one per member "
            "and meeting."
        ),
        records=_external_invitations,
        row=_attendance_row,
        filters=FILTERS,
        counts="invitations",
        related=ATTENDANCE_RELATED,
        order=403,
    )
)

register_measure(
    Measure(
        key="councils.external_members",
        label=_("external council seats"),
        description=_(
            "Seats on councils and advisory boards held by external members, from partner "
            "organisations, on the last day of the period; a person on two councils holds "
            "two seats."
        ),
        records=_external_members,
        row=_member_row,
        filters=FILTERS,
        counts="seats",
        related=MEMBER_RELATED,
        order=404,
    )
)

register_measure(
    Measure(
        key="councils.members",
        label=_("council seats"),
        description=_(
            "Seats on councils and advisory boards, of people of the university and external "
            "members, held on the last day of the period; a person on two councils holds two "
            "seats."
        ),
        records=_members,
        row=_member_row,
        filters=FILTERS,
        counts="seats",
        related=MEMBER_RELATED,
        order=405,
    )
)
