from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qogam.core.models import PublicIdModel, TimestampedModel
from qogam.notifications.enums import Delivery


class Preference(TimestampedModel):
    """How a person wants notices: for one kind, or (kind blank) for every kind."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences"
    )
    kind = models.CharField(_("kind of notice"), max_length=64, blank=True)
    delivery = models.CharField(
        _("delivery"), max_length=16, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        ordering = ["user", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="preference_one_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind or '*'} · {self.delivery}"

    def get_additional_data(self) -> dict:
        return {"university_id": None}


class Notice(TimestampedModel, PublicIdModel):
    """One thing a person should know, already written in their language."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(_("kind"), max_length=64)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    # Decided when the notice is made, so a later change of preference does not resend it.
    delivery = models.CharField(max_length=16, choices=Delivery.choices)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notice_user_unread"),
            models.Index(
                fields=["delivery", "created_at"],
                condition=Q(emailed_at__isnull=True),
                name="notice_digest_pending",
            ),
        ]

    def __str__(self) -> str:
        return self.title
