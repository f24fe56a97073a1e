"""Forms for studies, their outputs and uptake, and science-shop topics.

Forms parse and check input; the services decide (permissions, universities, translations).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from qogam.accounts.models import User
from qogam.core.forms import add_service_error as add_service_error  # one helper for every app
from qogam.core.i18n import TranslatedFieldsFormMixin, translated_field_names
from qogam.needs.models import Need
from qogam.organisations.models import Unit
from qogam.partners.models import PartnerOrganisation
from qogam.research.enums import QuestionKind, QuestionStatus, StudyStatus, Uptake
from qogam.research.models import ResearchQuestion, Study, StudyOutput
from qogam.sdg.forms import GoalsField, SdgSuggestionsMixin
from qogam.sdg.goals import goal_choices

STUDY_SORTS = {
    "newest": ("-starts_on", _("Newest first")),
    "oldest": ("starts_on", _("Oldest first")),
    "title": ("display_title", _("Title")),
    "changed": ("-updated_at", _("Last changed")),
}
QUESTION_SORTS = {
    "newest": ("-created_at", _("Newest first")),
    "oldest": ("created_at", _("Oldest first")),
    "question": ("display_question", _("Topic")),
}


def _blank(choices, label):
    return [("", label), *choices]


class StudyFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, to_field_name="public_id"
    )
    sdg = forms.TypedChoiceField(label=_("Goal"), required=False, coerce=int, empty_value=None)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    partner = forms.ModelChoiceField(
        label=_("Commissioned by"),
        queryset=PartnerOrganisation.objects.none(),
        required=False,
        to_field_name="public_id",
    )
    uptake = forms.ChoiceField(label=_("Uptake"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, *args, units=None, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = _blank(StudyStatus.choices, _("Any status"))
        self.fields["uptake"].choices = _blank(Uptake.choices, _("Any uptake"))
        self.fields["sdg"].choices = _blank(goal_choices(), _("Any goal"))
        self.fields["sort"].choices = [(k, label) for k, (_f, label) in STUDY_SORTS.items()]
        if units is not None:
            self.fields["unit"].queryset = units
        if partners is not None:
            self.fields["partner"].queryset = partners
        self.fields["unit"].empty_label = _("Any unit")
        self.fields["partner"].empty_label = _("Any partner")
        self.fields["q"].widget.attrs["placeholder"] = _("Title, abstract or author")


class QuestionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, to_field_name="public_id"
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _blank(QuestionKind.choices, _("Any kind"))
        # Open topics by default: the science shop is where students look for one.
        self.fields["status"].choices = [
            ("", _("Open")),
            *[(v, label) for v, label in QuestionStatus.choices if v != QuestionStatus.OPEN],
            ("all", _("Any status")),
        ]
        self.fields["sort"].choices = [(k, label) for k, (_f, label) in QUESTION_SORTS.items()]
        if units is not None:
            self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = _("Any unit")


class StudyForm(SdgSuggestionsMixin, TranslatedFieldsFormMixin, forms.ModelForm):
    translated_fields = ("title", "abstract")
    required_translated_fields = ("title",)
    # Declared here because the model's own fields would query with no tenant scope open.
    lead_unit = forms.ModelChoiceField(label=_("Lead unit"), queryset=Unit.objects.none())
    units = forms.ModelMultipleChoiceField(
        label=_("Other units"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # E-mail addresses rather than a list of every member: a university has thousands.
    authors = forms.CharField(
        label=_("Authors at the university"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Their Qogam e-mail addresses, one per line."),
    )
    partner = forms.ModelChoiceField(
        label=_("Commissioned by"), queryset=PartnerOrganisation.objects.none(), required=False
    )
    needs = forms.ModelMultipleChoiceField(
        label=_("Community needs it answers"),
        queryset=Need.objects.none(),
        required=False,
    )
    sdg_kind = "research.study"
    sdgs = GoalsField()

    class Meta:
        model = Study
        fields = [
            *translated_field_names("title"),
            *translated_field_names("abstract"),
            "lead_unit",
            "units",
            "authors",
            "external_authors",
            "partner",
            "needs",
            "sdgs",
            "starts_on",
            "ends_on",
            "status",
            "visibility",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "external_authors": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, units, partners, needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units
        self.fields["units"].queryset = units
        self.fields["partner"].queryset = partners
        self.fields["needs"].queryset = needs
        for name in translated_field_names("abstract"):
            self.fields[name].widget.attrs["rows"] = 4
        if self.instance.pk:
            self.initial["units"] = list(self.instance.units.all())
            self.initial["authors"] = "\n".join(
                self.instance.authors.order_by("email").values_list("email", flat=True)
            )
            self.initial["needs"] = list(self.instance.needs.all())

    def clean_authors(self) -> list[User]:
        emails = [e.strip().lower() for e in self.cleaned_data["authors"].split() if e.strip()]
        found = {u.email.lower(): u for u in User.objects.filter(email__in=emails)}
        missing = [e for e in emails if e not in found]
        if missing:
            raise ValidationError(
                _("No Qogam account has the e-mail %(emails)s; add them as external authors.")
                % {"emails": ", ".join(missing)},
                code="unknown_author",
            )
        return list({u.pk: u for u in found.values()}.values())

    def clean(self):
        cleaned = super().clean()
        lead = cleaned.get("lead_unit")
        if lead is not None:
            # The university follows the lead unit; every other link must be of the same one.
            self.instance.university_id = lead.university_id
            if any(u.university_id != lead.university_id for u in cleaned.get("units") or []):
                self.add_error("units", _("A unit belongs to another university."))
            partner = cleaned.get("partner")
            if partner is not None and partner.university_id != lead.university_id:
                self.add_error("partner", _("The organisation is a partner of another university."))
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("A study cannot end before it starts."))
        return cleaned

    def values(self) -> dict:
        skip = {"units", "authors", "needs"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class UptakeForm(TranslatedFieldsFormMixin, forms.Form):
    uptake = forms.ChoiceField(
        label=_("Were the recommendations taken up?"), choices=Uptake.choices
    )
    uptake_note_kk = forms.CharField(
        label=_("Note (Kazakh)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    uptake_note_ru = forms.CharField(
        label=_("Note (Russian)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    uptake_note_en = forms.CharField(
        label=_("Note (English)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    uptake_on = forms.DateField(
        label=_("Known on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    translated_fields = ("uptake_note",)

    def clean(self):
        cleaned = super().clean()
        known = cleaned.get("uptake") and cleaned["uptake"] != Uptake.UNKNOWN
        if known and not cleaned.get("uptake_on"):
            self.add_error("uptake_on", _("Give the date the uptake became known."))
        return cleaned

    def note(self) -> dict:
        return {
            code: self.cleaned_data.get(f"uptake_note_{code}", "") for code in ("kk", "ru", "en")
        }


class OutputForm(TranslatedFieldsFormMixin, forms.ModelForm):
    translated_fields = ("title",)
    required_translated_fields = ("title",)
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    class Meta:
        model = StudyOutput
        fields = [
            "kind",
            *translated_field_names("title"),
            "file",
            "doi",
            "url",
            "published_on",
        ]
        widgets = {"published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".pdf,application/pdf"

    def _post_clean(self):
        # The model's checks (PDF, DOI, one of the three) run in the service, with the study.
        pass

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("file") or cleaned.get("doi") or cleaned.get("url")):
            self.add_error("file", _("Give the output's PDF, its DOI or a link to it."))
        return cleaned

    def values(self) -> dict:
        return dict(self.cleaned_data)


class QuestionForm(TranslatedFieldsFormMixin, forms.ModelForm):
    translated_fields = ("question",)
    required_translated_fields = ("question",)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    supervisor = forms.ModelChoiceField(label=_("Supervisor"), queryset=User.objects.none())

    class Meta:
        model = ResearchQuestion
        fields = [*translated_field_names("question"), "kind", "unit", "supervisor", "visibility"]

    def __init__(self, *args, units, supervisors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["supervisor"].queryset = supervisors
        for name in translated_field_names("question"):
            self.fields[name].widget.attrs["rows"] = 3

    def _post_clean(self):
        # The model's checks (same university, staff supervisor) run in the service.
        pass

    def values(self) -> dict:
        return dict(self.cleaned_data)


class CompleteForm(TranslatedFieldsFormMixin, forms.Form):
    summary_kk = forms.CharField(
        label=_("Plain-language summary (Kazakh)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    summary_ru = forms.CharField(
        label=_("Plain-language summary (Russian)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    summary_en = forms.CharField(
        label=_("Plain-language summary (English)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    study = forms.ModelChoiceField(
        label=_("Resulting study"),
        queryset=Study.objects.none(),
        required=False,
        to_field_name="public_id",
    )
    translated_fields = ("summary",)
    required_translated_fields = ("summary",)

    def __init__(self, *args, studies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["study"].queryset = studies
        self.fields["study"].empty_label = _("No study")

    def summary(self) -> dict:
        return {code: self.cleaned_data.get(f"summary_{code}", "") for code in ("kk", "ru", "en")}
