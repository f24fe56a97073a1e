from modeltranslation.translator import TranslationOptions, register

from qogam.indicators.models import Indicator, Pack, PackEntry


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "definition")


@register(Pack)
class PackTranslation(TranslationOptions):
    fields = ("name", "description", "source_note")


@register(PackEntry)
class PackEntryTranslation(TranslationOptions):
    fields = ("source_note",)
