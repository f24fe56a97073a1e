from django.db import models
from django.utils.translation import gettext_lazy as _


class TagStatus(models.TextChoices):
    SUGGESTED = "suggested", _("suggested, waiting for a decision")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class TagSource(models.TextChoices):
    MANUAL = "manual", _("chosen by hand")
    SUGGESTION = "suggestion", _("suggested by Qogam")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")
