from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "qogam.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from qogam.core.audit import register_audited  # noqa: PLC0415 -- needs loaded models

        # Importing navigation registers the "Reports" item of the main navigation.
        from qogam.reports import models, navigation  # noqa: F401, PLC0415

        register_audited(models.Report)
