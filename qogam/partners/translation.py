from modeltranslation.translator import TranslationOptions, register

from qogam.partners.models import Agreement, PartnerOrganisation


@register(PartnerOrganisation)
class PartnerOrganisationTranslation(TranslationOptions):
    fields = ("name", "short_name", "description")


@register(Agreement)
class AgreementTranslation(TranslationOptions):
    fields = ("title",)
