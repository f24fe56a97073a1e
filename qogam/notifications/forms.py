from django import forms
from django.utils.translation import gettext_lazy as _

from qogam.notifications.enums import Delivery
from qogam.notifications.kinds import all_kinds


class PreferencesForm(forms.Form):
    default = forms.ChoiceField(label=_("All notices"), choices=Delivery.choices)

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["default"].initial = current.get("", Delivery.IMMEDIATE)
        for kind in all_kinds():
            self.fields[f"kind_{kind.key}"] = forms.ChoiceField(
                label=kind.label,
                choices=[("", _("As for all notices")), *Delivery.choices],
                required=False,
                initial=current.get(kind.key, ""),
            )

    def per_kind(self) -> dict[str, str]:
        return {
            name.removeprefix("kind_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("kind_")
        }
