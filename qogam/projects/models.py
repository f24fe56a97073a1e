import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qogam.core.enums import Component
from qogam.core.i18n import CONTENT_LANGUAGES
from qogam.core.models import TenantModel, VisibleTenantModel, foreign_link_errors
from qogam.core.uploads import DOCUMENTS, IMAGES, FileCheck
from qogam.needs.enums import AffectedGroup
from qogam.projects import rules as project_rules
from qogam.projects.enums import ParticipantRole, ProjectKind, ProjectStatus
from qogam.projects.validators import (
    validate_components,
    validate_funding,
    validate_groups,
    validate_sdgs,
)


class Project(VisibleTenantModel):
    """A project or activity of the third mission: who ran it, for whom, with what result."""

    kind = models.CharField(_("kind"), max_length=24, choices=ProjectKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    components = models.JSONField(
        _("components of the University model 4.0"),
        default=list,
        validators=[validate_components],
    )
    lead_unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("lead unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    units = models.ManyToManyField(
        "organisations.Unit", verbose_name=_("other units"), blank=True, related_name="+"
    )
    responsible = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible staff"),
        blank=True,
        related_name="responsible_for_projects",
    )
    partners = models.ManyToManyField(
        "partners.PartnerOrganisation",
        verbose_name=_("partners"),
        blank=True,
        related_name="projects",
    )
    needs = models.ManyToManyField(
        "needs.Need", verbose_name=_("needs it addresses"), blank=True, related_name="projects"
    )
    sdgs = models.JSONField(
        _("Sustainable Development Goals"), default=list, blank=True, validators=[validate_sdgs]
    )
    district = models.CharField(_("district, city or village"), max_length=120, blank=True)
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
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ProjectStatus.choices,
        default=ProjectStatus.PLANNED,
        db_index=True,
    )
    budget = models.DecimalField(
        _("budget (tenge)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    # [{"source": FundingSource, "amount": "150000.00"}, ...]
    funding = models.JSONField(
        _("funding sources"), default=list, blank=True, validators=[validate_funding]
    )
    beneficiaries = models.PositiveIntegerField(_("number of beneficiaries"), null=True, blank=True)
    beneficiary_groups = models.JSONField(
        _("groups of beneficiaries"), default=list, blank=True, validators=[validate_groups]
    )
    external_participants = models.PositiveIntegerField(
        _("external participants"),
        default=0,
        help_text=_("People from outside the university who took part (a number)."),
    )
    outputs = models.TextField(_("outputs"), blank=True)
    outcomes = models.TextField(
        _("outcomes"), blank=True, help_text=_("Recorded once the project has finished.")
    )

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="project_ends_after_it_starts",
                violation_error_message=_("A project cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="project_both_coordinates_or_none",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            ),
        ]
        indexes = [models.Index(fields=["university", "status", "kind"], name="project_filters")]
        rules_permissions = project_rules.PROJECT_RULES

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", kwargs={"public_id": self.public_id})

    def clean(self) -> None:
        super().clean()
        errors: dict[str, ValidationError] = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = ValidationError(
                _("A project cannot end before it starts."), code="ends_first"
            )
        if (self.latitude is None) != (self.longitude is None):
            missing = "latitude" if self.latitude is None else "longitude"
            errors[missing] = ValidationError(
                _("Give both latitude and longitude, or neither."), code="half_point"
            )
        if self.status != ProjectStatus.FINISHED:
            filled = [c for c in CONTENT_LANGUAGES if (getattr(self, f"outcomes_{c}", "") or "")]
            if filled:
                errors[f"outcomes_{filled[0]}"] = ValidationError(
                    _(
                        "Outcomes are recorded when the project has finished; set the status to "
                        "“Finished” or leave the outcomes empty."
                    ),
                    code="outcome_before_finish",
                )
        errors |= foreign_link_errors(
            self,
            {"lead_unit": ("organisations.Unit", _("The unit belongs to another university."))},
        )
        if errors:
            raise ValidationError(errors)

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def component_labels(self) -> list[str]:
        labels = dict(Component.choices)
        return [str(labels.get(c, c)) for c in self.components or []]

    @property
    def group_labels(self) -> list[str]:
        labels = dict(AffectedGroup.choices)
        return [str(labels.get(g, g)) for g in self.beneficiary_groups or []]

    @property
    def funding_total(self):
        from decimal import Decimal  # noqa: PLC0415

        return sum((Decimal(str(row["amount"])) for row in self.funding or []), Decimal(0))


class Participant(TenantModel):
    """A person of the project's university who took part, with their role and hours."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="project_participations",
    )
    role = models.CharField(
        _("role"), max_length=12, choices=ParticipantRole.choices, default=ParticipantRole.MEMBER
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=7,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(10000)],
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["project", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "user"],
                name="participant_once_per_project",
                violation_error_message=_("This person already takes part in the project."),
            ),
        ]
        rules_permissions = project_rules.PARTICIPANT_RULES

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


class ProjectUpdate(TenantModel):
    """A dated progress post; on the timeline of every need the project answers."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="updates"
    )
    on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("project update")
        verbose_name_plural = _("project updates")
        ordering = ["-on", "-pk"]
        rules_permissions = project_rules.CHILD_RULES

    def __str__(self) -> str:
        return self.title


def upload_path(instance, filename: str) -> str:
    # A random folder per file: the path cannot be guessed from the project or the name.
    return f"projects/{instance.university_id}/{uuid.uuid4().hex}/{filename}"


class UpdatePhoto(TenantModel):
    """A photo of an update; streamed by a view that asks who may read the project."""

    update = models.ForeignKey(
        ProjectUpdate,
        verbose_name=_("project update"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    file = models.FileField(
        _("photo"), upload_to=upload_path, max_length=300, validators=[FileCheck(IMAGES)]
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["pk"]
        rules_permissions = project_rules.CHILD_RULES

    def __str__(self) -> str:
        return self.name

    @property
    def project(self):
        return self.update.project

    def get_absolute_url(self) -> str:
        return reverse("projects:photo", kwargs={"public_id": self.public_id})


class Evidence(TenantModel):
    """Proof of what was done: a PDF or an image, or a link (a press article, a report)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="evidence"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=upload_path,
        max_length=300,
        blank=True,
        validators=[FileCheck(DOCUMENTS + IMAGES)],
    )
    url = models.URLField(_("link"), blank=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="evidence_file_or_link",
                violation_error_message=_("Give a file or a link, not both."),
            ),
        ]
        rules_permissions = project_rules.CHILD_RULES

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if bool(self.file) == bool(self.url):
            raise ValidationError(
                {"url": _("Give a file or a link, not both.")}, code="file_or_link"
            )

    def get_absolute_url(self) -> str:
        if self.url:
            return self.url
        return reverse("projects:evidence", kwargs={"public_id": self.public_id})

    @property
    def is_image(self) -> bool:
        return self.file.name.lower().rsplit(".", 1)[-1] in {"jpg", "jpeg", "png", "webp"}
