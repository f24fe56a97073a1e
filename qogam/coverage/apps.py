from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoverageConfig(AppConfig):
    name = "qogam.coverage"
    label = "coverage"
    verbose_name = _("Media coverage")

    def ready(self) -> None:
        from qogam.core.audit import register_audited  # noqa: PLC0415 -- needs loaded models

        # Importing these registers the sections on other records' pages and the navigation.
        from qogam.coverage import models, navigation, related  # noqa: F401, PLC0415

        register_audited(models.Coverage)
