from modeltranslation.translator import TranslationOptions, register

from qogam.staff.models import Function, Position


@register(Function)
class FunctionTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Position)
class PositionTranslation(TranslationOptions):
    fields = ("name",)
