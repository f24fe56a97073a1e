"""Regional research: studies of the city and region, and the science shop's topics."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qogam.core.enums import STAFF_ROLES, Role
from qogam.core.models import TenantModel, VisibleTenantModel, foreign_link_errors
from qogam.core.uploads import DOCUMENTS, FileCheck
from qogam.needs.validators import validate_sdgs
from qogam.research import rules as research_rules
from qogam.research.enums import OutputKind, QuestionKind, QuestionStatus, StudyStatus, Uptake
from qogam.research.validators import validate_doi


def is_member(user_id, university_id, roles) -> bool:
    """Whether the person holds one of `roles` at the university."""
    from qogam.accounts.models import Membership  # noqa: PLC0415

    return (
        Membership.objects.with_scopes_disabled()
        .filter(user_id=user_id, university_id=university_id, role__in=list(roles))
        .exists()
    )


class Study(VisibleTenantModel):
    """A study of the development of the city or region, and whether it changed anything."""

    title = models.CharField(_("title"), max_length=300)
    abstract = models.TextField(_("abstract"), blank=True)
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("authors at the university"),
        blank=True,
        related_name="+",
    )
    external_authors = models.TextField(
        _("external authors"), blank=True, help_text=_("One name per line, with affiliation.")
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
    partner = models.ForeignKey(
        "partners.PartnerOrganisation",
        verbose_name=_("commissioned by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    needs = models.ManyToManyField(
        "needs.Need", verbose_name=_("community needs it answers"), blank=True, related_name="+"
    )
    sdgs = models.JSONField(
        _("Sustainable Development Goals"), default=list, blank=True, validators=[validate_sdgs]
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=StudyStatus.choices, default=StudyStatus.PLANNED
    )
    uptake = models.CharField(
        _("uptake of the recommendations"),
        max_length=16,
        choices=Uptake.choices,
        default=Uptake.UNKNOWN,
    )
    uptake_note = models.TextField(_("what became of the recommendations"), blank=True)
    uptake_on = models.DateField(_("uptake known on"), null=True, blank=True)
    uptake_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uptake recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("study")
        verbose_name_plural = _("studies")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="study_ends_after_it_starts",
                violation_error_message=_("A study cannot end before it starts."),
            ),
        ]
        indexes = [models.Index(fields=["university", "status", "uptake"], name="study_filters")]
        rules_permissions = research_rules.STUDY_RULES

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("research:study", kwargs={"public_id": self.public_id})

    def clean(self) -> None:
        super().clean()
        errors: dict = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("A study cannot end before it starts.")
        errors |= foreign_link_errors(
            self,
            {
                "lead_unit": ("organisations.Unit", _("The unit belongs to another university.")),
                "partner": (
                    "partners.PartnerOrganisation",
                    _("The organisation is a partner of another university."),
                ),
            },
        )
        if self.uptake != Uptake.UNKNOWN and not self.uptake_on:
            errors["uptake_on"] = _("Give the date the uptake became known.")
        if errors:
            raise ValidationError(errors)


def output_file_path(instance, filename: str) -> str:
    return f"research/{instance.university_id}/{instance.public_id}/{filename}"


class StudyOutput(TenantModel):
    """A report, article, policy brief, thesis or dataset: a PDF, a DOI or a link."""

    study = models.ForeignKey(
        Study, verbose_name=_("study"), on_delete=models.CASCADE, related_name="outputs"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OutputKind.choices)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("file (PDF)"),
        upload_to=output_file_path,
        blank=True,
        validators=[FileCheck(DOCUMENTS)],
    )
    doi = models.CharField(_("DOI"), max_length=200, blank=True, validators=[validate_doi])
    url = models.URLField(_("link"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)

    class Meta:
        verbose_name = _("study output")
        verbose_name_plural = _("study outputs")
        ordering = ["-published_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(doi="") | ~Q(url=""),
                name="output_has_file_doi_or_link",
                violation_error_message=_("Give the output's PDF, its DOI or a link to it."),
            ),
        ]
        rules_permissions = research_rules.CHILD_RULES

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if not (self.file or self.doi or self.url):
            raise ValidationError(
                {"file": _("Give the output's PDF, its DOI or a link to it.")}, code="no_source"
            )
        errors = foreign_link_errors(
            self, {"study": ("research.Study", _("The study belongs to another university."))}
        )
        if errors:
            raise ValidationError(errors)

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""


class ResearchQuestion(VisibleTenantModel):
    """A science-shop topic: a community need turned into a question students work on."""

    need = models.ForeignKey(
        "needs.Need", verbose_name=_("community need"), on_delete=models.PROTECT, related_name="+"
    )
    question = models.TextField(_("research question or topic"))
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    unit = models.ForeignKey(
        "organisations.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisor"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=QuestionStatus.choices,
        default=QuestionStatus.OPEN,
        db_index=True,
    )
    summary = models.TextField(
        _("plain-language summary"),
        blank=True,
        help_text=_("What was found, for the people who posted the need; shown on its timeline."),
    )
    study = models.ForeignKey(
        Study,
        verbose_name=_("resulting study"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("science-shop topic")
        verbose_name_plural = _("science-shop topics")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=QuestionStatus.COMPLETED) | Q(completed_at__isnull=False),
                name="question_completed_has_time",
            ),
        ]
        rules_permissions = research_rules.QUESTION_RULES

    def __str__(self) -> str:
        return self.question[:80]

    def get_absolute_url(self) -> str:
        return reverse("research:question", kwargs={"public_id": self.public_id})

    def clean(self) -> None:
        super().clean()
        errors: dict = {}
        errors |= foreign_link_errors(
            self,
            {
                "unit": ("organisations.Unit", _("The unit belongs to another university.")),
                "need": ("needs.Need", _("The need was posted to another university.")),
                "study": ("research.Study", _("The study belongs to another university.")),
            },
        )
        if (
            self.supervisor_id
            and self.university_id
            and not is_member(self.supervisor_id, self.university_id, STAFF_ROLES)
        ):
            errors["supervisor"] = _("The supervisor must be on the staff of the university.")
        if errors:
            raise ValidationError(errors)


class QuestionTaker(TenantModel):
    """A student who took a topic; the supervisor confirms them."""

    question = models.ForeignKey(
        ResearchQuestion, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="takers"
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("student"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("student on a topic")
        verbose_name_plural = _("students on topics")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "student"],
                name="question_taken_once_per_student",
                violation_error_message=_("This student has taken the topic already."),
            ),
        ]
        rules_permissions = research_rules.CHILD_RULES

    def __str__(self) -> str:
        return f"{self.student} · {self.question}"

    def clean(self) -> None:
        super().clean()
        if (
            self.student_id
            and self.university_id
            and not is_member(self.student_id, self.university_id, [Role.STUDENT])
        ):
            raise ValidationError(
                {"student": _("Only students of the topic's university may take it.")},
                code="foreign_student",
            )
