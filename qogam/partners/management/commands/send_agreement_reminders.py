"""Daily: remind universities about signed agreements that end soon.

Cron: `15 7 * * * cd /srv/qogam && .venv/bin/python manage.py send_agreement_reminders`
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from qogam.partners.reminders import send_agreement_reminders


class Command(BaseCommand):
    help = "Notify admins, the third-mission office and unit coordinators of expiring agreements."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="Run as if today were this date (YYYY-MM-DD), to catch up a missed day."
        )

    def handle(self, *args, **options):
        today = None
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError(f"--today must be YYYY-MM-DD, not {options['today']!r}") from exc
        count = send_agreement_reminders(today=today)
        self.stdout.write(f"Reminded about {count} agreement(s).")
