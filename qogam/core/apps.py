from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "qogam.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from qogam.core import checks  # noqa: F401, PLC0415 -- registers system checks at start-up
