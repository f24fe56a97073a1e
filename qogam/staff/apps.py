from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "qogam.staff"
    label = "staff"
    verbose_name = _("Staff and the third mission")

    def ready(self) -> None:
        from qogam.core.audit import register_audited  # noqa: PLC0415 -- needs loaded models

        # Importing them registers the home panel and the navigation item.
        from qogam.staff import dashboard, models, navigation  # noqa: F401, PLC0415

        for model in (
            models.Function,
            models.Position,
            models.ExpectedFunction,
            models.Assignment,
            models.AssignmentLine,
        ):
            register_audited(model)
