import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qogam.core.models import TenantModel
from qogam.reports import rules as report_rules
from qogam.reports.enums import ReportFormat, ReportKind, ReportStatus


def report_path(instance, filename: str) -> str:
    # A random folder per file: the path cannot be guessed; the file is streamed by a view
    # that asks who may read the report.
    return f"reports/{instance.university_id}/{uuid.uuid4().hex}/{filename}"


class Report(TenantModel):
    """A generated report: what was asked, by whom, how far it got, and the file it made.

    The figures come from `snapshot` when there is one, so a report generated again later
    shows the numbers that were reported, not the records as they are now.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=ReportKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # A period key of qogam.indicators.periods: "2025/26", "2025" or "2025-Q3".
    period = models.CharField(_("period"), max_length=12)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    format = models.CharField(_("format"), max_length=4, choices=ReportFormat.choices)
    # The language the file was written in: the one asked for, or the fallback taken when
    # its interface translations are missing (the report's page says so).
    language_used = models.CharField(
        _("language used"), max_length=2, choices=settings.LANGUAGES, blank=True
    )
    # The goals an evidence pack covers (1–17); empty for an annual report.
    sdgs = models.JSONField(_("Sustainable Development Goals"), default=list, blank=True)
    snapshot = models.ForeignKey(
        "indicators.Snapshot",
        verbose_name=_("snapshot"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=ReportStatus.choices,
        default=ReportStatus.QUEUED,
        db_index=True,
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    stage = models.CharField(_("stage"), max_length=200, blank=True)
    error = models.TextField(_("why it failed"), blank=True)
    file = models.FileField(_("file"), upload_to=report_path, max_length=300, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="report_progress_at_most_100"
            ),
        ]
        indexes = [models.Index(fields=["university", "-created_at"], name="report_recent")]
        rules_permissions = report_rules.REPORT_RULES

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} · {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", kwargs={"public_id": self.public_id})
