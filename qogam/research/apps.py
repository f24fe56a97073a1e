from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "qogam.research"
    label = "research"
    verbose_name = _("Regional research")

    def ready(self) -> None:
        from qogam.core.audit import register_audited  # noqa: PLC0415 -- needs loaded models

        # Importing these registers the partner activities, the staff roll-up's sources, the
        # home panel, navigation and the sections a need's page shows.
        from qogam.research import (  # noqa: F401, PLC0415
            activities,
            contributions,
            dashboard,
            models,
            navigation,
            related,
            sdg_taggable,
        )

        register_audited(models.Study, m2m_fields={"authors", "units", "needs"})
        register_audited(models.StudyOutput)
        register_audited(models.ResearchQuestion)
        register_audited(models.QuestionTaker)
