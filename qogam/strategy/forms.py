"""Forms for strategies, their parts, progress notes and copies.

Forms parse input; the services decide (permissions, periods, universities, translations).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qogam.accounts.models import User
from qogam.core.enums import Component, Visibility
from qogam.core.i18n import TranslatedFieldsFormMixin, translated, translated_field_names
from qogam.core.indicator_codes import unknown_indicator_codes
from qogam.organisations.models import Unit, University
from qogam.projects.models import Project
from qogam.sdg.forms import GoalsField
from qogam.strategy import queries
from qogam.strategy.enums import MeasureStatus
from qogam.strategy.models import Direction, Goal, Measure, ProgressNote, Strategy
from qogam.strategy.validators import validate_indicator_codes


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TranslatedChoiceField(forms.ModelChoiceField):
    """A choice of records labelled in the reader's language."""

    def __init__(self, *args, text_field: str = "name", **kwargs):
        self.text_field = text_field
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return translated(obj, self.text_field).text or str(obj)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class ProjectChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return translated(obj, "title").text


class ServiceValidatedForm(TranslatedFieldsFormMixin, forms.ModelForm):
    def _post_clean(self):
        # The service validates the whole record and saves it.
        pass

    def values(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data
        }


class StrategyForm(ServiceValidatedForm):
    translated_fields = ("title", "summary")
    required_translated_fields = ("title",)
    university = TranslatedChoiceField(
        label=_("University"), queryset=University.objects.none(), required=True
    )
    unit = TranslatedChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Leave empty for the whole university's strategy."),
    )

    class Meta:
        model = Strategy
        fields = [
            *translated_field_names("title"),
            *translated_field_names("summary"),
            "starts_on",
            "ends_on",
            "visibility",
            "is_template",
        ]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, viewer, universities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        if self.instance.pk:
            del self.fields["university"]
            university_ids = [self.instance.university_id]
        else:
            self.fields["university"].queryset = universities
            university_ids = [u.pk for u in universities]
            if len(university_ids) == 1:
                del self.fields["university"]
                self.instance.university = universities[0]
        self.fields["unit"].queryset = queries.units_for_plans(viewer, university_ids)
        if self.instance.pk or not viewer.is_network_admin:
            del self.fields["is_template"]
        for name in translated_field_names("summary"):
            self.fields[name].widget.attrs["rows"] = 3

    def clean(self):
        cleaned = super().clean()
        university = cleaned.get("university") or getattr(self.instance, "university", None)
        unit = cleaned.get("unit")
        if unit is not None and university is not None and unit.university_id != university.pk:
            self.add_error("unit", _("The unit belongs to another university."))
        return cleaned


