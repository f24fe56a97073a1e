from modeltranslation.translator import TranslationOptions, register

from qogam.needs.models import Need, NeedEvent


# Only what the university writes is content in three languages; the poster writes in one.
@register(Need)
class NeedTranslation(TranslationOptions):
    fields = ("decline_reason", "report")


@register(NeedEvent)
class NeedEventTranslation(TranslationOptions):
    fields = ("note",)
