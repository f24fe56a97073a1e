from django import forms
from django.utils.translation import gettext_lazy as _

from qogam.core.i18n import LANGUAGE_NAMES
from qogam.indicators.models import Snapshot
from qogam.organisations.models import Unit
from qogam.reports.enums import ReportFormat, ReportKind


class SnapshotField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Snapshot) -> str:
        return f"{obj.title} · {obj.period} · {obj.created_at:%Y-%m-%d}"


class ReportRequestForm(forms.Form):
    """What a report is asked with; the service checks that the choices fit together."""

    kind = forms.ChoiceField(label=_("Kind of report"), choices=ReportKind.choices)
    period = forms.CharField(
        label=_("Reporting period"),
        max_length=12,
        help_text=_("An academic year (2025/26), a calendar year (2025) or a quarter (2025-Q3)."),
    )
    language = forms.ChoiceField(label=_("Language of the report"), choices=())
    format = forms.ChoiceField(
        label=_("File format"),
        choices=ReportFormat.choices,
        help_text=_("An annual report is a PDF or an XLSX workbook; an evidence pack is a ZIP."),
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("The whole university"),
    )
    sdgs = forms.TypedMultipleChoiceField(
        label=_("Sustainable Development Goals"),
        choices=(),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For an evidence pack: the goals whose indicators and evidence it holds."),
    )
    snapshot = SnapshotField(
        label=_("Figures from the snapshot"),
        queryset=Snapshot.objects.none(),
        required=False,
        empty_label=_("The records as they are now"),
        help_text=_("A snapshot keeps the figures that were reported, so they match."),
    )

    def __init__(self, *args, units, snapshots, refresh_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # Labelled per request, in the reader's language.
        self.fields["sdgs"].choices = [
            (goal, _("SDG %(goal)d") % {"goal": goal}) for goal in range(1, 18)
        ]
        if refresh_url:
            # A changed period asks the page again and takes only its snapshot list, which
            # proposes that period's latest snapshot (no script of our own).
            self.fields["period"].widget.attrs.update(
                {
                    "hx-get": refresh_url,
                    "hx-trigger": "change",
                    "hx-include": "this",
                    "hx-select": "#id_snapshot",
                    "hx-target": "#id_snapshot",
                    "hx-swap": "outerHTML",
                }
            )
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["snapshot"].queryset = snapshots  # type: ignore[attr-defined]
        # Offered in the order of the country's languages, each in its own name.
        self.fields["language"].choices = [
            (code, LANGUAGE_NAMES[code]) for code in ("kk", "ru", "en") if code in LANGUAGE_NAMES
        ]


class ReportFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of report"),
        choices=[("", _("Every kind")), *ReportKind.choices],
        required=False,
    )
