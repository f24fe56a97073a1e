from modeltranslation.translator import TranslationOptions, register

from qogam.volunteering.models import Opportunity


@register(Opportunity)
class OpportunityTranslation(TranslationOptions):
    fields = ("title", "description")
