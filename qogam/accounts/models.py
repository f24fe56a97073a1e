import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qogam.accounts import rules as account_rules
from qogam.core.enums import Role
from qogam.core.models import TenantModel, TimestampedModel


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        # E-mail addresses are compared without regard to case.
        return self.get(email__iexact=username)

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Their roles are their memberships; the user itself grants nothing."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("E-mails and notices come in this language."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("may use the administration site"),
        default=False,
        help_text=_("Granted with the university or network administrator role."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_any_case"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def get_additional_data(self) -> dict:
        # A person is not owned by one university; their memberships are.
        return {"university_id": None}


class Membership(TenantModel):
    """A role a person holds at a university, optionally within one unit.

    Memberships are personal data, so they have no visibility of their own: only the
    people allowed by accounts.rules see them.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    title = models.CharField(_("position"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["university", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "university", "role"],
                condition=Q(unit__isnull=True),
                name="membership_unique_without_unit",
            ),
            models.UniqueConstraint(
                fields=["user", "university", "unit", "role"],
                condition=Q(unit__isnull=False),
                name="membership_unique_with_unit",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.UNIT_COORDINATOR) | Q(unit__isnull=False),
                name="membership_coordinator_has_unit",
            ),
        ]
        rules_permissions = account_rules.MEMBERSHIP_RULES

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.university}"

    def clean(self) -> None:
        super().clean()
        check_unit_of_university(self)


def check_unit_of_university(record) -> None:
    """A role in a unit must be in a unit of the same university; coordinators need a unit."""
    if record.unit_id is not None and record.university_id is not None:
        unit_university = (
            record.unit.__class__.objects.with_scopes_disabled()
            .filter(pk=record.unit_id)
            .values_list("university_id", flat=True)
            .first()
        )
        if unit_university != record.university_id:
            raise ValidationError(
                {"unit": _("This unit belongs to another university than the one chosen.")},
                code="foreign_unit",
            )
    if record.role == Role.UNIT_COORDINATOR and record.unit_id is None:
        raise ValidationError(
            {"unit": _("A unit coordinator needs the unit they coordinate.")}, code="unit_required"
        )


class Invitation(TenantModel):
    """An e-mailed invitation to take a role; it expires and works once."""

    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(
        _("language of the e-mail"), max_length=8, choices=settings.LANGUAGES, default="kk"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        rules_permissions = account_rules.INVITATION_RULES

    def __str__(self) -> str:
        return f"{self.email} · {self.get_role_display()}"

    def clean(self) -> None:
        super().clean()
        check_unit_of_university(self)

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.cancelled_at is None and not self.is_expired


class ApiToken(TimestampedModel):
    """A personal key for the REST API; it acts with its owner's roles and no more."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("starts with"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def get_additional_data(self) -> dict:
        return {"university_id": None}
