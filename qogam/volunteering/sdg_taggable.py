"""Volunteering opportunities and courses are tagged with SDGs from their texts."""

from django.utils.translation import gettext_lazy as _

from qogam.sdg.registry import Taggable, register_taggable
from qogam.volunteering.models import Course, Opportunity

register_taggable(
    Taggable(
        key="volunteering.opportunity",
        model=Opportunity,
        label=_("Volunteering opportunities"),
        text_fields=("title", "description", "skills"),
        unit_field="unit",
        list_url="volunteering:list",
        change_perm="volunteering.change_opportunity",
        order=40,
    )
)
register_taggable(
    Taggable(
        key="volunteering.course",
        model=Course,
        label=_("Courses"),
        text_fields=("name", "description"),
        unit_field="unit",
        list_url="volunteering:programmes",
        change_perm="volunteering.change_course",
        order=50,
    )
)
