"""Forms of bulk tagging: starting a run, and filtering the review queue."""

from django import forms
from django.utils.translation import gettext_lazy as _

from qogam.sdg import registry
from qogam.sdg.goals import goal_choices


def _kind_choices() -> list[tuple[str, str]]:
    return [(kind.key, str(kind.label)) for kind in registry.taggables()]


class TaggingRunForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of record to read"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    only_untagged = forms.BooleanField(
        label=_("Only records without goals"),
        required=False,
        initial=True,
        help_text=_("Leave unticked to read records that already carry goals as well."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = _kind_choices()
        self.fields["kinds"].choices = choices  # type: ignore[attr-defined]
        self.fields["kinds"].initial = [key for key, _label in choices]


class ReviewFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of record"), required=False, choices=())
    goal = forms.TypedChoiceField(
        label=_("Goal"), required=False, coerce=int, empty_value=None, choices=()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *_kind_choices()]  # type: ignore[attr-defined]
        self.fields["goal"].choices = [("", _("All goals")), *goal_choices()]  # type: ignore[attr-defined]
