from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "qogam.councils"
    label = "councils"
    verbose_name = _("Councils and advisory boards")

    def ready(self) -> None:
        from qogam.core.audit import register_audited  # noqa: PLC0415 -- needs loaded models

        # Importing these registers the activity and contribution sources, home panel,
        # navigation and notices.
        from qogam.councils import (  # noqa: F401, PLC0415
            activities,
            contributions,
            dashboard,
            models,
            navigation,
            notices,
        )

        register_audited(models.Council)
        register_audited(models.CouncilMember)
        register_audited(models.Meeting)
        register_audited(models.AgendaItem)
        register_audited(models.Attendance, exclude_fields=["token_hash"])
        register_audited(models.Decision)
        register_audited(models.DecisionNote)
