from django.db import models
from django.utils.translation import gettext_lazy as _


class CoverageKind(models.TextChoices):
    PRESS = "press", _("Press")
    TV = "tv", _("Television")
    RADIO = "radio", _("Radio")
    WEB = "web", _("Web site")
    SOCIAL = "social", _("Social network")


class PieceLanguage(models.TextChoices):
    """The language of the article or broadcast itself, not of the interface."""

    KK = "kk", _("Kazakh")
    RU = "ru", _("Russian")
    EN = "en", _("English")
    OTHER = "other", _("Another language")


class SubjectKind(models.TextChoices):
    """What a piece of coverage is about: one record of one of these apps."""

    PROJECT = "project", _("Project")
    NEED = "need", _("Community need")
    STUDY = "study", _("Study")
    COUNCIL = "council", _("Council")
