"""Every form's goals are labelled with the goal's title in the reader's language, whatever
language was active when the form's module was imported."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from qogam.needs.forms import NeedForm
from qogam.research.forms import StudyForm
from qogam.sdg.forms import GoalsField
from qogam.strategy.forms import MeasureForm


def test_goal_labels_follow_the_active_language():
    field = GoalsField()
    with translation.override("ru"):
        russian = dict(field.choices)[3]
    with translation.override("kk"):
        kazakh = dict(field.choices)[3]
    with translation.override("en"):
        english = dict(field.choices)[3]
    assert russian == "3 · Хорошее здоровье и благополучие"
    assert kazakh == "3 · Денсаулық пен амандық"
    assert english == "3 · Good health and well-being"


def test_the_forms_use_the_goals_field():
    for form in (NeedForm, StudyForm, MeasureForm):
        assert isinstance(form.base_fields["sdgs"], GoalsField), form


def test_a_goal_outside_1_to_17_is_refused():
    field = GoalsField()
    assert field.clean(["7", "3", "7"]) == [3, 7]
    with translation.override("en"), pytest.raises(ValidationError, match="18"):
        field.clean(["18"])
