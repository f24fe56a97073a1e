from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "qogam.projects"
    label = "projects"
    verbose_name = _("Engagement projects and activities")

    def ready(self) -> None:
        from qogam.core.audit import register_audited  # noqa: PLC0415 -- needs loaded models

        # Importing these registers the partner activities, the need's projects and timeline
        # entries, the home panel and the navigation item.
        from qogam.projects import (  # noqa: F401, PLC0415
            activities,
            contributions,
            dashboard,
            models,
            navigation,
            related,
            sdg_taggable,
        )

        register_audited(models.Project, m2m_fields={"units", "responsible", "partners", "needs"})
        register_audited(models.Participant)
        register_audited(models.ProjectUpdate)
        register_audited(models.UpdatePhoto)
        register_audited(models.Evidence)
