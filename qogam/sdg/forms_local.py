"""The form of a university's local SDG target.

The UN target is chosen by its code from the shipped taxonomy (grouped by goal, labelled in
the reader's language, no query to draw it); the service saves and decides.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from qogam.core.i18n import TranslatedFieldsFormMixin, translated_field_names
from qogam.sdg.goals import GOALS, goal_title, target_title
from qogam.sdg.models import LocalTarget, Target
from qogam.sdg.services import LOCAL_CODE_MAX, local_target_code_errors
from qogam.sdg.tagger.training import taxonomy

# How much of a target's title an option shows: enough to recognise it, short enough to read.
OPTION_TITLE_CHARS = 70


def target_choices() -> list:
    """[("7 · Affordable and clean energy", [("7.1", "7.1 — Ensure universal …"), …]), …]"""
    by_goal: dict[int, list[tuple[str, str]]] = {n: [] for n in GOALS}
    for target in taxonomy()["targets"]:
        code = target["code"]
        short = Truncator(target_title(code)).chars(OPTION_TITLE_CHARS)
        by_goal[int(target["goal"])].append((code, f"{code} — {short}"))
    return [
        ("", _("Choose a UN target")),
        *[(f"{n} · {goal_title(n)}", by_goal[n]) for n in GOALS],
    ]


class LocalTargetForm(TranslatedFieldsFormMixin, forms.ModelForm):
    translated_fields = ("title",)
    required_translated_fields = ("title",)
    target = forms.ChoiceField(
        label=_("UN target"), help_text=_("The target of the 169 that this local target serves.")
    )

    class Meta:
        model = LocalTarget
        fields = ["target", "code", *translated_field_names("title")]
        help_texts = {
            "code": _(
                "Begin with the UN target's code and a dot, then your own part, e.g. 7.2.KZ-1. "
                "Letters, digits, dots and dashes, up to 32 characters."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = target_choices()
        self.fields["code"].max_length = LOCAL_CODE_MAX
        self.fields["code"].widget.attrs["placeholder"] = "7.2.KZ-1"
        if self.instance.pk:
            self.initial["target"] = self.instance.target.code

    def clean_target(self) -> Target:
        try:
            return Target.objects.get(code=self.cleaned_data["target"])
        except Target.DoesNotExist:
            raise ValidationError(_("Choose one of the UN targets."), code="invalid") from None

    def clean(self):
        cleaned = super().clean() or {}
        code, target = cleaned.get("code"), cleaned.get("target")
        if code and target is not None:
            for message in local_target_code_errors(code.strip(), target.code):
                self.add_error("code", message)
        return cleaned

    def _post_clean(self):
        # The service checks the whole local target (and names the field); skip the model's.
        pass

    def values(self) -> dict:
        return dict(self.cleaned_data)
