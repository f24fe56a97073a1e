"""Renewal reminders: tell a university's people when a signed agreement is about to end.

Run daily by `manage.py send_agreement_reminders`. An agreement is reminded about once per
expiry window: `reminder_sent_on` records the day, and a renewed agreement (a later `ends_on`)
opens a new window, so it is reminded about again when that one comes.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from qogam.accounts.models import Membership
from qogam.core.enums import Role
from qogam.core.i18n import translated
from qogam.core.tenancy import all_universities, university_scope
from qogam.notifications.services import notify
from qogam.partners.enums import AgreementState
from qogam.partners.models import EXPIRING_WITHIN_DAYS, Agreement
from qogam.partners.notices import AGREEMENT_EXPIRING

# Who looks after every agreement of the university; unit coordinators hear about their units'.
UNIVERSITY_WIDE_ROLES = (Role.UNIVERSITY_ADMIN, Role.OFFICE)


def agreements_due(today: date) -> list[Agreement]:
    """Signed agreements ending within the window and not yet reminded in this window."""
    with all_universities():
        due = Agreement.objects.filter(
            state=AgreementState.SIGNED,
            ends_on__gte=today,
            ends_on__lte=today + timedelta(days=EXPIRING_WITHIN_DAYS),
        ).select_related("organisation", "university")
        return [
            a
            for a in due.order_by("ends_on", "pk")
            if a.reminder_sent_on is None
            or a.reminder_sent_on < a.ends_on - timedelta(days=EXPIRING_WITHIN_DAYS)
        ]


def recipients_of(agreement: Agreement) -> list:
    """The university's admins and office, and coordinators of the agreement's units."""
    unit_ids = list(agreement.units.values_list("pk", flat=True))
    memberships = (
        Membership.objects.with_scopes_disabled()
        .filter(university_id=agreement.university_id, user__is_active=True)
        .filter(
            Q(role__in=UNIVERSITY_WIDE_ROLES) | Q(role=Role.UNIT_COORDINATOR, unit_id__in=unit_ids)
        )
        .select_related("user")
        .order_by("user_id")
    )
    return list({m.user_id: m.user for m in memberships}.values())


def send_agreement_reminders(*, today: date | None = None) -> int:
    """Remind about every agreement due; returns how many agreements were reminded about.

    Each agreement is one transaction with its row locked, so two runs at once (a cron job
    started twice) remind once.
    """
    today = today or timezone.localdate()
    reminded = 0
    for candidate in agreements_due(today):
        with transaction.atomic(), university_scope(candidate.university_id):
            agreement = (
                Agreement.objects.select_for_update()
                .select_related("organisation", "university")
                .get(pk=candidate.pk)
            )
            window_opens = agreement.ends_on - timedelta(days=EXPIRING_WITHIN_DAYS)
            sent = agreement.reminder_sent_on
            if sent is not None and sent >= window_opens:
                continue  # another run reminded while this one waited for the lock
            for user in recipients_of(agreement):
                _remind(user, agreement, today)
            agreement.reminder_sent_on = today
            agreement.save(update_fields=["reminder_sent_on", "updated_at"])
            reminded += 1
    return reminded


def _remind(user, agreement: Agreement, today: date) -> None:
    language = user.language or settings.LANGUAGE_CODE
    organisation = agreement.organisation
    with translation.override(language):
        url = agreement.get_absolute_url()
    notify(
        user=user,
        kind=AGREEMENT_EXPIRING,
        context={
            "agreement": agreement,
            # Plain text in the recipient's language: a notice is text, not HTML.
            "agreement_title": translated(agreement, "title", language).text,
            "partner_name": translated(organisation, "name", language).text,
            "days_left": (agreement.ends_on - today).days,
            "university": agreement.university,
        },
        url=url,
    )
