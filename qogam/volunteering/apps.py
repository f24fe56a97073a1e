from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "qogam.volunteering"
    label = "volunteering"
    verbose_name = _("Volunteering")

    def ready(self) -> None:
        from qogam.core.audit import register_audited  # noqa: PLC0415 -- needs loaded models

        # Importing these registers the navigation item and the kind of notice.
        from qogam.volunteering import models, navigation, notices  # noqa: F401, PLC0415

        register_audited(models.Opportunity)
        register_audited(models.Shift)
        register_audited(models.SignUp)
