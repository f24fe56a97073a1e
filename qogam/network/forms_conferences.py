"""Forms for conferences, their sections and participants, resolutions, recommendations and
members' responses. Forms parse input; the services decide (permissions, membership, whose
evidence it is, translations)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from qogam.core.i18n import translated
from qogam.network.enums import ResponseStatus
from qogam.network.models import (
    Conference,
    ConferenceParticipant,
    ConferenceSection,
    Recommendation,
    Resolution,
)
from qogam.organisations.models import University
from qogam.projects.models import Project
from qogam.strategy.forms import DateInput, ServiceValidatedForm, TranslatedChoiceField
from qogam.strategy.models import Measure


class ConferenceForm(ServiceValidatedForm):
    translated_fields = ("title", "description")
    required_translated_fields = ("title",)
    host_university = TranslatedChoiceField(
        label=_("Host university"), queryset=University.objects.none(), required=False
    )

    class Meta:
        model = Conference
        fields = (
            "title_kk",
            "title_ru",
            "title_en",
            "description_kk",
            "description_ru",
            "description_en",
            "starts_on",
            "ends_on",
            "place",
            "host_university",
            "is_public",
        )
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_university"].queryset = University.objects.order_by("slug")


class SectionForm(ServiceValidatedForm):
    translated_fields = ("title",)
    required_translated_fields = ("title",)

    class Meta:
        model = ConferenceSection
        fields = ("title_kk", "title_ru", "title_en", "order")
        help_texts = {"order": _("0 for the plenary session; sections follow it.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False


class ParticipantForm(ServiceValidatedForm):
    university = TranslatedChoiceField(
        label=_("Member university"), queryset=University.objects.none(), required=False
    )
    section = TranslatedChoiceField(
        label=_("Section"),
        queryset=ConferenceSection.objects.none(),
        required=False,
        text_field="title",
    )

    class Meta:
        model = ConferenceParticipant
        fields = ("name", "university", "organisation", "role", "section")

    def __init__(self, *args, conference: Conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["university"].queryset = University.objects.filter(
            network_id=conference.network_id
        ).order_by("slug")
        self.fields["section"].queryset = conference.sections.all()


class ResolutionForm(ServiceValidatedForm):
    translated_fields = ("title", "preamble")
    required_translated_fields = ("title",)

    class Meta:
        model = Resolution
        fields = (
            "title_kk",
            "title_ru",
            "title_en",
            "preamble_kk",
            "preamble_ru",
            "preamble_en",
            "adopted_on",
        )
        widgets = {"adopted_on": DateInput()}


class RecommendationForm(ServiceValidatedForm):
    translated_fields = ("text",)
    required_translated_fields = ("text",)

    class Meta:
        model = Recommendation
        fields = ("number", "text_kk", "text_ru", "text_en")
        help_texts = {"number": _("Leave empty to number it after the last one.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False
        for code in ("kk", "ru", "en"):
            self.fields[f"text_{code}"].widget.attrs["rows"] = 3


class EvidenceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return translated(obj, "title").text or str(obj)


class ResponseForm(forms.Form):
    """A member's response: the choices of evidence are the university's own measures and
    projects; the service refuses another university's with a field error too."""

    status = forms.ChoiceField(
        label=_("Status of the response"),
        choices=ResponseStatus.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("What we do about it"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    measures = EvidenceChoiceField(
        label=_("Our strategy measures that carry it out"),
        queryset=Measure.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    projects = EvidenceChoiceField(
        label=_("Our projects that carry it out"),
        queryset=Project.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, university: University, **kwargs):
        super().__init__(*args, **kwargs)
        # Read past the scope for this one university: the form lists its records only.
        self.fields["measures"].queryset = (
            Measure.objects.with_scopes_disabled()
            .filter(university=university)
            .order_by("strategy_id", "position", "pk")
        )
        self.fields["projects"].queryset = (
            Project.objects.with_scopes_disabled()
            .filter(university=university)
            .order_by("-starts_on", "pk")
        )
