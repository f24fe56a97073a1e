"""Community needs are tagged with SDGs from their title and description."""

from django.utils.translation import gettext_lazy as _

from qogam.needs.models import Need
from qogam.sdg.registry import Taggable, register_taggable

register_taggable(
    Taggable(
        key="needs.need",
        model=Need,
        label=_("Community needs"),
        text_fields=("title", "description"),
        unit_field="unit",
        list_url="needs:list",
        change_perm="needs.change_need",
        order=20,
    )
)
