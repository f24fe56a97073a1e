from django.core.management.base import BaseCommand

from qogam.notifications.enums import Delivery
from qogam.notifications.services import send_digests


class Command(BaseCommand):
    help = "E-mail the daily or weekly digest of notices (run from cron or a systemd timer)."

    def add_arguments(self, parser):
        parser.add_argument("delivery", choices=[Delivery.DAILY, Delivery.WEEKLY])

    def handle(self, *args, delivery, **options):
        sent = send_digests(delivery=delivery)
        self.stdout.write(f"{sent} digest e-mail(s) sent.")
