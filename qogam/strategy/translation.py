from modeltranslation.translator import TranslationOptions, register

from qogam.strategy.models import Direction, Goal, Measure, Strategy


@register(Strategy)
class StrategyTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Direction)
class DirectionTranslation(TranslationOptions):
    fields = ("title",)


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("title",)


@register(Measure)
class MeasureTranslation(TranslationOptions):
    fields = ("title", "description")
