"""Good practices are tagged with SDGs from their title, summary and results."""

from django.utils.translation import gettext_lazy as _

from qogam.network.models import GoodPractice
from qogam.sdg.registry import Taggable, register_taggable

register_taggable(
    Taggable(
        key="network.goodpractice",
        model=GoodPractice,
        label=_("Good practices"),
        text_fields=("title", "summary", "audience", "results"),
        list_url="network:practices",
        change_perm="network.change_goodpractice",
        order=60,
    )
)
