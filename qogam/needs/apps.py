from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "qogam.needs"
    label = "needs"
    verbose_name = _("Community needs")

    def ready(self) -> None:
        # Imports here need loaded models; each line registers something at start-up.
        from qogam.core.audit import register_audited  # noqa: PLC0415
        from qogam.needs import (  # noqa: F401, PLC0415
            dashboard,
            models,
            notices,
            sdg_taggable,
        )

        register_audited(models.Need, exclude_fields=["email_token_hash", "email_token_expires_at"])
        register_audited(models.NeedAttachment)
        register_audited(models.NeedEvent)
        register_audited(models.Comment)
        register_audited(models.Support, exclude_fields=["token_hash"])
        register_audited(models.Follow)
        register_audited(models.Report)
