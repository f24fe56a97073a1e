"""E-mail reminders to confirmed volunteers the day before their shift.

Run daily or hourly (`manage.py send_shift_reminders`). A sign-up is reminded once: its
`reminded_at` is set by a conditional UPDATE in the same transaction as the sending, so a
second run, or two runs at the same time, never send it twice; if sending fails the
transaction rolls back and the next run tries again.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation

from qogam.core.i18n import translated
from qogam.core.mail import send_templated_mail
from qogam.core.tenancy import university_scope
from qogam.volunteering.enums import OpportunityStatus, SignUpStatus
from qogam.volunteering.ics import calendar_for_shift
from qogam.volunteering.models import SignUp

logger = logging.getLogger(__name__)

# Shifts starting this far ahead are "tomorrow": a daily run reaches each shift once, an
# hourly one a day ahead, and a shift added at short notice still gets its reminder.
WINDOW_FROM = timedelta(hours=12)
WINDOW_TO = timedelta(hours=36)


def _sign_ups():
    # The reminder runs over every university; each sign-up is written in its own scope.
    return SignUp.objects.with_scopes_disabled()


def sign_ups_to_remind(*, now: datetime):
    """Confirmed sign-ups, not yet reminded, on shifts starting 12–36 hours from `now`."""
    return (
        _sign_ups()
        .filter(
            status=SignUpStatus.CONFIRMED,
            reminded_at__isnull=True,
            shift__starts_at__gte=now + WINDOW_FROM,
            shift__starts_at__lt=now + WINDOW_TO,
        )
        .exclude(shift__opportunity__status=OpportunityStatus.DRAFT)
        .select_related("student", "shift__opportunity")
        .order_by("shift__starts_at", "pk")
    )


def send_shift_reminders(*, now: datetime | None = None) -> int:
    """E-mail each confirmed volunteer of a shift starting 12–36 hours from now, once, in their
    language, with the shift as an .ics file. Returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    for record in sign_ups_to_remind(now=now):
        if not record.student.email:
            continue
        try:
            with transaction.atomic(), university_scope(record.university_id):
                claimed = (
                    _sign_ups()
                    .filter(pk=record.pk, reminded_at__isnull=True, status=SignUpStatus.CONFIRMED)
                    .update(reminded_at=now)
                )
                if not claimed:
                    continue  # reminded by another run, or cancelled, since it was listed
                send_reminder_mail(sign_up=record, now=now)
        except Exception:
            # One address the mail server refuses must not stop the others; retried next run.
            logger.exception("Shift reminder for sign-up %s was not sent", record.pk)
            continue
        sent += 1
    return sent


def send_reminder_mail(*, sign_up: SignUp, now: datetime) -> None:
    """The reminder itself: when and where, the opportunity's page, the cancel deadline."""
    student, shift = sign_up.student, sign_up.shift
    opportunity = shift.opportunity
    language = student.language or settings.LANGUAGE_CODE
    with translation.override(language):
        starts = timezone.localtime(shift.starts_at)
        ends = timezone.localtime(shift.ends_at)
        deadline = timezone.localtime(shift.cancel_deadline)
        context = {
            "student": student,
            "title": translated(opportunity, "title", language).text,
            "location": opportunity.location,
            "when": formats.date_format(starts, "SHORT_DATETIME_FORMAT"),
            "until": formats.time_format(ends, "TIME_FORMAT"),
            "deadline": formats.date_format(deadline, "SHORT_DATETIME_FORMAT"),
            "may_still_cancel": shift.cancel_deadline > now,
            "opportunity_url": settings.SITE_URL + opportunity.get_absolute_url(),
        }
    send_templated_mail(
        to=student.email,
        template="volunteering/emails/shift_reminder",
        context=context,
        language=language,
        attachments=[("shift.ics", calendar_for_shift(shift, language=language), "text/calendar")],
    )
