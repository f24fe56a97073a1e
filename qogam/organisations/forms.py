from django import forms
from django.utils.translation import gettext_lazy as _

from qogam.core.i18n import TranslatedFieldsFormMixin, translated_field_names
from qogam.organisations.models import Unit


class UnitForm(TranslatedFieldsFormMixin, forms.ModelForm):
    translated_fields = ("name", "short_name")
    required_translated_fields = ("name",)
    # Declared here because the model's own field would query units with no tenant scope open.
    parent = forms.ModelChoiceField(
        queryset=Unit.objects.none(), label=_("Parent unit"), required=False
    )

    class Meta:
        model = Unit
        fields = [
            "kind",
            *translated_field_names("name"),
            *translated_field_names("short_name"),
            "parent",
            "visibility",
        ]

    def __init__(self, *args, university, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.university = university
        parents = Unit.objects.with_scopes_disabled().filter(university=university)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents.order_by("name")
        self.fields["parent"].empty_label = _("— none: a top-level unit —")
