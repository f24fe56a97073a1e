import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from qogam.core.models import VisibleTenantModel
from qogam.core.uploads import DOCUMENTS, IMAGES, FileCheck
from qogam.coverage import rules as coverage_rules
from qogam.coverage.enums import CoverageKind, PieceLanguage, SubjectKind

# The field of Coverage that holds each kind of subject.
SUBJECT_FIELDS: dict[str, str] = {
    SubjectKind.PROJECT: "project",
    SubjectKind.NEED: "need",
    SubjectKind.STUDY: "study",
    SubjectKind.COUNCIL: "council",
}


def coverage_file_path(instance, filename: str) -> str:
    # A random folder per file: the path cannot be guessed from the record or the name.
    return f"coverage/{instance.university_id}/{uuid.uuid4().hex}/{filename}"


class Coverage(VisibleTenantModel):
    """A piece in the press, on TV or radio, on the web or a social network about our work.

    It is about exactly one record (a project, a need, a study or a council); the unit is
    taken from that record unless given, so coverage can be listed per unit and per period.
    The headline is kept as published, in the piece's own language.
    """

    title = models.CharField(_("headline"), max_length=300)
    outlet = models.CharField(
        _("outlet"), max_length=200, help_text=_("Newspaper, channel, site or account.")
    )
    kind = models.CharField(_("kind of media"), max_length=10, choices=CoverageKind.choices)
    published_on = models.DateField(_("published on"))
    language = models.CharField(
        _("language of the piece"), max_length=8, choices=PieceLanguage.choices
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    reach = models.PositiveIntegerField(
        _("reach"), null=True, blank=True, help_text=_("Readers, viewers or listeners, if known.")
    )
    summary = models.TextField(_("summary"), blank=True, validators=[MaxLengthValidator(2000)])
    file = models.FileField(
        _("screenshot or file"),
        upload_to=coverage_file_path,
        max_length=300,
        blank=True,
        validators=[FileCheck(IMAGES + DOCUMENTS)],
    )
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    need = models.ForeignKey(
        "needs.Need",
        verbose_name=_("community need"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    study = models.ForeignKey(
        "research.Study",
        verbose_name=_("study"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    council = models.ForeignKey(
        "councils.Council",
        verbose_name=_("council"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff who appear"),
        blank=True,
        related_name="media_appearances",
        help_text=_("Staff of the university interviewed, quoted or shown."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("media coverage")
        verbose_name_plural = _("media coverage")
        ordering = ["-published_on", "-pk"]
        constraints = [
            # Exactly one subject: a piece about nothing, or about two records, is refused.
            models.CheckConstraint(
                condition=(
                    Q(
                        project__isnull=False,
                        need__isnull=True,
                        study__isnull=True,
                        council__isnull=True,
                    )
                    | Q(
                        project__isnull=True,
                        need__isnull=False,
                        study__isnull=True,
                        council__isnull=True,
                    )
                    | Q(
                        project__isnull=True,
                        need__isnull=True,
                        study__isnull=False,
                        council__isnull=True,
                    )
                    | Q(
                        project__isnull=True,
                        need__isnull=True,
                        study__isnull=True,
                        council__isnull=False,
                    )
                ),
                name="coverage_exactly_one_subject",
                violation_error_message=_(
                    "Coverage is about exactly one project, need, study or council."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(file=""),
                name="coverage_link_or_file",
                violation_error_message=_(
                    "Give a link to the piece or attach a screenshot or file."
                ),
            ),
        ]
        indexes = [models.Index(fields=["university", "published_on"], name="coverage_period")]
        rules_permissions = coverage_rules.COVERAGE_RULES

    def __str__(self) -> str:
        return f"{self.outlet}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("coverage:detail", kwargs={"public_id": self.public_id})

    @property
    def subject(self):
        for field in SUBJECT_FIELDS.values():
            record = getattr(self, field)
            if record is not None:
                return record
        return None

    @property
    def subject_kind(self) -> str:
        for kind, field in SUBJECT_FIELDS.items():
            if getattr(self, f"{field}_id") is not None:
                return kind
        return ""

    @property
    def is_image(self) -> bool:
        return self.file_name.lower().rsplit(".", 1)[-1] in {"jpg", "jpeg", "png", "webp"}

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.published_on and self.published_on > timezone.localdate():
            errors["published_on"] = _("The piece cannot be published in the future.")
        subjects = [f for f in SUBJECT_FIELDS.values() if getattr(self, f"{f}_id") is not None]
        if len(subjects) != 1:
            errors["__all__"] = _("Coverage is about exactly one project, need, study or council.")
        if not self.url and not self.file:
            errors["url"] = _("Give a link to the piece or attach a screenshot or file.")
        if self.university_id:
            with scopes_disabled():
                for field in [*subjects, "unit"]:
                    related = getattr(self, field)
                    if related is not None and related.university_id != self.university_id:
                        errors[field] = _("It belongs to another university.")
        if errors:
            raise ValidationError(errors)
