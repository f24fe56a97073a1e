"""Councils and advisory boards, their members, meetings and decisions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qogam.core.models import TenantModel, VisibleTenantModel
from qogam.core.uploads import DOCUMENTS, FileCheck
from qogam.councils import rules as council_rules
from qogam.councils.enums import (
    PENDING_DECISION_STATES,
    AttendanceStatus,
    CouncilKind,
    DecisionStatus,
    MeetingStatus,
    MemberRole,
)
from qogam.councils.validators import validate_online_link


class Council(VisibleTenantModel):
    """An educational-methodological council or advisory board of a university or a unit."""

    kind = models.CharField(_("kind"), max_length=24, choices=CouncilKind.choices)
    name = models.CharField(_("name"), max_length=300)
    purpose = models.TextField(_("purpose"), blank=True)
    unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty for a university-wide council."),
    )
    programme = models.CharField(_("educational programme advised"), max_length=300, blank=True)
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("secretary"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        ordering = ["name"]
        indexes = [models.Index(fields=["university", "kind"], name="council_filters")]
        rules_permissions = council_rules.COUNCIL_RULES

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("councils:detail", kwargs={"public_id": self.public_id})


class CouncilMember(TenantModel):
    """A seat on a council: a person of the university, or an external member of a partner."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person of the university"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_seats",
    )
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "partners.PartnerOrganisation",
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_seats",
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language of e-mails"), max_length=8, choices=settings.LANGUAGES, default="kk"
    )
    role = models.CharField(
        _("role on the council"), max_length=16, choices=MemberRole.choices, default="member"
    )
    starts_on = models.DateField(_("member from"))
    ends_on = models.DateField(_("member until"), null=True, blank=True)

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["council", "role", "full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="council_member_ends_after_start",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(organisation__isnull=False),
                name="council_member_internal_or_external",
                violation_error_message=_(
                    "A member is a person of the university or comes from a partner organisation."
                ),
            ),
        ]
        rules_permissions = council_rules.CHILD_RULES

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_external(self) -> bool:
        return self.user_id is None

    @property
    def display_name(self) -> str:
        if self.user_id and not self.full_name:
            return str(self.user)
        return self.full_name

    @property
    def contact_email(self) -> str:
        return self.email or (self.user.email if self.user_id else "")

    @property
    def mail_language(self) -> str:
        if self.user_id and not self.email:
            return self.user.language or self.language
        return self.language

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("A membership cannot end before it starts.")}, code="ends_first"
            )
        if self.user_id is None:
            errors = {}
            if not self.full_name.strip():
                errors["full_name"] = _("An external member needs a full name.")
            if not self.organisation_id:
                errors["organisation"] = _("An external member comes from a partner organisation.")
            if not self.email:
                errors["email"] = _("An external member needs an e-mail address for invitations.")
            if errors:
                raise ValidationError(errors, code="external_incomplete")


def minutes_path(instance, filename: str) -> str:
    return f"councils/{instance.university_id}/{instance.public_id}/{filename}"


class Meeting(TenantModel):
    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="meetings"
    )
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True, validators=[validate_online_link])
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    minutes = models.FileField(
        _("minutes (PDF)"),
        upload_to=minutes_path,
        blank=True,
        validators=[FileCheck(DOCUMENTS)],
    )
    invitations_sent_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        rules_permissions = council_rules.CHILD_RULES

    def __str__(self) -> str:
        when = timezone.localtime(self.starts_at).strftime("%Y-%m-%d") if self.starts_at else ""
        return f"{self.council} · {when}"

    def get_absolute_url(self) -> str:
        return reverse("councils:meeting", kwargs={"public_id": self.public_id})

    def clean(self) -> None:
        super().clean()
        if not self.place.strip() and not self.online_link:
            raise ValidationError(
                {"place": _("Give the place of the meeting or its online link.")},
                code="nowhere",
            )
        if self.status == MeetingStatus.HELD and self.starts_at and self.starts_at > timezone.now():
            raise ValidationError(
                {"status": _("A meeting cannot be marked held before it starts.")},
                code="held_in_future",
            )


class AgendaItem(TenantModel):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("agenda item"), max_length=500)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="agenda_item_position_unique"
            )
        ]
        rules_permissions = council_rules.CHILD_RULES

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Attendance(TenantModel):
    """A member's invitation to a meeting and whether they came.

    The answer link's secret is stored only as a hash (core.tokens), so a leaked table
    answers for nobody; the raw link exists once, in the invitation e-mail.
    """

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance"
    )
    member = models.ForeignKey(
        CouncilMember,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    status = models.CharField(
        _("attendance"),
        max_length=16,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.INVITED,
    )
    token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    token_expires_at = models.DateTimeField(_("answer link expires"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "member__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once_per_member")
        ]
        rules_permissions = council_rules.CHILD_RULES

    def __str__(self) -> str:
        return f"{self.member} · {self.get_status_display()}"


class Decision(TenantModel):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions"
    )
    text = models.TextField(_("decision"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="council_decisions",
        help_text=_("The person of the university who sees the decision through."),
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=16, choices=DecisionStatus.choices, default=DecisionStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    reminded_on = models.DateField(_("overdue reminder sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["university", "status", "due_on"], name="decision_due")]
        rules_permissions = council_rules.DECISION_RULES

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("councils:decision", kwargs={"public_id": self.public_id})

    def is_overdue_on(self, day) -> bool:
        return self.status in PENDING_DECISION_STATES and self.due_on < day

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())


class DecisionNote(TenantModel):
    """A dated step in following a decision to done: what was done, and its status after."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="notes"
    )
    on = models.DateField(_("date"))
    text = models.TextField(_("progress note"))
    status = models.CharField(_("status after"), max_length=16, choices=DecisionStatus.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["decision", "-on", "-pk"]
        rules_permissions = council_rules.DECISION_RULES

    def __str__(self) -> str:
        return f"{self.on} · {self.get_status_display()}"
