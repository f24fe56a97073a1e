"""E-mail confirmed volunteers the day before their shift, once per sign-up.

Cron (hourly or daily): `0 * * * * cd /srv/qogam && .venv/bin/python manage.py send_shift_reminders`
"""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from qogam.volunteering.reminders import send_shift_reminders


class Command(BaseCommand):
    help = "E-mail the confirmed volunteers of shifts starting in 12 to 36 hours (once each)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", help="Run as if it were this moment (ISO 8601, e.g. 2026-05-01T09:00)."
        )

    def handle(self, *args, **options):
        now = None
        if options["now"]:
            try:
                now = datetime.fromisoformat(options["now"])
            except ValueError as exc:
                raise CommandError(
                    f"--now must be an ISO 8601 date and time, not {options['now']!r}"
                ) from exc
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        # The service reads every university's shifts and opens each one's scope to write.
        count = send_shift_reminders(now=now)
        self.stdout.write(f"Sent {count} shift reminder(s).")
