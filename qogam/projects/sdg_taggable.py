"""Projects are tagged with SDGs from their title and description."""

from django.utils.translation import gettext_lazy as _

from qogam.projects.models import Project
from qogam.sdg.registry import Taggable, register_taggable

register_taggable(
    Taggable(
        key="projects.project",
        model=Project,
        label=_("Projects"),
        text_fields=("title", "description", "outcomes"),
        unit_field="lead_unit",
        list_url="projects:list",
        change_perm="projects.change_project",
        order=10,
    )
)
