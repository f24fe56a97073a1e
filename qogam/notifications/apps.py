from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "qogam.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from qogam.core.audit import register_audited  # noqa: PLC0415 -- needs loaded models
        from qogam.notifications import navigation  # noqa: F401, PLC0415 -- registers the item
        from qogam.notifications.models import Preference  # noqa: PLC0415

        register_audited(Preference)
