from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qogam.core.models import TenantModel, VisibleTenantModel, foreign_link_errors
from qogam.needs.validators import validate_sdgs
from qogam.projects.enums import ProjectKind
from qogam.volunteering import rules as volunteering_rules
from qogam.volunteering.enums import (
    ACTIVE_STATUSES,
    Attendance,
    CertificateScope,
    HoursSource,
    HoursStatus,
    OpportunityStatus,
    ProgrammeLevel,
    SignUpStatus,
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
    sdgs = models.JSONField(
        _("Sustainable Development Goals"), default=list, blank=True, validators=[validate_sdgs]
    )
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
        errors = foreign_link_errors(
            self,
            {
                "project": ("projects.Project", _("The project belongs to another university.")),
                "partner": (
                    "partners.PartnerOrganisation",
                    _("The partner belongs to another university."),
                ),
                "unit": ("organisations.Unit", _("The unit belongs to another university.")),
            },
        )
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
    attendance = models.CharField(
        _("attendance"), max_length=8, choices=Attendance.choices, blank=True, default=""
    )
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

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


# --- Hours -----------------------------------------------------------------------------------


class HoursEntry(TenantModel):
    """Hours a volunteer gave on a shift they were confirmed for; one entry per sign-up.

    `student` and `shift` repeat the sign-up's, so totals per student, kind and year are one
    aggregate query. Verified hours are changed only by a coordinator, with a correction.
    """

    sign_up = models.OneToOneField(
        SignUp, verbose_name=_("sign-up"), on_delete=models.PROTECT, related_name="hours"
    )
    shift = models.ForeignKey(
        Shift, verbose_name=_("shift"), on_delete=models.PROTECT, related_name="hours_entries"
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("student"),
        on_delete=models.PROTECT,
        related_name="volunteering_hours",
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("24"))],
    )
    note = models.TextField(_("what was done"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=HoursStatus.choices,
        default=HoursStatus.LOGGED,
        db_index=True,
    )
    source = models.CharField(
        _("source"), max_length=10, choices=HoursSource.choices, default=HoursSource.STUDENT
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verifier_name = models.CharField(
        _("verifier"),
        max_length=200,
        blank=True,
        help_text=_("Who verified or rejected, also when it was done from an e-mailed link."),
    )
    verified_at = models.DateTimeField(_("verified or rejected"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)

    class Meta:
        verbose_name = _("hours entry")
        verbose_name_plural = _("hours entries")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24),
                name="hours_entry_hours_in_a_day",
                violation_error_message=_("Hours must be more than 0 and at most 24."),
            ),
            models.CheckConstraint(
                condition=~Q(status=HoursStatus.REJECTED) | ~Q(rejection_reason=""),
                name="hours_entry_rejection_has_reason",
                violation_error_message=_("Rejected hours need a reason."),
            ),
        ]
        indexes = [
            models.Index(fields=["student", "status"], name="hours_student_status"),
            models.Index(fields=["university", "status"], name="hours_university_status"),
        ]
        rules_permissions = volunteering_rules.HOURS_RULES

    def __str__(self) -> str:
        return f"{self.student} · {self.hours} · {self.get_status_display()}"


class HoursCorrection(TenantModel):
    """A coordinator's change of hours already logged, with the reason; kept for the record."""

    entry = models.ForeignKey(
        HoursEntry,
        verbose_name=_("hours entry"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    hours_before = models.DecimalField(_("hours before"), max_digits=5, decimal_places=2)
    hours_after = models.DecimalField(_("hours after"), max_digits=5, decimal_places=2)
    reason = models.TextField(_("reason"))
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("corrected by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("hours correction")
        verbose_name_plural = _("hours corrections")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="hours_correction_has_reason",
                violation_error_message=_("A correction needs a reason."),
            ),
        ]
        rules_permissions = volunteering_rules.HOURS_RULES

    def __str__(self) -> str:
        return f"{self.hours_before} → {self.hours_after}"


# --- The academic link -----------------------------------------------------------------------


UNIT_LINK = {"unit": ("organisations.Unit", _("The unit belongs to another university."))}


class Programme(TenantModel):
    """An educational programme of a unit (a faculty or department)."""

    unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=300)
    level = models.CharField(
        _("level"), max_length=10, choices=ProgrammeLevel.choices, default=ProgrammeLevel.BACHELOR
    )

    class Meta:
        verbose_name = _("educational programme")
        verbose_name_plural = _("educational programmes")
        ordering = ["code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["university", "code"],
                name="programme_code_unique",
                violation_error_message=_("The university has a programme with this code."),
            ),
        ]
        rules_permissions = volunteering_rules.ACADEMIC_RULES

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("volunteering:programme", kwargs={"public_id": self.public_id})

    def clean(self) -> None:
        super().clean()
        errors = foreign_link_errors(self, UNIT_LINK)
        if errors:
            raise ValidationError(errors)


