"""Forms for good practices, their adoption, joint projects and their parts.

Forms parse and check input; the services decide (permissions, whose projects, membership).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from qogam.core.enums import Component
from qogam.core.forms import add_service_error as add_service_error  # one helper for every app
from qogam.core.i18n import TranslatedFieldsFormMixin, translated, translated_field_names
from qogam.network.models import GoodPractice, JointProject
from qogam.organisations.models import University
from qogam.projects.models import Project
from qogam.sdg.forms import GoalsField, SdgSuggestionsMixin
from qogam.sdg.goals import goal_choices


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProjectChoiceField(forms.ModelChoiceField):
    """One of the university's own projects. A project of another university is found (past
    the offered choices) so that the refusal names the reason rather than "not a choice"."""

    def label_from_instance(self, obj):
        return translated(obj, "title").text

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return super().to_python(value)
        except ValidationError:
            exists = Project.objects.with_scopes_disabled().filter
            if str(value).isdigit() and exists(pk=int(value)).exists():
                raise ValidationError(
                    _("Choose a project of your own university."), code="foreign_project"
                ) from None
            raise


class ProjectsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return translated(obj, "title").text


class UniversityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return translated(obj, "name").text


class UniversitiesChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return translated(obj, "name").text


class PracticeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search the practices"), required=False, max_length=100)
    sdg = forms.TypedChoiceField(
        label=_("Sustainable Development Goal"), required=False, coerce=int, empty_value=None
    )
    component = forms.ChoiceField(label=_("Component of the model 4.0"), required=False)
    theme = forms.ChoiceField(label=_("Theme of the practice"), required=False)

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sdg"].choices = [("", _("Any goal")), *goal_choices()]
        self.fields["component"].choices = [("", _("Any component")), *Component.choices]
        self.fields["theme"].choices = [("", _("Any theme")), *[(t, t) for t in themes]]
        self.fields["q"].widget.attrs["placeholder"] = _("Words in any language")

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data["q"],
            "sdg": data["sdg"],
            "component": data["component"],
            "theme": data["theme"],
        }


class PracticeForm(SdgSuggestionsMixin, TranslatedFieldsFormMixin, forms.ModelForm):
    translated_fields = ("title", "summary", "audience", "results")
    required_translated_fields = ("title", "summary")
    university = UniversityChoiceField(
        label=_("Publishing university"), queryset=University.objects.none()
    )
    projects = ProjectsChoiceField(
        label=_("Projects the practice comes from"),
        queryset=Project.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sdg_kind = "network.goodpractice"
    sdgs = GoalsField()
    components = forms.MultipleChoiceField(
        label=_("Components of the University model 4.0"),
        choices=Component.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = GoodPractice
        fields = [
            *translated_field_names("title"),
            *translated_field_names("summary"),
            *translated_field_names("audience"),
            *translated_field_names("results"),
            "contact",
            "theme",
            "sdgs",
            "components",
            "visibility",
        ]

    def __init__(self, *args, universities=None, project_source=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["university"]
            university_ids = [self.instance.university_id]
            self.fields["projects"].initial = list(
                self.instance.projects.values_list("pk", flat=True)
            )
        else:
            self.fields["university"].queryset = universities
            only = list(universities[:2])
            university_ids = [u.pk for u in universities]
            if len(only) == 1:
                del self.fields["university"]
                self.instance.university = only[0]
        self.fields["projects"].queryset = project_source(university_ids)
        for base in ("summary", "audience", "results"):
            for name in translated_field_names(base):
                self.fields[name].widget.attrs["rows"] = 3
        self.fields["contact"].widget.attrs["rows"] = 2
        self.fields["contact"].help_text = _(
            "Shown to the network's members only, never on the public portal."
        )

    def clean(self):
        cleaned = super().clean()
        university = cleaned.get("university") if "university" in self.fields else None
        if university is not None:
            self.instance.university = university
        owner = self.instance.university_id
        foreign = [p for p in cleaned.get("projects") or [] if p.university_id != owner]
        if owner and foreign:
            self.add_error(
                "projects",
                _("“%(project)s” is a project of another university.")
                % {"project": translated(foreign[0], "title").text},
            )
        return cleaned

    def values(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data
        }


class AdoptionForm(forms.Form):
    university = UniversityChoiceField(
        label=_("Adopting university"), queryset=University.objects.none()
    )
    project = ProjectChoiceField(
        label=_("Our project that carries the practice"),
        queryset=Project.objects.none(),
        required=False,
    )
    note = forms.CharField(
        label=_("How we adopted it"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DateInput())

    def __init__(self, *args, universities, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["university"].queryset = universities
        only = list(universities[:2])
        # One university to choose from is no choice: the form takes it.
        self.only_university = only[0] if len(only) == 1 else None
        if self.only_university is not None:
            del self.fields["university"]
        self.fields["project"].queryset = projects
        self.fields["project"].empty_label = _("No project yet")

    def clean(self):
        cleaned = super().clean()
        if self.only_university is not None:
            cleaned["university"] = self.only_university
        return cleaned


class JointProjectForm(TranslatedFieldsFormMixin, forms.ModelForm):
    translated_fields = ("title", "description")
    required_translated_fields = ("title",)
    lead_university = UniversityChoiceField(
        label=_("Lead university"), queryset=University.objects.none()
    )
    partners = UniversitiesChoiceField(
        label=_("Partner universities"),
        queryset=University.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sdgs = GoalsField()

    class Meta:
        model = JointProject
        fields = [
            *translated_field_names("title"),
            *translated_field_names("description"),
            "sdgs",
            "starts_on",
            "ends_on",
            "visibility",
        ]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, leads=None, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["lead_university"]
            taken = self.instance.parts.values_list("university_id", flat=True)
            self.fields["partners"].queryset = members.exclude(pk__in=list(taken))
            self.fields["partners"].label = _("Invite more partner universities")
        else:
            self.fields["lead_university"].queryset = leads
            self.fields["partners"].queryset = members
        for name in translated_field_names("description"):
            self.fields[name].widget.attrs["rows"] = 3

    def values(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data
        }


class PartForm(forms.Form):
    contribution = forms.CharField(
        label=_("Our contribution"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    project = ProjectChoiceField(
        label=_("Our project in it"), queryset=Project.objects.none(), required=False
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["project"].empty_label = _("No project yet")
