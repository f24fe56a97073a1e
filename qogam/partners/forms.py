"""Forms for partner organisations, their contacts and agreements.

Forms parse and check input; the services decide (duplicates, permissions, translations).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from qogam.accounts.models import User
from qogam.core.forms import add_service_error as add_service_error  # one helper for every app
from qogam.core.i18n import TranslatedFieldsFormMixin, translated_field_names
from qogam.organisations.models import Unit, University
from qogam.partners.enums import AgreementKind, AgreementStatus, OrganisationKind, Region
from qogam.partners.models import Agreement, Contact, PartnerOrganisation

SORTS = {
    "name": ("name", _("Name")),
    "region": ("region", _("Region")),
    "changed": ("-updated_at", _("Last changed")),
}


def _blank(choices, label):
    return [("", label), *choices]


class PartnerFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    status = forms.ChoiceField(label=_("Agreement status"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, to_field_name="public_id"
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _blank(OrganisationKind.choices, _("Any kind"))
        self.fields["region"].choices = _blank(Region.choices, _("Any region"))
        self.fields["status"].choices = _blank(AgreementStatus.choices, _("Any status"))
        self.fields["sort"].choices = [(key, label) for key, (_f, label) in SORTS.items()]
        if units is not None:
            self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = _("Any unit")
        self.fields["q"].widget.attrs["placeholder"] = _("Name, BIN or city")


class AgreementFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, to_field_name="public_id"
    )
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=PartnerOrganisation.objects.none(),
        required=False,
        to_field_name="public_id",
    )

    def __init__(self, *args, units=None, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _blank(AgreementKind.choices, _("Any kind"))
        self.fields["status"].choices = _blank(AgreementStatus.choices, _("Any status"))
        if units is not None:
            self.fields["unit"].queryset = units
        if partners is not None:
            self.fields["partner"].queryset = partners
        self.fields["unit"].empty_label = _("Any unit")
        self.fields["partner"].empty_label = _("Any partner")


class PartnerForm(TranslatedFieldsFormMixin, forms.ModelForm):
    """A partner's record. A representative edits the record, not the university's choices."""

    translated_fields = ("name", "short_name", "description")
    required_translated_fields = ("name",)
    university = forms.ModelChoiceField(
        label=_("University"), queryset=University.objects.none(), required=True
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    # Declared here because the model's own field would query units with no tenant scope open.
    units = forms.ModelMultipleChoiceField(
        label=_("Units working with it"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = PartnerOrganisation
        fields = [
            "kind",
            *translated_field_names("name"),
            *translated_field_names("short_name"),
            "bin",
            "region",
            "district",
            "city",
            "address",
            "latitude",
            "longitude",
            "website",
            *translated_field_names("description"),
            "units",
            "visibility",
        ]

    def __init__(self, *args, universities, representative=False, **kwargs):
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
        if representative:
            # Which units work with a partner and who reads the record are the university's call.
            del self.fields["units"]
            del self.fields["visibility"]
        else:
            self.fields["units"].queryset = (
                Unit.objects.with_scopes_disabled()
                .filter(university__in=university_ids)
                .order_by("name")
            )
        for name in translated_field_names("description"):
            self.fields[name].widget.attrs["rows"] = 3

    def clean(self):
        cleaned = super().clean()
        if "university" in self.fields:
            university = cleaned.get("university")
            if university is not None:
                self.instance.university = university
        elif not self.instance.pk:
            cleaned["university"] = self.instance.university
        owner_id = self.instance.university_id
        units = cleaned.get("units") or []
        if owner_id and any(unit.university_id != owner_id for unit in units):
            self.add_error("units", _("A unit belongs to another university."))
        return cleaned

    def _get_validation_exclusions(self):
        # The BIN's uniqueness is left to the service, which names the partner already
        # recorded ("open that record instead") rather than only saying the BIN is taken.
        exclude = super()._get_validation_exclusions()
        exclude.add("bin")
        return exclude

    def values(self) -> dict:
        """What the service stores: the model fields, without the university and the units."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in {"university", "units"}
        }


class ContactForm(forms.ModelForm):
    account_email = forms.EmailField(
        label=_("Account e-mail"),
        required=False,
        help_text=_("The e-mail of the person's Qogam account, to let them sign in for it."),
    )

    class Meta:
        model = Contact
        fields = ["full_name", "position", "phone", "email", "is_representative"]

    def __init__(self, *args, may_grant=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.may_grant = may_grant
        if not may_grant:
            # Only the university decides who represents a partner in Qogam.
            del self.fields["is_representative"]
            del self.fields["account_email"]
        elif self.instance.user_id:
            self.fields["account_email"].initial = self.instance.user.email

    def clean(self):
        cleaned = super().clean()
        if not self.may_grant:
            return cleaned
        email = (cleaned.get("account_email") or "").strip()
        cleaned["user"] = None
        if email:
            user = User.objects.filter(email__iexact=email, is_active=True).first()
            if user is None:
                self.add_error("account_email", _("No Qogam account has this e-mail address."))
            else:
                cleaned["user"] = user
        if cleaned.get("is_representative") and not email:
            self.add_error("account_email", _("A representative needs an account to sign in with."))
        return cleaned

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "account_email"}


class AgreementForm(TranslatedFieldsFormMixin, forms.ModelForm):
    translated_fields = ("title",)
    required_translated_fields = ("title",)
    # Declared here because the model's own fields would query with no tenant scope open.
    organisation = forms.ModelChoiceField(
        label=_("Partner"), queryset=PartnerOrganisation.objects.none()
    )
    other_parties = forms.ModelMultipleChoiceField(
        label=_("Other parties"),
        queryset=PartnerOrganisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Units involved"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Agreement
        fields = [
            "kind",
            *translated_field_names("title"),
            "number",
            "organisation",
            "other_parties",
            "units",
            "state",
            "signed_on",
            "starts_on",
            "ends_on",
            "document",
            "visibility",
        ]
        widgets = {
            "signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, partners, **kwargs):
        """`partners`: the organisations the person may make agreements with."""
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            partners = partners.filter(university=self.instance.university_id)
        university_ids = sorted({p.university_id for p in partners})
        partners = partners.select_related("university").order_by("university", "name")
        self.fields["organisation"].queryset = partners
        self.fields["other_parties"].queryset = partners
        self.fields["units"].queryset = (
            Unit.objects.with_scopes_disabled()
            .filter(university__in=university_ids)
            .order_by("name")
        )
        if len(university_ids) > 1:
            self.fields["organisation"].label_from_instance = _with_university
            self.fields["other_parties"].label_from_instance = _with_university

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        if organisation is not None:
            # The agreement belongs to its partner's university.
            self.instance.university_id = organisation.university_id
            units = cleaned.get("units") or []
            if any(u.university_id != organisation.university_id for u in units):
                self.add_error("units", _("A unit belongs to another university."))
        return cleaned

    def values(self) -> dict:
        values = {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in {"other_parties", "units", "document"}
        }
        document = self.cleaned_data.get("document")
        if document is False:  # "clear" ticked
            values["document"] = ""
        elif document:
            values["document"] = document
        return values


def _with_university(partner: PartnerOrganisation) -> str:
    return f"{partner} · {partner.university}"
