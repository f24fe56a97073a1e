from django.db import models
from django.utils.translation import gettext_lazy as _


class NeedCategory(models.TextChoices):
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    ENVIRONMENT = "environment", _("Environment")
    SOCIAL_SUPPORT = "social_support", _("Social support")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    CULTURE = "culture", _("Culture")
    ECONOMY = "economy", _("Economy and jobs")
    DIGITAL = "digital", _("Digital skills")
    OTHER = "other", _("Other")


class AffectedGroup(models.TextChoices):
    SCHOOLCHILDREN = "schoolchildren", _("Schoolchildren")
    YOUTH = "youth", _("Youth")
    ELDERLY = "elderly", _("Elderly people")
    DISABILITIES = "disabilities", _("People with disabilities")
    RURAL = "rural", _("Rural residents")
    FAMILIES = "families", _("Families")
    SMES = "smes", _("Small and medium businesses")
    EVERYONE = "everyone", _("Everyone")
    OTHER = "other", _("Other")


class Urgency(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class NeedState(models.TextChoices):
    """The workflow. An anonymous post waits for its e-mail to be confirmed before moderation."""

    SUBMITTED = "submitted", _("Awaiting e-mail confirmation")
    IN_MODERATION = "in_moderation", _("In moderation")
    REJECTED = "rejected", _("Not published")
    PUBLISHED = "published", _("Published")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    IN_PROGRESS = "in_progress", _("In progress")
    ADDRESSED = "addressed", _("Addressed")


# States in which a need is shown to the public (unless a moderator has hidden it).
PUBLIC_STATES = frozenset(
    {
        NeedState.PUBLISHED,
        NeedState.ACCEPTED,
        NeedState.DECLINED,
        NeedState.IN_PROGRESS,
        NeedState.ADDRESSED,
    }
)
# A published need nobody at the university has answered yet.
UNANSWERED_STATES = frozenset({NeedState.PUBLISHED})


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    EMAIL_CONFIRMED = "email_confirmed", _("E-mail confirmed; sent to moderation")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Not published by the moderators")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    STARTED = "started", _("Work started")
    ADDRESSED = "addressed", _("Addressed")
    NOTE = "note", _("Note")
    HIDDEN = "hidden", _("Hidden by the moderators")
    RESTORED = "restored", _("Restored by the moderators")


# Events shown on the public timeline; the others stay with the university's staff.
PUBLIC_EVENT_KINDS = frozenset(
    {
        EventKind.SUBMITTED,
        EventKind.EMAIL_CONFIRMED,
        EventKind.PUBLISHED,
        EventKind.ACCEPTED,
        EventKind.DECLINED,
        EventKind.STARTED,
        EventKind.ADDRESSED,
        EventKind.NOTE,
    }
)


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    ABUSE = "abuse", _("Insulting or abusive")
    PERSONAL_DATA = "personal_data", _("Reveals someone's personal data")
    OFF_TOPIC = "off_topic", _("Not a community need")
    OTHER = "other", _("Something else")
