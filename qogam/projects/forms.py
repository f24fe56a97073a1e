"""Forms for projects, their participants, updates and evidence.

Forms parse and check input; the services decide (permissions, universities, the needs'
workflow, translations).
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from qogam.accounts.models import User
from qogam.core.enums import Component
from qogam.core.forms import add_service_error as add_service_error  # one helper for every app
from qogam.core.i18n import TranslatedFieldsFormMixin, translated_field_names
from qogam.needs.enums import AffectedGroup
from qogam.needs.models import Need
from qogam.organisations.models import Unit, University
from qogam.partners.models import PartnerOrganisation
from qogam.projects import queries
from qogam.projects.enums import FundingSource, ParticipantRole, ProjectKind, ProjectStatus
from qogam.projects.models import Project
from qogam.sdg.forms import GoalsField, SdgSuggestionsMixin
from qogam.sdg.goals import goal_choices

SORT_CHOICES = [
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("title", _("Title")),
    ("changed", _("Last changed")),
]


def _blank(choices, label):
    return [("", label), *choices]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    component = forms.ChoiceField(label=_("Component"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, to_field_name="public_id"
    )
    sdg = forms.TypedChoiceField(label=_("Goal"), required=False, coerce=int, empty_value=None)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=PartnerOrganisation.objects.none(),
        required=False,
        to_field_name="public_id",
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, units=None, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _blank(ProjectKind.choices, _("Any kind"))
        self.fields["status"].choices = _blank(ProjectStatus.choices, _("Any status"))
        self.fields["component"].choices = _blank(Component.choices, _("Any component"))
        self.fields["sdg"].choices = _blank(goal_choices(), _("Any goal"))
        if units is not None:
            self.fields["unit"].queryset = units
        if partners is not None:
            self.fields["partner"].queryset = partners
        self.fields["unit"].empty_label = _("Any unit")
        self.fields["partner"].empty_label = _("Any partner")
        self.fields["q"].widget.attrs["placeholder"] = _("Title in any language")

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data["q"],
            "kind": data["kind"],
            "status": data["status"],
            "component": data["component"],
            "unit": data["unit"],
            "sdg": data["sdg"],
            "year": data["year"],
            "partner": data["partner"],
        }


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class ProjectForm(SdgSuggestionsMixin, TranslatedFieldsFormMixin, forms.ModelForm):
    translated_fields = ("title", "description", "outputs", "outcomes")
    required_translated_fields = ("title",)
    university = forms.ModelChoiceField(
        label=_("University"), queryset=University.objects.none(), required=True
    )
    components = forms.MultipleChoiceField(
        label=_("Components of the University model 4.0"),
        choices=Component.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    # Declared here because the model's own fields would query with no tenant scope open.
    lead_unit = forms.ModelChoiceField(label=_("Lead unit"), queryset=Unit.objects.none())
    units = forms.ModelMultipleChoiceField(
        label=_("Other units"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    responsible = PersonChoiceField(
        label=_("Responsible staff"), queryset=User.objects.none(), required=False
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"), queryset=PartnerOrganisation.objects.none(), required=False
    )
    needs = forms.ModelMultipleChoiceField(
        label=_("Community needs it addresses"),
        queryset=Need.objects.none(),
        required=False,
        help_text=_("A published need linked here moves to “in progress” on its public page."),
    )
    sdg_kind = "projects.project"
    sdgs = GoalsField()
    beneficiary_groups = forms.MultipleChoiceField(
        label=_("Groups of beneficiaries"),
        choices=AffectedGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Project
        fields = [
            "kind",
            *translated_field_names("title"),
            *translated_field_names("description"),
            "components",
            "lead_unit",
            "units",
            "responsible",
            "partners",
            "needs",
            "sdgs",
            "district",
            "latitude",
            "longitude",
            "starts_on",
            "ends_on",
            "status",
            "budget",
            "beneficiaries",
            "beneficiary_groups",
            "external_participants",
            *translated_field_names("outputs"),
            *translated_field_names("outcomes"),
            "visibility",
        ]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

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
        units = queries.units_of(university_ids).order_by("name")
        self.fields["lead_unit"].queryset = units
        self.fields["units"].queryset = units
        self.fields["responsible"].queryset = queries.staff_of(university_ids)
        self.fields["partners"].queryset = (
            PartnerOrganisation.objects.with_scopes_disabled()
            .filter(university__in=university_ids)
            .order_by("name")
        )
        self.fields["needs"].queryset = queries.linkable_needs(university_ids)
        # Funding: one amount per source, so each source is recorded once.
        amounts = {row["source"]: row["amount"] for row in (self.instance.funding or [])}
        for source, label in FundingSource.choices:
            self.fields[f"funding_{source}"] = forms.DecimalField(
                label=_("Funding: %(source)s (tenge)") % {"source": label},
                required=False,
                min_value=Decimal("0.01"),
                max_digits=14,
                decimal_places=2,
                initial=amounts.get(source),
            )
        for base in ("description", "outputs", "outcomes"):
            for name in translated_field_names(base):
                self.fields[name].widget.attrs["rows"] = 3

    @property
    def funding_fields(self):
        return [self[f"funding_{source}"] for source in FundingSource.values]

    def clean(self):
        cleaned = super().clean()
        if "university" in self.fields:
            university = cleaned.get("university")
            if university is not None:
                self.instance.university = university
        owner_id = self.instance.university_id
        if owner_id:
            lead = cleaned.get("lead_unit")
            if lead is not None and lead.university_id != owner_id:
                self.add_error("lead_unit", _("The unit belongs to another university."))
            if any(u.university_id != owner_id for u in cleaned.get("units") or []):
                self.add_error("units", _("A unit belongs to another university."))
        return cleaned

    def funding(self) -> list[dict]:
        rows = []
        for source in FundingSource.values:
            amount = self.cleaned_data.get(f"funding_{source}")
            if amount:
                rows.append({"source": source, "amount": str(amount.quantize(Decimal("0.01")))})
        return rows

    def values(self) -> dict:
        """What the service stores on the project itself."""
        skip = {"university", "units", "responsible", "partners", "needs"}
        values = {
            name: self.cleaned_data[name]
            for name in self._meta.fields
            if name in self.cleaned_data and name not in skip
        }
        values["funding"] = self.funding()
        return values

    def relations(self) -> dict:
        return {
            name: list(self.cleaned_data.get(name) or [])
            for name in ("units", "responsible", "partners", "needs")
        }


class ParticipantForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=ParticipantRole.choices)
    hours = forms.DecimalField(
        label=_("Hours"), min_value=0, max_value=10000, decimal_places=1, initial=0
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        taken = queries.participants_of(project).values("user_id")
        self.fields["user"].queryset = queries.members_of(project.university_id).exclude(
            pk__in=taken
        )
        self.fields["user"].label_from_instance = lambda u: u.full_name or u.email


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class UpdateForm(TranslatedFieldsFormMixin, forms.Form):
    translated_fields = ("title", "body")
    required_translated_fields = ("title",)
    on = forms.DateField(label=_("Date"), widget=DateInput())
    title_kk = forms.CharField(label=_("Title (Kazakh)"), max_length=200)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    body_kk = forms.CharField(label=_("Text (Kazakh)"), widget=forms.Textarea(attrs={"rows": 4}))
    body_ru = forms.CharField(label=_("Text (Russian)"), widget=forms.Textarea(attrs={"rows": 4}))
    body_en = forms.CharField(label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 4}))
    photos = MultipleFileField(
        label=_("Photos"),
        required=False,
        help_text=_("JPEG, PNG or WebP images."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photos"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp"

    def texts(self, base: str) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"{base}_{code}") or "" for code in ("kk", "ru", "en")}


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("Document or image"), required=False, help_text=_("A PDF or an image.")
    )
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("file")) == bool(cleaned.get("url")):
            raise ValidationError(_("Give a file or a link, not both."))
        return cleaned


class AddressNeedsForm(TranslatedFieldsFormMixin, forms.Form):
    """After a project finished: which of its needs were addressed, with the public report."""

    translated_fields = ("report",)
    required_translated_fields = ("report",)
    needs = forms.ModelMultipleChoiceField(
        label=_("Needs to mark addressed"),
        queryset=Need.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    report_kk = forms.CharField(
        label=_("Report (Kazakh)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    report_ru = forms.CharField(
        label=_("Report (Russian)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    report_en = forms.CharField(
        label=_("Report (English)"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = needs
        self.fields["needs"].label_from_instance = lambda n: n.title

    def report(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"report_{code}") or "" for code in ("kk", "ru", "en")}
