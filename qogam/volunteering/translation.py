from modeltranslation.translator import TranslationOptions, register

from qogam.volunteering.models import Course, Opportunity, Programme


@register(Opportunity)
class OpportunityTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name",)


@register(Course)
class CourseTranslation(TranslationOptions):
    fields = ("name", "description")