class Course(TenantModel):
    """A course of a unit; a service-learning course asks for verified volunteer hours."""

    unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    programmes = models.ManyToManyField(
        Programme, verbose_name=_("programmes"), blank=True, related_name="courses"
    )
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    sdgs = models.JSONField(
        _("Sustainable Development Goals"), default=list, blank=True, validators=[validate_sdgs]
    )
    credits = models.PositiveSmallIntegerField(
        _("credits (ECTS)"), default=0, validators=[MaxValueValidator(60)]
    )
    service_learning = models.BooleanField(_("service-learning course"), default=False)
    required_hours = models.DecimalField(
        _("verified hours required"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("1000"))],
    )
    kinds = models.JSONField(
        _("kinds of opportunity that count"),
        default=list,
        blank=True,
        help_text=_("Hours in opportunities of these kinds count; none chosen: every kind."),
    )

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["university", "code"],
                name="course_code_unique",
                violation_error_message=_("The university has a course with this code."),
            ),
            models.CheckConstraint(
                condition=Q(service_learning=False) | Q(required_hours__gt=0),
                name="service_learning_requires_hours",
                violation_error_message=_(
                    "A service-learning course needs the number of verified hours it requires."
                ),
            ),
        ]
        rules_permissions = volunteering_rules.ACADEMIC_RULES

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("volunteering:course", kwargs={"public_id": self.public_id})

    def clean(self) -> None:
        super().clean()
        errors: dict[str, ValidationError] = {}
        if self.service_learning and not self.required_hours:
            errors["required_hours"] = ValidationError(
                _("A service-learning course needs the number of verified hours it requires."),
                code="hours_required",
            )
        unknown = sorted(set(self.kinds or []) - set(ProjectKind.values))
        if unknown:
            errors["kinds"] = ValidationError(
                _("Unknown kinds: %(kinds)s.") % {"kinds": ", ".join(unknown)},
                code="unknown_kind",
            )
        errors |= foreign_link_errors(self, UNIT_LINK)
        if errors:
            raise ValidationError(errors)


class Enrolment(TenantModel):
    """A student taking a course in an academic year (2026 stands for 2026/27)."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="enrolments"
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("student"),
        on_delete=models.PROTECT,
        related_name="course_enrolments",
    )
    academic_year = models.PositiveSmallIntegerField(
        _("academic year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year it starts: 2026 for 2026/27."),
    )

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-academic_year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "student", "academic_year"],
                name="enrolment_once_per_year",
                violation_error_message=_("The student is already enrolled for this year."),
            ),
        ]
        rules_permissions = volunteering_rules.ACADEMIC_RULES

    def __str__(self) -> str:
        return f"{self.student} · {self.course} · {self.academic_year}"


# --- Recognition -----------------------------------------------------------------------------


class Certificate(TenantModel):
    """A certificate of verified hours, for one opportunity or an academic year.

    What it states is copied at issue (name, title, hours), so the public verification page
    (reached by `public_id` from the QR code) confirms exactly what was printed.
    """

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("student"),
        on_delete=models.PROTECT,
        related_name="volunteering_certificates",
    )
    scope = models.CharField(_("for"), max_length=12, choices=CertificateScope.choices)
    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("opportunity"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
    )
    academic_year = models.PositiveSmallIntegerField(_("academic year"), null=True, blank=True)
    holder_name = models.CharField(_("holder"), max_length=300)
    title = models.CharField(_("title"), max_length=300)
    hours = models.DecimalField(_("verified hours"), max_digits=7, decimal_places=2)
    language = models.CharField(_("language"), max_length=8)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revoking"), blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        scope=CertificateScope.OPPORTUNITY,
                        opportunity__isnull=False,
                        academic_year__isnull=True,
                    )
                    | Q(
                        scope=CertificateScope.YEAR,
                        opportunity__isnull=True,
                        academic_year__isnull=False,
                    )
                ),
                name="certificate_has_one_scope",
                violation_error_message=_(
                    "A certificate is for one opportunity or for one academic year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(hours__gt=0),
                name="certificate_has_hours",
                violation_error_message=_("A certificate needs verified hours."),
            ),
        ]
        rules_permissions = volunteering_rules.CERTIFICATE_RULES

    def __str__(self) -> str:
        return f"{self.holder_name} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("volunteering:verify_certificate", kwargs={"public_id": self.public_id})


class SigningKey(TenantModel):
    """A university's key for signing credentials; the public half is published.

    The private half is stored encrypted (volunteering.credentials); a retired key stays so
    credentials it signed can still be checked.
    """

    key_id = models.CharField(_("key id"), max_length=64, unique=True)
    algorithm = models.CharField(_("signing algorithm"), max_length=16, default="EdDSA")
    public_jwk = models.JSONField(_("public key (JWK)"))
    private_key = models.TextField(_("private key (encrypted)"), editable=False)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["university"],
                condition=Q(retired_at__isnull=True),
                name="one_active_signing_key",
            ),
        ]
        rules_permissions = volunteering_rules.SIGNING_KEY_RULES

    def __str__(self) -> str:
        return self.key_id
