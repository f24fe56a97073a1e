from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    # The year's third mission of a university or a unit, for the rector's office.
    ANNUAL = "annual", _("Annual third-mission report")
    # Per SDG chosen, the indicators and their evidence, for a ranking submission.
    EVIDENCE_PACK = "evidence_pack", _("Evidence pack for a ranking")


class ReportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "XLSX"
    ZIP = "zip", "ZIP"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Being generated")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


FINISHED = (ReportStatus.DONE, ReportStatus.FAILED)
