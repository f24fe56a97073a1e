"""Forms of the academic link: programmes, courses, enrolling students, the registrar's export."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from qogam.core.i18n import TranslatedFieldsFormMixin, translated_field_names
from qogam.organisations.models import Unit, University
from qogam.projects.enums import ProjectKind
from qogam.sdg.forms import GoalsField, SdgSuggestionsMixin
from qogam.sdg.goals import goal_choices
from qogam.volunteering import academic
from qogam.volunteering.models import Course, Programme

PROGRAMME_FIELDS = ["unit", "code", *translated_field_names("name"), "level"]
COURSE_FIELDS = [
    "unit",
    "programmes",
    "code",
    *translated_field_names("name"),
    *translated_field_names("description"),
    "sdgs",
    "credits",
    "service_learning",
    "required_hours",
    "kinds",
]


def year_choices(around: int | None = None) -> list[tuple[int, str]]:
    """The academic year before, the current one and the next."""
    current = around or academic.academic_year_of()
    return [(y, academic.academic_year_label(y)) for y in (current - 1, current, current + 1)]


class _AcademicForm(TranslatedFieldsFormMixin, forms.ModelForm):
    """Shared by the programme and course forms: the university (when there is a choice)
    and the units the person manages there."""

    translated_fields = ("name",)
    required_translated_fields = ("name",)
    university = forms.ModelChoiceField(
        label=_("University"), queryset=University.objects.none(), required=True
    )
    # Declared here because the model's own field would query with no tenant scope open.
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())

    def __init__(self, *args, viewer, universities=None, **kwargs):
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
        self.university_ids = university_ids
        self.fields["unit"].queryset = academic.units_managed_by(viewer, university_ids).order_by(
            "name"
        )

    def clean(self):
        cleaned = super().clean()
        if "university" in self.fields and cleaned.get("university") is not None:
            self.instance.university = cleaned["university"]
        return cleaned


class ProgrammeForm(_AcademicForm):
    class Meta:
        model = Programme
        fields = PROGRAMME_FIELDS

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROGRAMME_FIELDS}


class CourseForm(SdgSuggestionsMixin, _AcademicForm):
    translated_fields = ("name", "description")
    sdg_kind = "volunteering.course"
    sdgs = GoalsField()
    programmes = forms.ModelMultipleChoiceField(
        label=_("Educational programmes with this course"),
        queryset=Programme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of opportunity that count"),
        choices=ProjectKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Hours in opportunities of these kinds count; none chosen: every kind."),
    )

    class Meta:
        model = Course
        fields = COURSE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programmes"].queryset = (
            Programme.objects.with_scopes_disabled()
            .filter(university__in=self.university_ids)
            .order_by("code")
        )
        for name in translated_field_names("description"):
            self.fields[name].widget.attrs["rows"] = 3
        self.fields["required_hours"].help_text = _(
            "For a service-learning course: the verified volunteer hours a student needs."
        )

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in COURSE_FIELDS}


class EnrolForm(forms.Form):
    academic_year = forms.TypedChoiceField(label=_("Academic year"), coerce=int, choices=())
    emails = forms.CharField(
        label=_("Students' e-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One per line, as pasted from a spreadsheet; a name beside the address is fine."
        ),
        max_length=100_000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["academic_year"].choices = year_choices()
        self.fields["academic_year"].initial = academic.academic_year_of()

    def lines(self) -> list[str]:
        return self.cleaned_data["emails"].splitlines()


class RegistrarExportForm(forms.Form):
    university = forms.ModelChoiceField(
        label=_("University"), queryset=University.objects.none(), to_field_name="slug"
    )
    year = forms.TypedChoiceField(label=_("Academic year"), coerce=int, choices=())
    unit = forms.ModelChoiceField(
        label=_("Only the courses of this unit"),
        queryset=Unit.objects.none(),
        required=False,
        to_field_name="public_id",
    )
    language = forms.ChoiceField(label=_("Language of the course names"), choices=())

    def __init__(self, *args, viewer, universities, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["university"].queryset = universities
        if len(universities) == 1:
            self.fields["university"].initial = universities[0].slug
            self.fields["university"].widget = forms.HiddenInput()
        current = academic.academic_year_of()
        self.fields["year"].choices = [
            (y, academic.academic_year_label(y)) for y in range(current + 1, current - 6, -1)
        ]
        self.fields["year"].initial = current
        self.fields["unit"].queryset = academic.units_managed_by(
            viewer, [u.pk for u in universities]
        ).order_by("name")
        self.fields["unit"].empty_label = _("Every unit")
        self.fields["language"].choices = settings.LANGUAGES
        self.fields["language"].initial = language

    def clean(self):
        cleaned = super().clean()
        university, unit = cleaned.get("university"), cleaned.get("unit")
        if university is not None and unit is not None and unit.university_id != university.pk:
            self.add_error("unit", _("The unit belongs to another university."))
        return cleaned


class CourseFilterForm(forms.Form):
    """The courses on the programmes page, narrowed to one goal."""

    sdg = forms.TypedChoiceField(label=_("Goal"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sdg"].choices = [("", _("Any goal")), *goal_choices()]

    def goal(self) -> int | None:
        return self.cleaned_data["sdg"] if self.is_valid() else None
