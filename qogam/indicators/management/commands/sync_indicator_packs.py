"""Create or update the indicator packs shipped with Qogam from qogam/indicators/packs/*.json.

Run after every upgrade: `manage.py sync_indicator_packs`. Safe to run again; a bad file stops
the whole load and nothing is saved.
"""

from auditlog.context import set_actor
from django.core.management.base import BaseCommand, CommandError

from qogam.indicators.packs import PackError, load_packs


class Command(BaseCommand):
    help = "Create or update the shipped indicator packs and their indicators."

    def handle(self, *args, **options):
        try:
            with set_actor(None):
                summary = load_packs()
        except PackError as exc:
            raise CommandError(str(exc)) from exc
        for line in summary.lines():
            self.stdout.write(line)
        if not summary.changed:
            self.stdout.write("Nothing to change.")
