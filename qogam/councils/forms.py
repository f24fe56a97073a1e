"""Forms for councils, members, meetings and decisions. Forms parse; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from qogam.accounts.models import Membership, User
from qogam.core.enums import STAFF_ROLES
from qogam.core.forms import add_service_error as add_service_error  # one helper for every app
from qogam.core.i18n import (
    CONTENT_LANGUAGES,
    LANGUAGE_NAMES,
    TranslatedFieldsFormMixin,
    translated_field_names,
)
from qogam.core.uploads import DOCUMENTS, FileCheck
from qogam.councils.enums import (
    AttendanceStatus,
    CouncilKind,
    DecisionStatus,
)
from qogam.councils.models import AgendaItem, Council, CouncilMember, Decision, Meeting
from qogam.organisations.models import Unit, University
from qogam.partners.models import PartnerOrganisation

COUNCIL_SORTS = {
    "name": ("display_name", _("Name")),
    "kind": ("kind", _("Kind")),
    "changed": ("-updated_at", _("Last changed")),
}
DECISION_SORTS = {
    "due": ("due_on", _("Due date")),
    "-due": ("-due_on", _("Due date, latest first")),
    "status": ("status", _("Status")),
    "changed": ("-updated_at", _("Last changed")),
}


def _blank(choices, label):
    return [("", label), *choices]


def staff_of(university_ids):
    """People holding a staff-level role at one of the universities."""
    holders = Membership.objects.with_scopes_disabled().filter(
        university__in=university_ids, role__in=sorted(STAFF_ROLES)
    )
    return User.objects.filter(pk__in=holders.values("user_id")).order_by("full_name", "email")


class CouncilFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, to_field_name="public_id"
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _blank(CouncilKind.choices, _("Any kind"))
        self.fields["sort"].choices = [(k, label) for k, (_f, label) in COUNCIL_SORTS.items()]
        if units is not None:
            self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = _("Any unit")


class DecisionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False)
    kind = forms.ChoiceField(label=_("Kind of council"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, to_field_name="public_id"
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    mine = forms.BooleanField(label=_("Mine only"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = _blank(DecisionStatus.choices, _("Any status"))
        self.fields["kind"].choices = _blank(CouncilKind.choices, _("Any kind"))
        self.fields["sort"].choices = [(k, label) for k, (_f, label) in DECISION_SORTS.items()]
        if units is not None:
            self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = _("Any unit")


class CouncilForm(TranslatedFieldsFormMixin, forms.ModelForm):
    translated_fields = ("name", "purpose")
    required_translated_fields = ("name",)
    university = forms.ModelChoiceField(label=_("University"), queryset=University.objects.none())
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Leave empty for a university-wide council."),
    )
    secretary = forms.ModelChoiceField(
        label=_("Secretary"), queryset=User.objects.none(), required=False
    )

    class Meta:
        model = Council
        fields = [
            "kind",
            *translated_field_names("name"),
            *translated_field_names("purpose"),
            "unit",
            "programme",
            "secretary",
            "visibility",
        ]

    def __init__(self, *args, universities, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["university"]
            ids = [self.instance.university_id]
        else:
            self.fields["university"].queryset = universities
            ids = [u.pk for u in universities]
            if len(ids) == 1:
                del self.fields["university"]
                self.instance.university = universities[0]
        self.fields["unit"].queryset = (
            Unit.objects.with_scopes_disabled().filter(university__in=ids).order_by("name")
        )
        self.fields["secretary"].queryset = staff_of(ids)
        for code in CONTENT_LANGUAGES:
            self.fields[f"purpose_{code}"].widget.attrs["rows"] = 3

    def values(self) -> dict:
        return {n: v for n, v in self.cleaned_data.items() if n != "university"}


class MemberForm(forms.ModelForm):
    """A member: choose a person of the university, or describe an external member."""

    user = forms.ModelChoiceField(
        label=_("Person of the university"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Leave empty for an external member and fill in the fields below."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Partner organisation"),
        queryset=PartnerOrganisation.objects.none(),
        required=False,
    )

    class Meta:
        model = CouncilMember
        fields = [
            "user",
            "full_name",
            "position",
            "organisation",
            "email",
            "phone",
            "language",
            "role",
            "starts_on",
            "ends_on",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff_of([council.university_id])
        self.fields["organisation"].queryset = (
            PartnerOrganisation.objects.with_scopes_disabled()
            .filter(university=council.university_id)
            .order_by("name")
        )

    def _post_clean(self):
        # The service validates the whole member (and names the field): skip the model's.
        pass

    def values(self) -> dict:
        return dict(self.cleaned_data)


class MeetingForm(forms.ModelForm):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    online_link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    minutes = forms.FileField(
        label=_("Minutes (PDF)"), required=False, validators=[FileCheck(DOCUMENTS)]
    )

    class Meta:
        model = Meeting
        fields = ["starts_at", "place", "online_link", "status", "minutes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in CONTENT_LANGUAGES:
            label = _("Agenda (%(language)s), one item per line") % {
                "language": LANGUAGE_NAMES.get(code, code)
            }
            self.fields[f"agenda_{code}"] = forms.CharField(
                label=label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4, "lang": code}),
            )
            if self.instance.pk:
                self.fields[f"agenda_{code}"].initial = "\n".join(
                    getattr(item, f"title_{code}") or ""
                    for item in AgendaItem.objects.with_scopes_disabled().filter(
                        meeting=self.instance
                    )
                )
        self.fields["minutes"].widget.attrs["accept"] = ".pdf,application/pdf"
        if not self.instance.pk:
            del self.fields["status"]

    def _post_clean(self):
        pass

    def values(self) -> dict:
        data = self.cleaned_data
        values = {n: data[n] for n in ("starts_at", "place", "online_link") if n in data}
        if data.get("status"):
            values["status"] = data["status"]
        if data.get("minutes"):
            values["minutes"] = data["minutes"]
        return values

    def agenda(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"agenda_{code}") or "" for code in CONTENT_LANGUAGES}


class AttendanceForm(forms.Form):
    """One choice per member of the council: invited, will attend, … attended, absent."""

    def __init__(self, *args, members, current: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        for member in members:
            self.fields[f"member_{member.pk}"] = forms.ChoiceField(
                label=member.display_name,
                choices=AttendanceStatus.choices,
                initial=current.get(member.pk, AttendanceStatus.INVITED),
            )

    def statuses(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data[f"member_{m.pk}"] for m in self.members}


class DecisionForm(TranslatedFieldsFormMixin, forms.ModelForm):
    translated_fields = ("text",)
    required_translated_fields = ("text",)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)

    class Meta:
        model = Decision
        fields = [*translated_field_names("text"), "owner", "due_on"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_of([meeting.university_id])
        self.fields["owner"].help_text = _("The person of the university who sees it through.")
        for code in CONTENT_LANGUAGES:
            self.fields[f"text_{code}"].widget.attrs["rows"] = 3

    def _post_clean(self):
        pass

    def values(self) -> dict:
        return dict(self.cleaned_data)


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=DecisionStatus.choices)
    on = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("What was done"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
