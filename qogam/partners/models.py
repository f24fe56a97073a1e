from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qogam.core.models import TenantModel, VisibleTenantModel
from qogam.core.uploads import DOCUMENTS, IMAGES, FileCheck
from qogam.partners import rules as partner_rules
from qogam.partners.enums import (
    AgreementKind,
    AgreementState,
    AgreementStatus,
    OrganisationKind,
    Region,
)
from qogam.partners.validators import validate_bin

# An agreement ending within this many days is "expiring" and its owners are reminded.
EXPIRING_WITHIN_DAYS = 60


class PartnerOrganisation(VisibleTenantModel):
    """An organisation a university works with: an akimat, a business, an NGO, a school…

    Each university keeps its own record of a partner, so two universities working with the
    same akimat each hold their own (and see only their own agreements and contacts).
    """

    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    bin = models.CharField(
        _("BIN"),
        max_length=12,
        blank=True,
        validators=[validate_bin],
        help_text=_("Business identification number: 12 digits."),
    )
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    district = models.CharField(_("district"), max_length=100, blank=True)
    city = models.CharField(_("city or village"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    website = models.URLField(_("website"), blank=True)
    units = models.ManyToManyField(
        "organisations.Unit", verbose_name=_("units working with it"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["university", "bin"],
                condition=~Q(bin=""),
                name="partner_bin_unique_per_university",
                violation_error_message=_("This university already has a partner with this BIN."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="partner_both_coordinates_or_none",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            ),
        ]
        indexes = [models.Index(fields=["university", "kind", "region"], name="partner_filters")]
        rules_permissions = partner_rules.ORGANISATION_RULES

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:detail", kwargs={"public_id": self.public_id})

    def clean(self) -> None:
        super().clean()
        # Name the missing half of a map point (the database constraint cannot name a field).
        if (self.latitude is None) != (self.longitude is None):
            missing = "latitude" if self.latitude is None else "longitude"
            raise ValidationError(
                {missing: _("Give both latitude and longitude, or neither.")}, code="half_point"
            )


class Contact(TenantModel):
    """A person at a partner organisation. Personal data: staff and the partner only."""

    organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    is_representative = models.BooleanField(
        _("represents the organisation in Qogam"),
        default=False,
        help_text=_("A representative signs in and keeps the organisation's record current."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_contacts",
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["organisation", "full_name"]
        rules_permissions = partner_rules.CONTACT_RULES

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        super().clean()
        if self.organisation_id and self.university_id:
            owner = (
                PartnerOrganisation.objects.with_scopes_disabled()
                .filter(pk=self.organisation_id)
                .values_list("university_id", flat=True)
                .first()
            )
            if owner != self.university_id:
                raise ValidationError(
                    {"organisation": _("The organisation belongs to another university.")}
                )


def agreement_document_path(instance, filename: str) -> str:
    return f"agreements/{instance.university_id}/{instance.public_id}/{filename}"


class Agreement(VisibleTenantModel):
    """A memorandum, cooperation agreement, contract or internship base with a partner."""

    kind = models.CharField(_("kind"), max_length=20, choices=AgreementKind.choices)
    title = models.CharField(_("title"), max_length=300)
    number = models.CharField(_("number"), max_length=50, blank=True)
    organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    other_parties = models.ManyToManyField(
        PartnerOrganisation,
        verbose_name=_("other parties"),
        blank=True,
        related_name="agreements_as_party",
    )
    units = models.ManyToManyField(
        "organisations.Unit", verbose_name=_("units involved"), blank=True, related_name="+"
    )
    state = models.CharField(
        _("state"), max_length=16, choices=AgreementState.choices, default=AgreementState.DRAFT
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(
        _("ends on"), null=True, blank=True, help_text=_("Leave empty for an open-ended agreement.")
    )
    document = models.FileField(
        _("signed document"),
        upload_to=agreement_document_path,
        blank=True,
        validators=[FileCheck(DOCUMENTS + IMAGES)],
    )
    reminder_sent_on = models.DateField(_("renewal reminder sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="agreement_ends_after_it_starts",
                violation_error_message=_("An agreement cannot end before it starts."),
            ),
        ]
        rules_permissions = partner_rules.AGREEMENT_RULES

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partners:agreement", kwargs={"public_id": self.public_id})

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("An agreement cannot end before it starts.")}, code="ends_first"
            )
        if self.state == AgreementState.SIGNED and not self.signed_on:
            raise ValidationError(
                {"signed_on": _("A signed agreement needs the date it was signed.")},
                code="signed_without_date",
            )

    def status_on(self, day: date | None = None) -> str:
        """Draft, active, expiring, expired or terminated, as of `day` (today by default)."""
        day = day or timezone.localdate()
        if self.state == AgreementState.DRAFT:
            return AgreementStatus.DRAFT
        if self.state == AgreementState.TERMINATED:
            return AgreementStatus.TERMINATED
        if self.ends_on is not None:
            if self.ends_on < day:
                return AgreementStatus.EXPIRED
            if self.ends_on <= day + timedelta(days=EXPIRING_WITHIN_DAYS):
                return AgreementStatus.EXPIRING
        return AgreementStatus.ACTIVE

    @property
    def status(self) -> str:
        return self.status_on()

    def get_status_display(self) -> str:
        return str(AgreementStatus(self.status).label)


class PartnerSurvey(TenantModel):
    """A short reciprocity survey sent to a partner after joint work; answered by link."""

    organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="surveys",
    )
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
    )
    email = models.EmailField(_("sent to"))
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="kk"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    expires_at = models.DateTimeField(_("expires"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    mutual_benefit = models.PositiveSmallIntegerField(
        _("mutual benefit"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    communication = models.PositiveSmallIntegerField(
        _("communication"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    would_work_again = models.PositiveSmallIntegerField(
        _("would work together again"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("partner survey")
        verbose_name_plural = _("partner surveys")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True)
                | (
                    Q(mutual_benefit__range=(1, 5))
                    & Q(communication__range=(1, 5))
                    & Q(would_work_again__range=(1, 5))
                ),
                name="survey_answer_complete",
            ),
        ]
        rules_permissions = partner_rules.SURVEY_RULES

    def __str__(self) -> str:
        return f"{self.organisation} · {self.email}"
