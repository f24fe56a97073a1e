from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "qogam.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from qogam.core.audit import register_audited  # noqa: PLC0415 -- needs loaded models

        # Each domain app declares its measures in measures.py; importing them fills the
        # registry in qogam.core.measures (indicators never imports a domain app's models).
        autodiscover_modules("measures")

        # Importing these registers the home panel, the navigation item and the look-up of
        # indicator codes that strategy measures cite.
        from qogam.indicators import dashboard, models, navigation, registry  # noqa: F401, PLC0415

        for model in (
            models.Indicator,
            models.Target,
            models.ManualValue,
            models.Snapshot,
            models.SelfAssessment,
            models.AssessmentScore,
            models.PackActivation,
            models.IndicatorVisibility,
        ):
            register_audited(model)