class DirectionForm(ServiceValidatedForm):
    translated_fields = ("title",)
    required_translated_fields = ("title",)

    class Meta:
        model = Direction
        fields = ["position", *translated_field_names("title")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False
        self.fields["position"].help_text = _("Left empty: after the last one.")
        if not self.instance.pk:
            # A new record takes the next number unless one is typed.
            self.initial.pop("position", None)
            self.fields["position"].initial = None


class GoalForm(DirectionForm):
    direction = TranslatedChoiceField(
        label=_("Strategic direction"), queryset=Direction.objects.none(), text_field="title"
    )

    class Meta:
        model = Goal
        fields = ["direction", "position", *translated_field_names("title")]

    def __init__(self, *args, strategy: Strategy, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["direction"].queryset = (
                Direction.objects.with_scopes_disabled()
                .filter(strategy=strategy)
                .order_by("position", "pk")
            )
        else:
            del self.fields["direction"]


class CodesField(forms.CharField):
    """Indicator codes typed as text, separated by commas or spaces."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [code for code in re.split(r"[,;\s]+", text) if code]

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value):
        super().run_validators(value)
        validate_indicator_codes(value)


class MeasureForm(ServiceValidatedForm):
    translated_fields = ("title", "description")
    required_translated_fields = ("title",)
    goal = TranslatedChoiceField(label=_("Goal"), queryset=Goal.objects.none(), text_field="title")
    owner = PersonChoiceField(
        label=_("Responsible person"), queryset=User.objects.none(), required=False
    )
    owner_unit = TranslatedChoiceField(
        label=_("Responsible unit"), queryset=Unit.objects.none(), required=False
    )
    components = forms.MultipleChoiceField(
        label=_("Components of the University model 4.0"),
        choices=Component.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    sdgs = GoalsField()
    indicator_codes = CodesField(
        label=_("Indicators that will show it"),
        required=False,
        max_length=500,
        help_text=_("Codes of the indicators, separated by commas, e.g. VOL-01, PRJ-03."),
    )
    projects = ProjectChoiceField(
        label=_("Projects that carry it out"),
        queryset=Project.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Measure
        fields = [
            "goal",
            "position",
            *translated_field_names("title"),
            *translated_field_names("description"),
            "owner",
            "owner_unit",
            "starts_on",
            "due_on",
            "budget",
            "components",
            "sdgs",
            "indicator_codes",
            "projects",
        ]
        widgets = {"starts_on": DateInput(), "due_on": DateInput()}

    def __init__(self, *args, strategy: Strategy, **kwargs):
        super().__init__(*args, **kwargs)
        university_id = strategy.university_id
        self.university_id = university_id
        self.fields["position"].required = False
        self.fields["position"].help_text = _("Left empty: after the last one.")
        if not self.instance.pk:
            # A new record takes the next number unless one is typed.
            self.initial.pop("position", None)
            self.fields["position"].initial = None
        self.fields["owner"].queryset = queries.staff_choices(university_id)
        self.fields["owner_unit"].queryset = queries.units_of(university_id)
        self.fields["projects"].queryset = queries.projects_of(university_id)
        if self.instance.pk:
            self.fields["goal"].queryset = (
                Goal.objects.with_scopes_disabled()
                .filter(strategy=strategy)
                .select_related("direction")
                .order_by("direction__position", "position", "pk")
            )
        else:
            del self.fields["goal"]
        for name in translated_field_names("description"):
            self.fields[name].widget.attrs["rows"] = 3

    def clean_indicator_codes(self):
        codes = self.cleaned_data["indicator_codes"]
        # The indicators app says which codes exist for this university (shipped ones and
        # its own); a typo would otherwise link the measure to nothing.
        unknown = unknown_indicator_codes(codes, self.university_id)
        if unknown:
            raise ValidationError(
                _("No indicator has the code %(codes)s.") % {"codes": ", ".join(unknown)},
                code="unknown_indicator_code",
            )
        return codes

    def values(self) -> dict:
        values = super().values()
        values.pop("projects", None)
        return values


class ProgressNoteForm(forms.ModelForm):
    class Meta:
        model = ProgressNote
        fields = ["on", "status", "text"]
        widgets = {"on": DateInput(), "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
        self.fields["status"].choices = MeasureStatus.choices

    def _post_clean(self):
        pass


class CopyForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Copy from"), queryset=Strategy.objects.none(), to_field_name="public_id"
    )
    university = TranslatedChoiceField(label=_("University"), queryset=University.objects.none())
    unit = TranslatedChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Leave empty for the whole university's strategy."),
    )
    starts_on = forms.DateField(label=_("New period starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("New period ends on"), widget=DateInput())
    title_kk = forms.CharField(label=_("Title (Kazakh)"), max_length=300, required=False)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    visibility = forms.ChoiceField(
        label=_("Visibility"), choices=Visibility.choices, initial=Visibility.PRIVATE
    )

    def __init__(self, *args, viewer, universities, **kwargs):
        super().__init__(*args, **kwargs)
        university_ids = [u.pk for u in universities]
        self.fields["source"].queryset = queries.copy_sources(viewer, university_ids)
        self.fields["source"].label_from_instance = self._source_label
        self.fields["university"].queryset = universities
        if len(university_ids) == 1:
            self.fields["university"].initial = university_ids[0]
            self.fields["university"].widget = forms.HiddenInput()
        self.fields["unit"].queryset = queries.units_for_plans(viewer, university_ids)
        for code in ("kk", "ru", "en"):
            self.fields[f"title_{code}"].widget.attrs["lang"] = code
            self.fields[f"title_{code}"].help_text = _("Left empty: the source's title.")

    @staticmethod
    def _source_label(strategy: Strategy) -> str:
        title = translated(strategy, "title").text
        if strategy.is_template:
            return _("Template: %(title)s (%(period)s)") % {
                "title": title,
                "period": strategy.period_label,
            }
        return f"{title} ({strategy.period_label})"

    def clean(self):
        cleaned = super().clean()
        university, unit = cleaned.get("university"), cleaned.get("unit")
        if unit is not None and university is not None and unit.university_id != university.pk:
            self.add_error("unit", _("The unit belongs to another university."))
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The period must end after it starts."))
        return cleaned
