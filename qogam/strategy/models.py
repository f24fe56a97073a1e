from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from qogam.core.models import TenantModel, VisibleTenantModel, foreign_link_errors
from qogam.projects.validators import validate_components, validate_sdgs
from qogam.strategy import rules as strategy_rules
from qogam.strategy.enums import MeasureStatus
from qogam.strategy.validators import validate_indicator_codes


class Strategy(VisibleTenantModel):
    """A university's development strategy, or a unit's plan, for a period.

    A strategy marked as a template (with visibility `network`) is the network's model that
    member universities copy from; it belongs to the university hosting the network's
    secretariat. A copy remembers where it came from.
    """

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty for the whole university's strategy."),
    )
    starts_on = models.DateField(_("period starts on"))
    ends_on = models.DateField(_("period ends on"))
    is_template = models.BooleanField(
        _("network template"),
        default=False,
        help_text=_("A model that member universities of the network copy from."),
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="strategy_period_in_order",
                violation_error_message=_("The period must end after it starts."),
            ),
        ]
        rules_permissions = strategy_rules.STRATEGY_RULES

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:detail", kwargs={"public_id": self.public_id})

    @property
    def period_label(self) -> str:
        return f"{self.starts_on.year}–{self.ends_on.year}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {
            field: [error]
            for field, error in foreign_link_errors(
                self,
                {"unit": ("organisations.Unit", _("The unit belongs to another university."))},
            ).items()
        }
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors.setdefault("ends_on", []).append(_("The period must end after it starts."))
        if errors:
            raise ValidationError(errors)


class Direction(TenantModel):
    """A strategic direction: the widest heading of a strategy."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="directions"
    )
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        verbose_name = _("strategic direction")
        verbose_name_plural = _("strategic directions")
        ordering = ["strategy", "position", "pk"]
        rules_permissions = strategy_rules.CHILD_RULES

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Goal(TenantModel):
    """A goal under a direction."""

    direction = models.ForeignKey(
        Direction, verbose_name=_("direction"), on_delete=models.CASCADE, related_name="goals"
    )
    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="goals"
    )
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["direction", "position", "pk"]
        rules_permissions = strategy_rules.CHILD_RULES

    def __str__(self) -> str:
        return f"{self.direction.position}.{self.position}. {self.title}"

    def clean(self) -> None:
        super().clean()
        if (
            self.direction_id
            and self.strategy_id
            and self.direction.strategy_id != self.strategy_id
        ):
            raise ValidationError(
                {"direction": _("The direction belongs to another strategy.")}, code="elsewhere"
            )


class Measure(TenantModel):
    """What will be done, by whom, by when and with what budget, and how it is going.

    Tied to the University model 4.0 components, the SDGs, the indicators that will show it
    (by indicator code, a link rather than an import of the indicators app) and the projects
    that carry it out.
    """

    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="measures"
    )
    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="measures"
    )
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    title = models.CharField(_("what will be done"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="strategy_measures",
    )
    owner_unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("responsible unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    due_on = models.DateField(_("due by"))
    budget = models.DecimalField(
        _("budget (tenge)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    components = models.JSONField(
        _("components of the University model 4.0"),
        default=list,
        validators=[validate_components],
    )
    sdgs = models.JSONField(
        _("Sustainable Development Goals"), default=list, blank=True, validators=[validate_sdgs]
    )
    indicator_codes = models.JSONField(
        _("indicators that will show it"),
        default=list,
        blank=True,
        validators=[validate_indicator_codes],
        help_text=_("Codes of the indicators, e.g. VOL-01."),
    )
    projects = models.ManyToManyField(
        "projects.Project",
        verbose_name=_("projects that carry it out"),
        blank=True,
        related_name="strategy_measures",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=MeasureStatus.choices,
        default=MeasureStatus.NOT_STARTED,
        db_index=True,
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["goal", "position", "pk"]
        indexes = [models.Index(fields=["owner", "status", "due_on"])]
        rules_permissions = strategy_rules.CHILD_RULES

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:measure", kwargs={"public_id": self.public_id})

    @property
    def number(self) -> str:
        return f"{self.goal.direction.position}.{self.goal.position}.{self.position}"

    def is_overdue(self, today) -> bool:
        return self.status != MeasureStatus.DONE and self.due_on < today

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {
            field: [error]
            for field, error in foreign_link_errors(
                self,
                {
                    "owner_unit": (
                        "organisations.Unit",
                        _("The unit belongs to another university."),
                    )
                },
            ).items()
        }
        if self.goal_id and self.strategy_id and self.goal.strategy_id != self.strategy_id:
            errors.setdefault("goal", []).append(_("The goal belongs to another strategy."))
        if self.strategy_id and self.due_on:
            strategy = self.strategy
            if not strategy.starts_on <= self.due_on <= strategy.ends_on:
                errors.setdefault("due_on", []).append(
                    _("The measure must be due within the strategy's period (%(period)s).")
                    % {"period": _period(strategy)}
                )
            if self.starts_on and self.starts_on < strategy.starts_on:
                errors.setdefault("starts_on", []).append(
                    _("The measure cannot start before the strategy's period (%(period)s).")
                    % {"period": _period(strategy)}
                )
        if self.starts_on and self.due_on and self.due_on < self.starts_on:
            errors.setdefault("due_on", []).append(_("The measure must be due after it starts."))
        if errors:
            raise ValidationError(errors)


def _period(strategy: Strategy) -> str:
    return "{} – {}".format(
        formats.date_format(strategy.starts_on, "SHORT_DATE_FORMAT"),
        formats.date_format(strategy.ends_on, "SHORT_DATE_FORMAT"),
    )


class ProgressNote(TenantModel):
    """A dated note on a measure's progress, with the status it reported."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="notes"
    )
    on = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=12, choices=MeasureStatus.choices)
    text = models.TextField(_("progress"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["-on", "-pk"]
        rules_permissions = strategy_rules.CHILD_RULES

    def __str__(self) -> str:
        return f"{self.measure} · {self.on}"
