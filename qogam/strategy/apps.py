from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "qogam.strategy"
    label = "strategy"
    verbose_name = _("Strategy")

    def ready(self) -> None:
        from qogam.core.audit import register_audited  # noqa: PLC0415 -- needs loaded models

        # Importing these registers the home panel and the navigation item.
        from qogam.strategy import dashboard, models, navigation  # noqa: F401, PLC0415

        for model in (models.Strategy, models.Direction, models.Goal, models.Measure):
            register_audited(model)
        register_audited(models.ProgressNote)
