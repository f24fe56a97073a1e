from django import forms
from django.utils.translation import gettext_lazy as _

from qogam.accounts.models import User
from qogam.core.i18n import TranslatedFieldsFormMixin, translated
from qogam.organisations.models import Unit, University
from qogam.staff.models import Assignment, Function, Position
from qogam.staff.queries import category_choices, source_labels


class UniversityChoiceMixin(forms.BaseForm):
    """A university field shown only when the person manages more than one."""

    def set_universities(self, universities) -> None:
        field = self.fields["university"]
        field.queryset = universities
        only = list(universities[:2])
        if len(only) == 1:
            field.initial = only[0].pk
            field.widget = forms.HiddenInput()


class FunctionForm(TranslatedFieldsFormMixin, UniversityChoiceMixin, forms.ModelForm):
    translated_fields = ("name", "description")
    required_translated_fields = ("name",)

    university = forms.ModelChoiceField(label=_("University"), queryset=University.objects.none())
    sources = forms.MultipleChoiceField(
        label=_("Activity that counts"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Done hours fill themselves from these records of the person."),
    )
    categories = forms.MultipleChoiceField(
        label=_("Only of these kinds"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Left empty: every record of the chosen activity counts."),
    )

    class Meta:
        model = Function
        fields = [
            "name_kk",
            "name_ru",
            "name_en",
            "description_kk",
            "description_ru",
            "description_en",
            "planned_hours",
            "sources",
            "categories",
            "hours_per_item",
            "active",
        ]
        widgets = {
            "description_kk": forms.Textarea(attrs={"rows": 3}),
            "description_ru": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, universities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].choices = list(source_labels().items())
        self.fields["categories"].choices = category_choices()
        if universities is None or self.instance.pk:
            del self.fields["university"]
        else:
            self.set_universities(universities)
        self.order_fields(["university"])

    def _post_clean(self):
        # The service validates and saves the record.
        pass


class PositionForm(TranslatedFieldsFormMixin, UniversityChoiceMixin, forms.ModelForm):
    translated_fields = ("name",)
    required_translated_fields = ("name",)

    university = forms.ModelChoiceField(label=_("University"), queryset=University.objects.none())

    class Meta:
        model = Position
        fields = ["name_kk", "name_ru", "name_en", "workload_hours", "third_mission_hours"]

    def __init__(self, *args, universities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if universities is None or self.instance.pk:
            del self.fields["university"]
        else:
            self.set_universities(universities)
        self.order_fields(["university"])

    def _post_clean(self):
        pass


class FunctionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return translated(obj, "name").text


class LineForm(forms.Form):
    """One function with its hours: a profile's expected function or an assignment's line."""

    function = FunctionChoiceField(
        label=_("Function"), queryset=Function.objects.none(), required=False
    )
    hours = forms.DecimalField(
        label=_("Hours"), max_digits=6, decimal_places=1, min_value=0, required=False
    )

    def __init__(self, *args, functions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if functions is not None:
            self.fields["function"].queryset = functions

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("function") and cleaned.get("hours") is None:
            self.add_error("hours", _("Give the hours."))
        return cleaned


class BaseLineFormSet(forms.BaseFormSet):
    def __init__(self, *args, functions=None, **kwargs):
        self.functions = functions
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"functions": self.functions}

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            functions=self.functions,
            renderer=self.renderer,
        )
        self.add_fields(form, None)
        return form

    def lines(self) -> list[dict]:
        """The filled rows as [{"function": …, "hours": …}], in order."""
        return [
            {"function": f.cleaned_data["function"], "hours": f.cleaned_data["hours"]}
            for f in self.forms
            if f.cleaned_data.get("function")
        ]


LineFormSet = forms.formset_factory(LineForm, formset=BaseLineFormSet, extra=3, max_num=30)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class AssignmentForm(forms.ModelForm):
    person = PersonChoiceField(label=_("Staff member"), queryset=User.objects.none())
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    position = forms.ModelChoiceField(
        label=_("Position (qualification profile)"), queryset=Position.objects.none()
    )

    class Meta:
        model = Assignment
        fields = ["person", "unit", "position", "year", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, people=None, units=None, positions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["person"].queryset = people
        if units is not None:
            self.fields["unit"].queryset = units
        if positions is not None:
            self.fields["position"].queryset = positions
        self.fields["position"].help_text = _(
            "“Fill from the profile” puts the profile's expected functions in the lines below."
        )

    def _post_clean(self):
        pass


class YearForm(forms.Form):
    year = forms.IntegerField(
        label=_("Academic year"), min_value=2000, max_value=2100, required=False
    )


class PlannedLineForm(LineForm):
    hours = forms.DecimalField(
        label=_("Planned hours"), max_digits=6, decimal_places=1, min_value=0, required=False
    )


PlannedLineFormSet = forms.formset_factory(
    PlannedLineForm, formset=BaseLineFormSet, extra=3, max_num=30
)
