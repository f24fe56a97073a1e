from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from qogam.core.i18n import CONTENT_LANGUAGES, TranslatedFieldsFormMixin
from qogam.core.uploads import DOCUMENTS, IMAGES, FileCheck
from qogam.needs.enums import NeedCategory, NeedState, ReportReason
from qogam.needs.models import Comment, Need
from qogam.organisations.models import Unit
from qogam.sdg.forms import GoalsField, SdgSuggestionsMixin
from qogam.sdg.goals import goal_choices


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked for its real type and its size."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.webp,.pdf"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def _check_file(upload) -> None:
    FileCheck(IMAGES + DOCUMENTS)(upload)


class NeedForm(SdgSuggestionsMixin, forms.ModelForm):
    """What a resident, a partner or an official tells the university."""

    university = forms.ModelChoiceField(queryset=None, label=_("University"))
    language = forms.ChoiceField(
        label=_("Language of the text"),
        choices=[("", _("Recognise it from the text")), *settings.LANGUAGES],
        required=False,
    )
    sdg_kind = "needs.need"
    sdgs = GoalsField(help_text=_("Optional: the UN goals this need is about."))
    attachments = MultipleFileField(
        label=_("Photos or documents"),
        required=False,
        help_text=_("JPEG, PNG, WebP or PDF, up to %(mb)d MB each, at most 5 files.")
        % {"mb": settings.UPLOAD_MAX_MB},
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_(
            "We send a link to confirm the need before it goes to moderation. It is never shown "
            "in public."
        ),
    )
    partner_organisation = forms.ModelChoiceField(
        queryset=None,
        label=_("Posted on behalf of"),
        required=False,
        help_text=_("Organisations you represent in Qogam."),
        empty_label=_("— myself —"),
    )

    class Meta:
        model = Need
        fields = [
            "university",
            "title",
            "description",
            "language",
            "category",
            "affected_group",
            "urgency",
            "district",
            "latitude",
            "longitude",
            "sdgs",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "district": _("The district of the city, or the town or village."),
            "latitude": _("Optional: a point on the map, e.g. 43.238949."),
            "longitude": _("Optional: e.g. 76.889709."),
        }

    def __init__(self, *args, user, universities, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["university"].queryset = universities
        self.fields["sdgs"].initial = []
        if user.is_authenticated:
            del self.fields["email"]
        else:
            self.fields["email"].required = True
        if organisations:
            self.fields["partner_organisation"].queryset = organisations
        else:
            del self.fields["partner_organisation"]

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        errors = []
        for upload in files:
            try:
                _check_file(upload)
            except forms.ValidationError as exc:
                errors += [
                    _("“%(name)s”: %(error)s") % {"name": upload.name, "error": message}
                    for message in exc.messages
                ]
        if len(files) > 5:
            errors.append(_("Attach at most %(count)d files.") % {"count": 5})
        if errors:
            raise forms.ValidationError(errors)
        return files

    def need_values(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in self.Meta.fields
            if name not in {"university"} and name in data
        }


def _translated_textareas(base: str, label, rows: int = 4) -> dict:
    from qogam.core.i18n import LANGUAGE_NAMES  # noqa: PLC0415

    return {
        f"{base}_{code}": forms.CharField(
            label=f"{label} ({LANGUAGE_NAMES.get(code, code)})",
            required=False,
            widget=forms.Textarea(attrs={"rows": rows, "lang": code}),
        )
        for code in CONTENT_LANGUAGES
    }


class _TextsForm(TranslatedFieldsFormMixin, forms.Form):
    base = "note"

    def texts(self) -> dict[str, str]:
        return {
            code: self.cleaned_data.get(f"{self.base}_{code}") or "" for code in CONTENT_LANGUAGES
        }


def texts_form(base: str, label, *, required: bool, extra: dict | None = None) -> type:
    """A form with one text in each content language (and maybe other fields)."""
    attrs = {
        "base": base,
        "translated_fields": (base,),
        "required_translated_fields": (base,) if required else (),
        **_translated_textareas(base, label),
        **(extra or {}),
    }
    return type(_TextsForm)(f"{base.title()}Form", (_TextsForm,), attrs)


class AcceptForm(texts_form("note", _("Public note"), required=False)):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Unit that takes it on"))
    field_order = ["unit"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


DeclineForm = texts_form("reason", _("Public reason"), required=True)
StartNoteForm = texts_form("note", _("Public note"), required=False)
AddressForm = texts_form("report", _("What was done"), required=True)
NoteForm = texts_form("note", _("Public note"), required=True)


class ModerateForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("publish", _("Publish")), ("reject", _("Do not publish"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why it is not published"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the poster when the need is not published."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class CommentForm(forms.ModelForm):
    parent = forms.UUIDField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Comment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3, "maxlength": 4000})}
        labels = {"body": _("Your comment")}


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong?"), choices=ReportReason.choices)
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SupportEmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send a link to confirm; the address is never shown."),
    )


def _goal_filter() -> list[tuple[int | str, str]]:
    return [("", _("Any goal")), *goal_choices()]


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All")), *NeedCategory.choices]
    )
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            *[
                (s.value, s.label)
                for s in NeedState
                if s.value not in {"submitted", "in_moderation", "rejected"}
            ],
        ],
    )
    district = forms.CharField(label=_("District"), required=False)
    sdg = forms.TypedChoiceField(
        label=_("Goal"), required=False, coerce=int, empty_value=None, choices=_goal_filter
    )
