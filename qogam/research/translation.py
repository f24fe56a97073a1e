from modeltranslation.translator import TranslationOptions, register

from qogam.research.models import ResearchQuestion, Study, StudyOutput


@register(Study)
class StudyTranslation(TranslationOptions):
    fields = ("title", "abstract", "uptake_note")


@register(StudyOutput)
class StudyOutputTranslation(TranslationOptions):
    fields = ("title",)


@register(ResearchQuestion)
class ResearchQuestionTranslation(TranslationOptions):
    fields = ("question", "summary")
