from modeltranslation.translator import TranslationOptions, register

from qogam.sdg.models import Goal, LocalTarget, Target


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("short_title", "title")


@register(Target)
class TargetTranslation(TranslationOptions):
    fields = ("title",)


@register(LocalTarget)
class LocalTargetTranslation(TranslationOptions):
    fields = ("title",)
