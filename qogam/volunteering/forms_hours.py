"""Forms for hours: logging, deciding, correcting, and attendance."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy

HOURS_STEP = Decimal("0.25")


def _hours_field(label, *, required: bool = True) -> forms.DecimalField:
    field = forms.DecimalField(
        label=label,
        required=required,
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.25"),
        max_value=Decimal("24"),
    )
    field.widget.attrs["step"] = str(HOURS_STEP)
    return field


class LogHoursForm(forms.Form):
    hours = _hours_field(gettext_lazy("Hours given"))
    note = forms.CharField(
        label=gettext_lazy("What you did"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("A line or two for whoever verifies the hours."),
    )


class RejectHoursForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for rejecting"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("The student reads it."),
    )


class CorrectHoursForm(forms.Form):
    hours = _hours_field(gettext_lazy("Corrected hours"))
    reason = forms.CharField(
        label=gettext_lazy("Reason for the correction"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AttendanceForm(forms.Form):
    """A checkbox per confirmed volunteer (ticked: came) and the hours each gets."""

    hours = _hours_field(gettext_lazy("Hours for each volunteer who came"))

    def __init__(self, *args, rows, default_hours: Decimal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hours"].initial = default_hours
        self.rows = []
        for sign_up, entry in rows:
            name = f"came_{sign_up.public_id}"
            self.fields[name] = forms.BooleanField(
                label=sign_up.student.full_name or sign_up.student.email,
                required=False,
                initial=sign_up.attendance != "absent",
            )
            self.rows.append({"sign_up": sign_up, "entry": entry, "field": self[name]})

    def came(self) -> list:
        return [row["sign_up"] for row in self.rows if self.cleaned_data.get(row["field"].name)]
