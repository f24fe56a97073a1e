"""The goals a need form offers are labelled in the reader's language, whatever language was
active when the module was imported."""

from django.utils import translation

from qogam.needs.forms import sdg_choices
from qogam.research.forms import sdg_choices as study_sdg_choices


def test_sdg_choices_follow_the_active_language():
    with translation.override("ru"):
        russian = dict(sdg_choices())[3]
        study_russian = dict(study_sdg_choices())[3]
    with translation.override("en"):
        english = dict(sdg_choices())[3]
    assert (russian, study_russian, english) == ("Цель 3", "Цель 3", "Goal 3")
