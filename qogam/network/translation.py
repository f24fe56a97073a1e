from modeltranslation.translator import TranslationOptions, register

from qogam.network.models import (
    Conference,
    ConferenceSection,
    GoodPractice,
    JointProject,
    Recommendation,
    Resolution,
)


@register(GoodPractice)
class GoodPracticeTranslation(TranslationOptions):
    fields = ("title", "summary", "audience", "results")


@register(JointProject)
class JointProjectTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Conference)
class ConferenceTranslation(TranslationOptions):
    fields = ("title", "description")


@register(ConferenceSection)
class ConferenceSectionTranslation(TranslationOptions):
    fields = ("title",)


@register(Resolution)
class ResolutionTranslation(TranslationOptions):
    fields = ("title", "preamble")


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("text",)
