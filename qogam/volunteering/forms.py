from django import forms
from django.utils.translation import gettext_lazy as _

from qogam.core.forms import add_service_error as add_service_error  # one helper for every app
from qogam.core.i18n import TranslatedFieldsFormMixin, translated_field_names
from qogam.organisations.models import Unit, University
from qogam.partners.models import PartnerOrganisation
from qogam.projects.enums import ProjectKind
from qogam.projects.models import Project
from qogam.sdg.forms import GoalsField, SdgSuggestionsMixin
from qogam.sdg.goals import goal_choices
from qogam.volunteering import queries
from qogam.volunteering.models import Opportunity, Shift

OPPORTUNITY_FIELDS = [
    "kind",
    *translated_field_names("title"),
    *translated_field_names("description"),
    "sdgs",
    "project",
    "partner",
    "unit",
    "skills",
    "location",
    "accessibility",
    "minimum_age",
    "status",
    "visibility",
]
SHIFT_FIELDS = ["starts_at", "ends_at", "capacity", "cancel_until"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _blank(choices, label):
    return [("", label), *choices]


class OpportunityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    date = forms.DateField(label=_("With a shift on or after"), required=False, widget=DateInput())
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, to_field_name="public_id"
    )
    sdg = forms.TypedChoiceField(label=_("Goal"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _blank(ProjectKind.choices, _("Any kind"))
        self.fields["sdg"].choices = _blank(goal_choices(), _("Any goal"))
        if units is not None:
            self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = _("Any unit")

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data["q"],
            "kind": data["kind"],
            "unit": data["unit"],
            "on_or_after": data["date"],
            "sdg": data["sdg"],
        }


class OpportunityForm(SdgSuggestionsMixin, TranslatedFieldsFormMixin, forms.ModelForm):
    translated_fields = ("title", "description")
    required_translated_fields = ("title",)
    university = forms.ModelChoiceField(
        label=_("University"), queryset=University.objects.none(), required=True
    )
    # Declared here because the model's own fields would query with no tenant scope open.
    project = forms.ModelChoiceField(
        label=_("Project"), queryset=Project.objects.none(), required=False
    )
    partner = forms.ModelChoiceField(
        label=_("Partner"), queryset=PartnerOrganisation.objects.none(), required=False
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    sdg_kind = "volunteering.opportunity"
    sdgs = GoalsField()

    class Meta:
        model = Opportunity
        fields = OPPORTUNITY_FIELDS

    def __init__(self, *args, universities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["university"]
            university_ids = [self.instance.university_id]
        else:
            self.fields["university"].queryset = universities
            university_ids = [u.pk for u in universities]
            if len(university_ids) == 1:
                # One university to choose from is no choice: the form takes it.
                del self.fields["university"]
                self.instance.university = universities[0]
        self.fields["project"].queryset = queries.projects_of(university_ids).order_by("pk")
        self.fields["partner"].queryset = queries.partners_of(university_ids).order_by("name")
        self.fields["unit"].queryset = queries.units_of(university_ids).order_by("name")
        for name in translated_field_names("description"):
            self.fields[name].widget.attrs["rows"] = 3
        for name in ("skills", "accessibility"):
            self.fields[name].widget.attrs["rows"] = 2

    def clean(self):
        cleaned = super().clean()
        if "university" in self.fields and cleaned.get("university") is not None:
            self.instance.university = cleaned["university"]
        return cleaned

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in OPPORTUNITY_FIELDS}


class ShiftForm(forms.ModelForm):
    class Meta:
        model = Shift
        fields = SHIFT_FIELDS
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in SHIFT_FIELDS}
