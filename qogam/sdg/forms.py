"""The goals field every taggable record's form uses, with Qogam's suggestions beside it.

    class ProjectForm(SdgSuggestionsMixin, forms.ModelForm):
        sdg_kind = "projects.project"
        sdgs = GoalsField()

The widget shows the 17 goals as checkboxes with their icons and, below, the suggestions for
the text being written (refreshed by htmx as the person types, rendered on the server when the
page opens). Each suggestion has Accept / Reject; accepted goals join `sdgs`, and after the
record is saved the view calls `form.save_sdg_choices(record, user)` to store how each goal
got there and which suggestions were rejected.
"""

import re

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qogam.sdg import registry, services
from qogam.sdg.goals import goal_choices, is_target
from qogam.sdg.suggestions import ACCEPT, REJECT, panel_for_form, posted_decisions


class GoalsWidget(forms.CheckboxSelectMultiple):
    template_name = "sdg/widgets/goals.html"
    option_template_name = "sdg/widgets/goal_option.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form = None  # set by SdgSuggestionsMixin

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        form = self.form
        if form is not None:
            context["sdg_panel"] = panel_for_form(form)
        return context


class GoalsField(forms.TypedMultipleChoiceField):
    widget = GoalsWidget

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Sustainable Development Goals"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("choices", goal_choices)
        super().__init__(**kwargs)

    def clean(self, value):
        return sorted(set(super().clean(value) or []))


class SdgSuggestionsMixin:
    """For a ModelForm with a GoalsField named `sdgs` and a registry key in `sdg_kind`."""

    sdg_kind = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sdg_accepted: set[int] = set()
        self.sdg_rejected: set[int] = set()
        self.sdg_targets: list[str] | None = None
        field = self.fields.get("sdgs")
        if field is not None and isinstance(field.widget, GoalsWidget):
            field.widget.form = self
        kind = registry.taggable(self.sdg_kind)
        if kind is None:
            raise ValueError(f"{self.sdg_kind!r} is not a registered SDG taggable")
        self.sdg_taggable = kind
        # The text fields refresh the suggestions as the person types.
        for name, text_field in self.fields.items():
            base = re.sub(r"_(kk|ru|en)$", "", name)
            if base in kind.text_fields:
                classes = text_field.widget.attrs.get("class", "")
                text_field.widget.attrs["class"] = f"{classes} sdg-text".strip()

    @property
    def sdg_record(self):
        instance = getattr(self, "instance", None)
        return instance if instance is not None and instance.pk else None

    def clean(self):
        cleaned = super().clean()
        decisions = posted_decisions(self.data) if self.is_bound else {}
        self.sdg_accepted = {g for g, d in decisions.items() if d == ACCEPT}
        self.sdg_rejected = {g for g, d in decisions.items() if d == REJECT}
        goals = set(cleaned.get("sdgs") or []) | self.sdg_accepted
        if self.is_bound and self.data.get("sdg_targets_shown"):
            codes = [c for c in self.data.getlist("sdg_target") if c]
            unknown = [c for c in codes if not is_target(c)]
            if unknown:
                self.add_error(
                    "sdgs",
                    _("Unknown SDG targets: %(codes)s.") % {"codes": ", ".join(unknown[:5])},
                )
            else:
                self.sdg_targets = sorted(set(codes))
                goals |= {int(c.split(".")[0]) for c in codes}
        # A goal both chosen and rejected was chosen: the checkbox is the person's last word.
        self.sdg_rejected -= goals
        if "sdgs" in cleaned or "sdgs" in self.fields:
            cleaned["sdgs"] = sorted(goals)
        return cleaned

    def save_sdg_choices(self, record, actor) -> None:
        """Store how the saved record's goals got there (call after the record is saved)."""
        services.record_goal_choices(
            actor=actor,
            record=record,
            accepted=self.sdg_accepted,
            rejected=self.sdg_rejected,
            targets=self.sdg_targets,
        )
