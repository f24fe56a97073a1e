"""The staff roll-up's view of councils (core.contributions): the seats a person of the
university held, and the meetings they attended, within a period."""

from datetime import date

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qogam.core.contributions import Contribution, ContributionSource, register_contribution_source
from qogam.core.i18n import translated
from qogam.core.tenancy import university_scope
from qogam.councils.enums import AttendanceStatus, CouncilKind, MeetingStatus
from qogam.councils.models import Attendance, CouncilMember

MEMBERSHIP = "councils.membership"
MEETINGS = "councils.meetings"


def membership_contributions(
    university_id: int, person_ids: list[int], starts_on: date, ends_on: date
) -> list[Contribution]:
    """One per seat of a person of the university held during the period; one query."""
    with university_scope(university_id):
        seats = (
            CouncilMember.objects.filter(
                university_id=university_id, user_id__in=person_ids, starts_on__lte=ends_on
            )
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
            .select_related("council")
            .order_by("starts_on", "pk")
        )
        return [
            Contribution(
                person_id=seat.user_id,  # type: ignore[arg-type]  # filtered on user_id__in
                source=MEMBERSHIP,
                on=max(seat.starts_on, starts_on),
                title=translated(seat.council, "name").text,
                url=seat.council.get_absolute_url(),
                role=seat.get_role_display(),
                category=seat.council.kind,
            )
            for seat in seats
        ]


def meeting_contributions(
    university_id: int, person_ids: list[int], starts_on: date, ends_on: date
) -> list[Contribution]:
    """One per meeting held in the period that the person attended (as recorded by the
    secretary after it); one query."""
    with university_scope(university_id):
        attended = (
            Attendance.objects.filter(
                university_id=university_id,
                member__user_id__in=person_ids,
                status=AttendanceStatus.ATTENDED,
                meeting__status=MeetingStatus.HELD,
                meeting__starts_at__date__gte=starts_on,
                meeting__starts_at__date__lte=ends_on,
            )
            .select_related("member", "meeting__council")
            .order_by("meeting__starts_at", "pk")
        )
        return [
            Contribution(
                person_id=row.member.user_id,  # type: ignore[arg-type]  # filtered
                source=MEETINGS,
                on=timezone.localdate(row.meeting.starts_at),
                title=translated(row.meeting.council, "name").text,
                url=row.meeting.get_absolute_url(),
                role=row.member.get_role_display(),
                category=row.meeting.council.kind,
            )
            for row in attended
        ]


register_contribution_source(
    ContributionSource(
        MEMBERSHIP,
        _("Council seats"),
        membership_contributions,
        categories=lambda: list(CouncilKind.choices),
        order=20,
    )
)
register_contribution_source(
    ContributionSource(
        MEETINGS,
        _("Council meetings attended"),
        meeting_contributions,
        categories=lambda: list(CouncilKind.choices),
        order=21,
    )
)
