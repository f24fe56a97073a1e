"""Content in three languages: reading with a visible fallback, and checking forms.

Content fields (names, descriptions) are stored a column per language by
django-modeltranslation (`name_kk`, `name_ru`, `name_en`). Reading goes kk -> ru -> en after
the reader's own language, and the page shows when it fell back, so a reader knows the text
is not in their language rather than wondering why it is Kazakh.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

CONTENT_LANGUAGES: tuple[str, ...] = tuple(settings.MODELTRANSLATION_LANGUAGES)
LANGUAGE_NAMES = dict(settings.LANGUAGES)


@dataclass(frozen=True)
class TranslatedText:
    text: str
    language: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text


def fallback_order(language: str | None = None) -> list[str]:
    wanted = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    order = [wanted] if wanted in CONTENT_LANGUAGES else []
    order += [code for code in settings.MODELTRANSLATION_FALLBACK_LANGUAGES if code not in order]
    return order


def translated(obj: Model, field: str, language: str | None = None) -> TranslatedText:
    """The value of `field` in the reader's language, or the first filled fallback."""
    order = fallback_order(language)
    for code in order:
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            return TranslatedText(str(value), code, is_fallback=code != order[0])
    return TranslatedText("", order[0], is_fallback=False)


def translated_field_names(field: str) -> list[str]:
    return [f"{field}_{code}" for code in CONTENT_LANGUAGES]


def missing_translation_message(label: str, code: str) -> str:
    return _("“%(field)s” is missing its %(language)s translation.") % {
        "field": label,
        "language": LANGUAGE_NAMES.get(code, code),
    }


def require_translations(obj: Model, *fields: str) -> None:
    """Raise ValidationError, keyed `<field>_<lang>`, for each required language left empty.

    Services call this, so pages, the API and imports refuse the same incomplete content.
    """
    errors = {}
    for base in fields:
        for code in settings.CONTENT_REQUIRED_LANGUAGES:
            name = f"{base}_{code}"
            if not (getattr(obj, name, "") or "").strip():
                field = obj._meta.get_field(name)
                label = str(getattr(field, "verbose_name", name))
                errors[name] = missing_translation_message(label, code)
    if errors:
        raise ValidationError(errors, code="missing_translation")


class TranslatedFieldsFormMixin(forms.BaseForm):
    """Checks content fields language by language.

    `translated_fields` names the base fields (`("name",)`); `required_translated_fields` the
    ones that must be filled in every language of settings.CONTENT_REQUIRED_LANGUAGES. The
    error sits on the missing language's own input and says which language is missing.
    """

    translated_fields: tuple[str, ...] = ()
    required_translated_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for base in self.translated_fields:
            for code in CONTENT_LANGUAGES:
                name = f"{base}_{code}"
                if name in self.fields:
                    self.fields[name].required = False
                    self.fields[name].widget.attrs["lang"] = code

    def clean(self):
        cleaned = super().clean() or {}
        for base in self.required_translated_fields:
            for code in settings.CONTENT_REQUIRED_LANGUAGES:
                name = f"{base}_{code}"
                if name in self.fields and not (cleaned.get(name) or "").strip():
                    label = str(self.fields[name].label or base)
                    self.add_error(name, missing_translation_message(label, code))
        return cleaned
