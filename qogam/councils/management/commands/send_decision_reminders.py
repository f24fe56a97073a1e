"""Daily: tell owners of overdue council decisions, once per decision.

Cron: `30 7 * * * cd /srv/qogam && .venv/bin/python manage.py send_decision_reminders`
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from qogam.councils.services import remind_overdue_decisions


class Command(BaseCommand):
    help = "Notify the owners of overdue council decisions (once per decision)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Run as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, **options):
        today = None
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError(f"--today must be YYYY-MM-DD, not {options['today']!r}") from exc
        count = remind_overdue_decisions(today=today)
        self.stdout.write(f"Reminded the owners of {count} decision(s).")
