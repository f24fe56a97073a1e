from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoverageConfig(AppConfig):
    name = "qogam.coverage"
    label = "coverage"
    verbose_name = _("Media coverage")

    def ready(self) -> None:
        from qogam.core.audit import register_audited  # noqa: PLC0415 -- needs loaded models

        # Importing these registers the sections on other records' pages, the navigation and
        # the staff roll-up's source.
        from qogam.coverage import (  # noqa: F401, PLC0415
            contributions,
            models,
            navigation,
            related,
        )

        register_audited(models.Coverage, m2m_fields={"people"})
