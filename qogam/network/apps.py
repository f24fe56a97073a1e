from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "qogam.network"
    label = "network"
    verbose_name = _("Network of universities")

    def ready(self) -> None:
        from qogam.core.audit import register_audited  # noqa: PLC0415 -- needs loaded models
        from qogam.core.visibility import set_network_exclusion  # noqa: PLC0415
        from qogam.network import models, navigation, sdg_taggable  # noqa: PLC0415, F401
        from qogam.network.services.members import left_member_ids  # noqa: PLC0415

        for model in (
            models.NetworkMembership,
            models.NetworkPack,
            models.GoodPractice,
            models.PracticeAdoption,
            models.JointProject,
            models.JointProjectPart,
            models.Conference,
            models.Resolution,
            models.Recommendation,
        ):
            register_audited(model)
        # A response's evidence is its links: a changed link is a change of the response.
        register_audited(models.RecommendationResponse, m2m_fields={"measures", "projects"})
        # Members that left: their `network` records stop being shown to the others.
        set_network_exclusion(left_member_ids)
