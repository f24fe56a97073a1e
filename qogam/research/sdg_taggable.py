"""Studies are tagged with SDGs from their title and abstract."""

from django.utils.translation import gettext_lazy as _

from qogam.research.models import Study
from qogam.sdg.registry import Taggable, register_taggable

register_taggable(
    Taggable(
        key="research.study",
        model=Study,
        label=_("Studies"),
        text_fields=("title", "abstract"),
        unit_field="lead_unit",
        list_url="research:list",
        change_perm="research.change_study",
        order=30,
    )
)
