from django.db import models
from django.utils.translation import gettext_lazy as _


class OpportunityStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for sign-ups")
    CLOSED = "closed", _("Closed")


class SignUpStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


# A sign-up holding a place or a place in the queue; one such per student and shift.
ACTIVE_STATUSES = (SignUpStatus.CONFIRMED, SignUpStatus.WAITLISTED)
