"""Create or update the UN's 17 goals and 169 targets (kk/ru/en) from qogam/sdg/data/.

Safe to run again: `manage.py sync_sdg_taxonomy`.
"""

from django.core.management.base import BaseCommand

from qogam.sdg.services import sync_taxonomy


class Command(BaseCommand):
    help = "Create or update the SDG goals and targets shipped with Qogam."

    def handle(self, *args, **options):
        summary = sync_taxonomy()
        self.stdout.write(
            f"goals created: {summary.goals_created}, targets created: "
            f"{summary.targets_created}, updated: {summary.updated}"
        )
