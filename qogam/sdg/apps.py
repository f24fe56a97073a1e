from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SdgConfig(AppConfig):
    name = "qogam.sdg"
    label = "sdg"
    verbose_name = _("Sustainable Development Goals")

    def ready(self) -> None:
        from qogam.core.audit import register_audited  # noqa: PLC0415 -- needs loaded models
        from qogam.sdg import navigation  # noqa: F401, PLC0415 -- registers the nav item
        from qogam.sdg.models import LocalTarget  # noqa: PLC0415

        # Goals and targets are the UN's, rewritten only from the shipped file; a university's
        # own targets are its content and are audited like any other.
        register_audited(LocalTarget)
