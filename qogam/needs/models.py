import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qogam.core.models import TenantModel, VisibleTenantModel
from qogam.core.uploads import DOCUMENTS, IMAGES, FileCheck
from qogam.needs import rules as need_rules
from qogam.needs.enums import (
    PUBLIC_EVENT_KINDS,
    PUBLIC_STATES,
    AffectedGroup,
    EventKind,
    NeedCategory,
    NeedState,
    ReportReason,
    Urgency,
)
from qogam.needs.validators import validate_sdgs

# An anonymous poster's confirmation link works this long.
CONFIRMATION_VALID_DAYS = 7


class Need(VisibleTenantModel):
    """A need of the community, addressed to one university and answered in public.

    A resident writes in one language, so title and description are plain fields with the
    language beside them (pages mark it with `lang`). The university's answers (the reason
    for declining, the report of what was done) are content in three languages.
    """

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    category = models.CharField(_("category"), max_length=20, choices=NeedCategory.choices)
    affected_group = models.CharField(
        _("who is affected"), max_length=20, choices=AffectedGroup.choices
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.MEDIUM
    )
    district = models.CharField(_("district, city or village"), max_length=120)
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
    sdgs = models.JSONField(
        _("Sustainable Development Goals"),
        default=list,
        blank=True,
        validators=[validate_sdgs],
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=NeedState.choices,
        default=NeedState.SUBMITTED,
        db_index=True,
    )
    # The poster: a signed-in person, or an e-mail address confirmed by a one-time link.
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    poster_email = models.EmailField(_("poster's e-mail"), blank=True)
    email_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    email_token_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    partner_organisation = models.ForeignKey(
        "partners.PartnerOrganisation",
        verbose_name=_("on behalf of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("accepted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    addressed_at = models.DateTimeField(_("addressed"), null=True, blank=True)
    rejection_reason = models.TextField(
        _("why it was not published"),
        blank=True,
        help_text=_("Sent to the poster; not shown in public."),
    )
    decline_reason = models.TextField(_("why it was declined"), blank=True)
    report = models.TextField(_("what was done"), blank=True)
    is_hidden = models.BooleanField(_("hidden by the moderators"), default=False)
    hidden_reason = models.TextField(_("why it was hidden"), blank=True)

    class Meta:
        verbose_name = _("community need")
        verbose_name_plural = _("community needs")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(posted_by__isnull=False, poster_email="")
                | (Q(posted_by__isnull=True) & ~Q(poster_email="")),
                name="need_poster_is_person_or_email",
                violation_error_message=_("A need is posted by a signed-in person or an e-mail."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="need_both_coordinates_or_none",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            ),
        ]
        indexes = [
            models.Index(fields=["university", "state", "category"], name="need_filters"),
        ]
        rules_permissions = need_rules.NEED_RULES

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("needs:detail", kwargs={"public_id": self.public_id})

    def clean(self) -> None:
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(
                {"longitude": _("Give both latitude and longitude, or neither.")},
                code="half_a_point",
            )
        if self.partner_organisation_id and self.university_id:
            from qogam.partners.models import PartnerOrganisation  # noqa: PLC0415

            owner = (
                PartnerOrganisation.objects.with_scopes_disabled()
                .filter(pk=self.partner_organisation_id)
                .values_list("university_id", flat=True)
                .first()
            )
            if owner != self.university_id:
                raise ValidationError(
                    {
                        "partner_organisation": _(
                            "The organisation is a partner of another university."
                        )
                    },
                    code="foreign_partner",
                )
        if self.unit_id and self.university_id:
            from qogam.organisations.models import Unit  # noqa: PLC0415

            owner = (
                Unit.objects.with_scopes_disabled()
                .filter(pk=self.unit_id)
                .values_list("university_id", flat=True)
                .first()
            )
            if owner != self.university_id:
                raise ValidationError(
                    {"unit": _("The unit belongs to another university.")}, code="foreign_unit"
                )

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_STATES and not self.is_hidden

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def age_days(self) -> int:
        return (timezone.now() - (self.published_at or self.created_at)).days


def attachment_path(instance, filename: str) -> str:
    # A random folder per file: the path cannot be guessed from the need or the name.
    return f"needs/{instance.university_id}/{uuid.uuid4().hex}/{filename}"


class NeedAttachment(TenantModel):
    """A photo or a PDF added to a need by its poster; read with the need."""

    need = models.ForeignKey(
        Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        _("file"),
        upload_to=attachment_path,
        max_length=300,
        validators=[FileCheck(IMAGES + DOCUMENTS)],
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]
        rules_permissions = need_rules.CHILD_RULES

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("needs:attachment", kwargs={"public_id": self.public_id})

    @property
    def is_image(self) -> bool:
        return self.name.lower().rsplit(".", 1)[-1] in {"jpg", "jpeg", "png", "webp"}


class NeedEvent(TenantModel):
    """One dated step on a need's timeline: a change of state or a public note."""

    need = models.ForeignKey(
        Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    # Written by the university for the public (a reason, a report, a note): three languages.
    note = models.TextField(_("note"), blank=True)
    unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["created_at", "pk"]
        # Indicators date each need by its first event of a kind (published, accepted,
        # addressed): one index seek per need instead of a scan of the whole timeline.
        indexes = [
            models.Index(fields=["need", "kind", "created_at"], name="need_event_need_kind_at"),
        ]
        rules_permissions = need_rules.CHILD_RULES

    def __str__(self) -> str:
        return f"{self.need} · {self.get_kind_display()}"

    @property
    def is_public(self) -> bool:
        return self.kind in PUBLIC_EVENT_KINDS


class Comment(TenantModel):
    """A comment on a published need; a reply answers a top-level comment (one level)."""

    need = models.ForeignKey(
        Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    body = models.TextField(_("comment"), max_length=4000)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.TextField(_("why it was hidden"), blank=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="comment_not_own_parent"
            ),
        ]
        rules_permissions = need_rules.COMMENT_RULES

    def __str__(self) -> str:
        return self.body[:60]

    def clean(self) -> None:
        super().clean()
        if self.parent_id is None:
            return
        parent = Comment.objects.with_scopes_disabled().filter(pk=self.parent_id).first()
        if parent is None or parent.need_id != self.need_id:
            raise ValidationError(
                {"parent": _("The comment replied to belongs to another need.")},
                code="foreign_parent",
            )
        if parent.parent_id is not None:
            raise ValidationError(
                {"parent": _("Reply to the first comment of the thread; replies do not nest.")},
                code="nested_reply",
            )


class Support(TenantModel):
    """“I have this need too”: once per person, or per confirmed e-mail address.

    An e-mail support counts once its one-time link is opened; the unique constraints make a
    second support by the same person fail in the database, whatever races the pages run.
    """

    need = models.ForeignKey(
        Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "user"],
                condition=Q(user__isnull=False),
                name="support_once_per_person",
                violation_error_message=_("You already support this need."),
            ),
            models.UniqueConstraint(
                fields=["need", "email"],
                condition=~Q(email=""),
                name="support_once_per_email",
                violation_error_message=_("This e-mail address already supports this need."),
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False, email="") | (Q(user__isnull=True) & ~Q(email="")),
                name="support_by_person_or_email",
            ),
        ]
        rules_permissions = need_rules.PERSONAL_RULES

    def __str__(self) -> str:
        return f"{self.need} · {self.pk}"


class Follow(TenantModel):
    """A person who wants a notice (and e-mail) when the need changes."""

    need = models.ForeignKey(
        Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="follows"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["need", "user"], name="follow_once_per_person"),
        ]
        rules_permissions = need_rules.PERSONAL_RULES

    def __str__(self) -> str:
        return f"{self.need} · {self.user_id}"


class Report(TenantModel):
    """Someone flagged a need or a comment as abusive; the moderation queue shows it."""

    need = models.ForeignKey(
        Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="reports"
    )
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    details = models.TextField(_("details"), blank=True, max_length=2000)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        rules_permissions = need_rules.PERSONAL_RULES

    def __str__(self) -> str:
        return f"{self.get_reason_display()} · {self.need}"
