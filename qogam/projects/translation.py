from modeltranslation.translator import TranslationOptions, register

from qogam.projects.models import Project, ProjectUpdate


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("title", "description", "outputs", "outcomes")


@register(ProjectUpdate)
class ProjectUpdateTranslation(TranslationOptions):
    fields = ("title", "body")
