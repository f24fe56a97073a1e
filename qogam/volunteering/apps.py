from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "qogam.volunteering"
    label = "volunteering"
    verbose_name = _("Volunteering")

    def ready(self) -> None:
        from qogam.core.audit import register_audited  # noqa: PLC0415 -- needs loaded models

        # Importing these registers the navigation items, the home panels, the notice and the
        # staff roll-up's contribution source.
        from qogam.volunteering import (  # noqa: F401, PLC0415
            contributions,
            dashboard,
            models,
            navigation,
            notices,
            sdg_taggable,
        )

        register_audited(models.Opportunity)
        register_audited(models.Shift)
        register_audited(models.SignUp)
        register_audited(models.HoursEntry)
        register_audited(models.HoursCorrection)
        register_audited(models.Programme)
        register_audited(models.Course)
        register_audited(models.Enrolment)
        register_audited(models.Certificate)
        register_audited(models.SigningKey, exclude_fields=["private_key"])
