from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qogam.core.models import TenantModel, foreign_link_errors
from qogam.core.periods import academic_year_label
from qogam.staff import rules as staff_rules
from qogam.staff.enums import AssignmentStatus
from qogam.staff.validators import validate_categories, validate_sources

HOURS = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(3000))]


def _check_function_link(record) -> None:
    """A profile or an assignment may only use functions of its own university's catalogue."""
    errors = foreign_link_errors(
        record,
        {"function": ("staff.Function", _("The function is from another university's catalogue."))},
    )
    if errors:
        raise ValidationError(errors)


class Function(TenantModel):
    """A third-mission function in the university's catalogue, with its planned yearly hours.

    `sources` say which recorded activity counts as doing it (project work, a council seat,
    an interview …), optionally only of some `categories` (a project's kind), so done hours
    fill themselves from the records. An activity that carries no hours of its own counts
    `hours_per_item`.
    """

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    planned_hours = models.DecimalField(
        _("planned hours a year"), max_digits=6, decimal_places=1, validators=HOURS
    )
    sources = models.JSONField(
        _("activity that counts"), default=list, blank=True, validators=[validate_sources]
    )
    categories = models.JSONField(
        _("only of these kinds"), default=list, blank=True, validators=[validate_categories]
    )
    hours_per_item = models.DecimalField(
        _("hours for each activity"),
        max_digits=6,
        decimal_places=1,
        default=Decimal(0),
        validators=HOURS,
        help_text=_("Counted for an activity whose record carries no hours of its own."),
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("third-mission function")
        verbose_name_plural = _("third-mission functions")
        ordering = ["name", "pk"]
        rules_permissions = staff_rules.CATALOGUE_RULES

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("staff:function", kwargs={"public_id": self.public_id})


class Position(TenantModel):
    """A position (professor, associate professor …) and its qualification profile.

    `third_mission_hours` is the share of the annual workload the third mission may take; the
    expected functions and an assignment's planned hours must fit inside it.
    """

    name = models.CharField(_("position"), max_length=200)
    workload_hours = models.DecimalField(
        _("annual workload (hours)"),
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(3000))],
    )
    third_mission_hours = models.DecimalField(
        _("of which third mission (hours)"), max_digits=6, decimal_places=1, validators=HOURS
    )

    class Meta:
        verbose_name = _("qualification profile")
        verbose_name_plural = _("qualification profiles")
        ordering = ["name", "pk"]
        rules_permissions = staff_rules.CATALOGUE_RULES

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("staff:position", kwargs={"public_id": self.public_id})

    def clean(self) -> None:
        super().clean()
        if (
            self.workload_hours is not None
            and self.third_mission_hours is not None
            and self.third_mission_hours > self.workload_hours
        ):
            raise ValidationError(
                {
                    "third_mission_hours": _(
                        "The third-mission share cannot exceed the annual workload."
                    )
                },
                code="over_workload",
            )


class ExpectedFunction(TenantModel):
    """A function the profile expects of everyone in the position, with its hours."""

    position = models.ForeignKey(
        Position, verbose_name=_("position"), on_delete=models.CASCADE, related_name="expected"
    )
    function = models.ForeignKey(
        Function, verbose_name=_("function"), on_delete=models.PROTECT, related_name="+"
    )
    hours = models.DecimalField(_("hours a year"), max_digits=6, decimal_places=1, validators=HOURS)

    class Meta:
        verbose_name = _("expected function")
        verbose_name_plural = _("expected functions")
        ordering = ["position", "function__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["position", "function"],
                name="expected_function_once",
                violation_error_message=_("The profile already expects this function."),
            ),
        ]
        rules_permissions = staff_rules.CATALOGUE_RULES

    def __str__(self) -> str:
        return f"{self.position} · {self.function}"

    def clean(self) -> None:
        super().clean()
        _check_function_link(self)


class Assignment(TenantModel):
    """A staff member's third-mission functions for an academic year, agreed with the head of
    their unit. Done hours are not stored: they are gathered from the records."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.PROTECT,
        related_name="third_mission_assignments",
    )
    unit = models.ForeignKey(
        "organisations.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.ForeignKey(
        Position, verbose_name=_("position"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(
        _("academic year"),
        help_text=_("The year the academic year starts in: 2026 for 2026/27."),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.DRAFT,
    )
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agreed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    agreed_at = models.DateTimeField(_("agreed at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("third-mission assignment")
        verbose_name_plural = _("third-mission assignments")
        ordering = ["-year", "person__email", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["university", "person", "year"],
                name="assignment_once_a_year",
                violation_error_message=_(
                    "This staff member already has an assignment for the academic year."
                ),
            ),
        ]
        rules_permissions = staff_rules.ASSIGNMENT_RULES

    def __str__(self) -> str:
        return f"{self.person} · {academic_year_label(self.year)}"

    def get_absolute_url(self) -> str:
        return reverse("staff:assignment", kwargs={"public_id": self.public_id})

    @property
    def year_label(self) -> str:
        return academic_year_label(self.year)

    def clean(self) -> None:
        super().clean()
        errors = foreign_link_errors(
            self,
            {
                "unit": ("organisations.Unit", _("The unit belongs to another university.")),
                "position": (
                    "staff.Position",
                    _("The profile is from another university's catalogue."),
                ),
            },
        )
        if errors:
            raise ValidationError(errors)


class AssignmentLine(TenantModel):
    """One function of an assignment with its planned hours."""

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="lines"
    )
    function = models.ForeignKey(
        Function, verbose_name=_("function"), on_delete=models.PROTECT, related_name="+"
    )
    planned_hours = models.DecimalField(
        _("planned hours"), max_digits=6, decimal_places=1, validators=HOURS
    )

    class Meta:
        verbose_name = _("assigned function")
        verbose_name_plural = _("assigned functions")
        ordering = ["assignment", "function__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "function"],
                name="assignment_line_once",
                violation_error_message=_("The assignment already has this function."),
            ),
        ]
        rules_permissions = staff_rules.ASSIGNMENT_RULES

    def __str__(self) -> str:
        return f"{self.assignment} · {self.function}"

    def clean(self) -> None:
        super().clean()
        _check_function_link(self)
