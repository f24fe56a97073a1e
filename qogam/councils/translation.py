from modeltranslation.translator import TranslationOptions, register

from qogam.councils.models import AgendaItem, Council, Decision


@register(Council)
class CouncilTranslation(TranslationOptions):
    fields = ("name", "purpose")


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title",)


@register(Decision)
class DecisionTranslation(TranslationOptions):
    fields = ("text",)
