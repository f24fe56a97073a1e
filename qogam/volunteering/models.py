from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qogam.core.models import TenantModel, VisibleTenantModel
from qogam.projects.enums import ProjectKind
from qogam.volunteering import rules as volunteering_rules
from qogam.volunteering.enums import ACTIVE_STATUSES, OpportunityStatus, SignUpStatus


def _owner_of(model_label: str, pk) -> int | None:
    from django.apps import apps  # noqa: PLC0415 -- any tenant model, by label

    model = apps.get_model(model_label)
    return (
        model._default_manager.with_scopes_disabled()
        .filter(pk=pk)
        .values_list("university_id", flat=True)
        .first()
    )


class Opportunity(VisibleTenantModel):
    """A way for students to volunteer: for a project or a partner, in shifts with places."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteering_opportunities",
    )
    partner = models.ForeignKey(
        "partners.PartnerOrganisation",
        verbose_name=_("partner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteering_opportunities",
    )
    unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=24, choices=ProjectKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    skills = models.TextField(_("skills wanted"), blank=True)
    location = models.CharField(_("location"), max_length=300, blank=True)
    accessibility = models.TextField(
        _("accessibility notes"),
        blank=True,
        help_text=_("Step-free access, transport, what a volunteer with a disability should know."),
    )
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"),
        null=True,
        blank=True,
        validators=[MinValueValidator(14), MaxValueValidator(99)],
    )
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=OpportunityStatus.choices,
        default=OpportunityStatus.DRAFT,
        db_index=True,
    )

    class Meta:
        verbose_name = _("volunteering opportunity")
        verbose_name_plural = _("volunteering opportunities")
        ordering = ["-created_at", "pk"]
        rules_permissions = volunteering_rules.OPPORTUNITY_RULES

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("volunteering:detail", kwargs={"public_id": self.public_id})

    def clean(self) -> None:
        super().clean()
        errors: dict[str, ValidationError] = {}
        links = {
            "project": ("projects.Project", _("The project belongs to another university.")),
            "partner": (
                "partners.PartnerOrganisation",
                _("The partner belongs to another university."),
            ),
            "unit": ("organisations.Unit", _("The unit belongs to another university.")),
        }
        for field, (label, message) in links.items():
            pk = getattr(self, f"{field}_id")
            if pk and self.university_id and _owner_of(label, pk) != self.university_id:
                errors[field] = ValidationError(message, code=f"foreign_{field}")
        if errors:
            raise ValidationError(errors)


class Shift(TenantModel):
    """A time slot of an opportunity with a number of places."""

    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("opportunity"),
        on_delete=models.CASCADE,
        related_name="shifts",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(10000)]
    )
    cancel_until = models.PositiveIntegerField(
        _("cancel until (hours before the start)"),
        default=24,
        validators=[MaxValueValidator(24 * 30)],
        help_text=_("After this a volunteer asks the coordinator to cancel."),
    )

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="shift_ends_after_it_starts",
                violation_error_message=_("A shift must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="shift_has_a_place",
                violation_error_message=_("A shift needs at least one place."),
            ),
        ]
        rules_permissions = volunteering_rules.SHIFT_RULES

    def __str__(self) -> str:
        return f"{self.opportunity} · {self.starts_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return self.opportunity.get_absolute_url() + f"#shift-{self.public_id}"

    def clean(self) -> None:
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": _("A shift must end after it starts.")}, code="ends_first"
            )

    @property
    def cancel_deadline(self):
        return self.starts_at - timedelta(hours=self.cancel_until)


class SignUp(TenantModel):
    """A student's place (or place in the queue) on a shift; the queue runs by created_at."""

    shift = models.ForeignKey(
        Shift, verbose_name=_("shift"), on_delete=models.CASCADE, related_name="sign_ups"
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("student"),
        on_delete=models.PROTECT,
        related_name="volunteering_sign_ups",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=SignUpStatus.choices, db_index=True
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "student"],
                condition=Q(status__in=ACTIVE_STATUSES),
                name="sign_up_once_per_shift",
                violation_error_message=_("You have already signed up for this shift."),
            ),
        ]
        indexes = [models.Index(fields=["shift", "status"], name="sign_up_shift_status")]
        rules_permissions = volunteering_rules.SIGN_UP_RULES

    def __str__(self) -> str:
        return f"{self.student} · {self.get_status_display()}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES
