from modeltranslation.translator import TranslationOptions, register

from qogam.organisations.models import Network, Unit, University


@register(Network)
class NetworkTranslation(TranslationOptions):
    fields = ("name", "description")


@register(University)
class UniversityTranslation(TranslationOptions):
    fields = ("name", "short_name", "description", "city")


@register(Unit)
class UnitTranslation(TranslationOptions):
    fields = ("name", "short_name")
