from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "qogam.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from qogam.core.audit import register_audited  # noqa: PLC0415 -- needs loaded models
        from qogam.organisations import dashboard  # noqa: F401, PLC0415 -- registers panels
        from qogam.organisations.models import Network, Unit, University  # noqa: PLC0415

        for model in (Network, University, Unit):
            register_audited(model)
