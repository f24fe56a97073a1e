"""Forms of the network's members, consent, shared packs and benchmarks."""

from django import forms
from django.utils.translation import gettext_lazy as _

from qogam.core.enums import Visibility
from qogam.core.periods import academic_year_of
from qogam.indicators.models import Pack
from qogam.organisations.models import University

PER_CHOICES = [
    ("", _("As measured")),
    ("students", _("Per 1,000 students")),
    ("staff", _("Per 1,000 staff")),
]


class InviteForm(forms.Form):
    university = forms.ModelChoiceField(
        label=_("University to invite"),
        queryset=University.objects.none(),
        to_field_name="slug",
    )
    message = forms.CharField(
        label=_("Message to the university"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, universities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if universities is not None:
            self.fields["university"].queryset = universities


class JoinForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the network's administrators"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class ConsentForm(forms.Form):
    """Whether the university is named in benchmarks, and who reads each indicator's values:
    one select per indicator in use, named `ind-<public id>`."""

    named_in_benchmarks = forms.BooleanField(
        label=_("Show our name beside our shared values in benchmarks"),
        help_text=_("Otherwise the other members see our shared values under a letter."),
        required=False,
    )

    def __init__(self, *args, indicators=(), current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        self.indicators = list(indicators)
        for indicator in self.indicators:
            self.fields[self.field_name(indicator)] = forms.ChoiceField(
                label=f"{indicator.code} {indicator.name}",
                choices=Visibility.choices,
                initial=current.get(indicator.pk, Visibility.PRIVATE),
            )

    @staticmethod
    def field_name(indicator) -> str:
        return f"ind-{indicator.public_id}"

    def indicator_rows(self):
        return [(indicator, self[self.field_name(indicator)]) for indicator in self.indicators]


class SharePackForm(forms.Form):
    pack = forms.ModelChoiceField(
        label=_("Shipped pack"),
        queryset=Pack.objects.filter(university__isnull=True),
        to_field_name="code",
    )
    note = forms.CharField(
        label=_("Why the network recommends it"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class BenchmarkForm(forms.Form):
    year = forms.IntegerField(label=_("Reporting year"), min_value=2000, max_value=2100)
    per = forms.ChoiceField(label=_("Values"), choices=PER_CHOICES, required=False)

    def __init__(self, data=None, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("year", academic_year_of())
        super().__init__(data, **kwargs)
