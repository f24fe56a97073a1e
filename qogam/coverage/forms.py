from django import forms
from django.utils.translation import gettext_lazy as _

from qogam.accounts.models import User
from qogam.core.enums import Visibility
from qogam.coverage.enums import CoverageKind, SubjectKind
from qogam.coverage.models import Coverage
from qogam.organisations.models import Unit
from qogam.projects.queries import staff_of

# Sort keys of the list: key -> (ordering, label).
SORTS = {
    "newest": (("-published_on", "-pk"), _("Newest first")),
    "oldest": (("published_on", "pk"), _("Oldest first")),
    "reach": (("-reach", "-published_on", "-pk"), _("Largest reach")),
    "outlet": (("outlet", "-published_on", "pk"), _("Outlet")),
}


class PeopleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class CoverageForm(forms.ModelForm):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    url = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")
    # Declared here: the model's own field would offer every person of every university.
    people = PeopleField(
        label=_("Staff who appear"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Staff of the university interviewed, quoted or shown."),
    )

    class Meta:
        model = Coverage
        fields = [
            "title",
            "outlet",
            "kind",
            "published_on",
            "language",
            "url",
            "reach",
            "summary",
            "file",
            "unit",
            "people",
            "visibility",
        ]
        widgets = {
            "published_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "file": forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.webp"}),
        }

    def __init__(self, *args, units=None, university_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units
        if university_id is not None:
            self.fields["people"].queryset = staff_of([university_id])
        self.fields["unit"].help_text = _("Left empty: the unit of the record it is about.")
        self.fields["visibility"].initial = Visibility.PUBLIC

    def _post_clean(self):
        # The service validates the whole record (dates, subject, university) and saves it.
        pass


class CoverageFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind of media"), required=False, choices=[("", _("All")), *CoverageKind.choices]
    )
    subject = forms.ChoiceField(
        label=_("About"), required=False, choices=[("", _("Anything")), *SubjectKind.choices]
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), required=False, queryset=Unit.objects.none(), empty_label=_("All")
    )
    since = forms.DateField(label=_("Published from"), required=False, widget=DateInput())
    until = forms.DateField(label=_("Published until"), required=False, widget=DateInput())
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(key, label) for key, (_order, label) in SORTS.items()],
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end of the period comes before its start."))
        return cleaned
