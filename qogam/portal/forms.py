"""The portal's search and filter form: read from the query string, never saved."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qogam.core.enums import Component
from qogam.sdg.goals import goal_choices

KIND_CHOICES = [
    ("", _("Everything public")),
    ("projects", _("Third-mission projects")),
    ("needs", _("Community needs")),
    ("opportunities", _("Volunteering opportunities")),
    ("partners", _("Partner organisations")),
    ("studies", _("Regional research")),
]
FIRST_YEAR = 2000


def _sdg_choices():
    return [("", _("Any goal")), *goal_choices()]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Words to look for"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind of record"), choices=KIND_CHOICES, required=False)
    sdg = forms.TypedChoiceField(
        label=_("Sustainable Development Goal"),
        choices=_sdg_choices,
        coerce=int,
        empty_value=None,
        required=False,
    )
    component = forms.ChoiceField(
        label=_("Model 4.0 component"),
        choices=[("", _("Any component")), *Component.choices],
        required=False,
    )
    district = forms.CharField(label=_("District, city or village"), required=False, max_length=120)
    year = forms.IntegerField(label=_("Year of the record"), required=False)

    def __init__(self, *args, with_kind: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_kind:
            del self.fields["kind"]

    def clean_year(self):
        year = self.cleaned_data.get("year")
        last = timezone.localdate().year + 1
        if year is not None and not FIRST_YEAR <= year <= last:
            raise forms.ValidationError(
                _("Give a year from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": last}
            )
        return year

    def filters(self) -> dict:
        """The filters to apply; empty when the form has errors (the page says which field)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data.get("q") or "",
            "sdg": data.get("sdg"),
            "component": data.get("component") or "",
            "district": data.get("district") or "",
            "year": data.get("year"),
        }

    @property
    def is_filtered(self) -> bool:
        return any(self.filters().values())
