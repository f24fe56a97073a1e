from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "qogam.partners"
    label = "partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        from qogam.core.audit import register_audited  # noqa: PLC0415 -- needs loaded models

        # Importing these registers the activity sources, home panels, navigation and notices.
        from qogam.partners import (  # noqa: F401, PLC0415
            activities,
            dashboard,
            models,
            navigation,
            notices,
            surveys,
        )

        register_audited(models.PartnerOrganisation, m2m_fields={"units"})
        register_audited(models.Contact)
        register_audited(models.Agreement, m2m_fields={"units", "other_parties"})
        register_audited(models.PartnerSurvey, exclude_fields=["token_hash"])
