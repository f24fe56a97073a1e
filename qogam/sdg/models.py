"""The UN's 17 goals and 169 targets (shared by every university) and local targets."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qogam.core.models import TenantModel
from qogam.sdg.enums import RunStatus, TagSource, TagStatus

COLOUR = RegexValidator(r"^#[0-9A-F]{6}$", _("Enter a colour as # and six hex digits."))


class Goal(models.Model):
    number = models.PositiveSmallIntegerField(
        _("goal number"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    short_title = models.CharField(_("short title"), max_length=200)
    title = models.CharField(_("goal title"), max_length=500)
    colour = models.CharField(_("colour"), max_length=7, validators=[COLOUR])

    class Meta:
        ordering = ["number"]
        verbose_name = _("sustainable development goal")
        verbose_name_plural = _("sustainable development goals")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=17), name="sdg_goal_number_1_17"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.short_title}"


class Target(models.Model):
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="targets"
    )
    code = models.CharField(_("target code"), max_length=8, unique=True)
    # Sorts 4.10 after 4.9 and 4.a after 4.10, as the UN lists them.
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.TextField(_("target title"))

    class Meta:
        ordering = ["goal__number", "position"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self) -> str:
        return self.code


class LocalTarget(TenantModel):
    """A university's own target, set under one UN target (e.g. "4.7.KZ-1")."""

    target = models.ForeignKey(
        Target, verbose_name=_("UN target"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("local target code"), max_length=32)
    title = models.CharField(_("local target title"), max_length=500)

    class Meta:
        ordering = ["target__goal__number", "target__position", "code"]
        verbose_name = _("local SDG target")
        verbose_name_plural = _("local SDG targets")
        constraints = [
            models.UniqueConstraint(fields=["university", "code"], name="sdg_local_target_code")
        ]

    def __str__(self) -> str:
        return self.code


class RecordGoal(TenantModel):
    """A goal (or one of its targets) on a record, and what a person made of it.

    The record's own `sdgs` list stays what pages and filters read; these rows say how each
    goal got there (chosen by hand, or suggested and accepted, by whom and when), keep the
    suggestions a bulk run made until someone decides, and remember rejected suggestions so
    they are not offered again and serve as feedback on the tagger.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("kind of record"), on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(_("record"))
    goal = models.PositiveSmallIntegerField(
        _("goal"), validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    # Empty for the goal itself; a UN target code ("7.2") under the goal otherwise.
    target = models.CharField(_("target"), max_length=8, blank=True, default="")
    status = models.CharField(
        _("status"), max_length=16, choices=TagStatus.choices, default=TagStatus.SUGGESTED
    )
    source = models.CharField(
        _("how it was tagged"), max_length=16, choices=TagSource.choices, default=TagSource.MANUAL
    )
    score = models.FloatField(_("score"), null=True, blank=True)
    evidence = models.JSONField(_("evidence"), default=dict, blank=True)
    language = models.CharField(_("language of the text"), max_length=8, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["goal", "target"]
        verbose_name = _("goal of a record")
        verbose_name_plural = _("goals of records")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "goal", "target"], name="sdg_record_goal"
            ),
            models.CheckConstraint(
                condition=models.Q(goal__gte=1, goal__lte=17), name="sdg_record_goal_1_17"
            ),
        ]
        indexes = [
            models.Index(fields=["university", "status"], name="sdg_record_goal_status"),
            models.Index(fields=["content_type", "object_id"], name="sdg_record_goal_record"),
        ]

    def __str__(self) -> str:
        return self.target or str(self.goal)


class TaggingRun(TenantModel):
    """Suggestions made in the background for a university's existing records."""

    kinds = models.JSONField(_("kinds of record"), default=list)
    only_untagged = models.BooleanField(_("only records without goals"), default=True)
    status = models.CharField(
        _("status"), max_length=16, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("records to read"), default=0)
    done = models.PositiveIntegerField(_("records read"), default=0)
    suggested = models.PositiveIntegerField(_("suggestions made"), default=0)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("SDG tagging run")
        verbose_name_plural = _("SDG tagging runs")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} · {self.get_status_display()}"

    @property
    def progress(self) -> int:
        """Per cent of records read (100 when there was nothing to read)."""
        if self.status == RunStatus.DONE or not self.total:
            return 100 if self.status == RunStatus.DONE else 0
        return min(100, self.done * 100 // self.total)

    def get_absolute_url(self) -> str:
        return reverse("sdg:run", kwargs={"public_id": self.public_id})
