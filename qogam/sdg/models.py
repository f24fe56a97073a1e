"""The UN's 17 goals and 169 targets (shared by every university) and local targets."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from qogam.core.models import TenantModel

COLOUR = RegexValidator(r"^#[0-9A-F]{6}$", _("Enter a colour as # and six hex digits."))


class Goal(models.Model):
    number = models.PositiveSmallIntegerField(
        _("goal number"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    short_title = models.CharField(_("short title"), max_length=200)
    title = models.CharField(_("goal title"), max_length=500)
    colour = models.CharField(_("colour"), max_length=7, validators=[COLOUR])

    class Meta:
        ordering = ["number"]
        verbose_name = _("sustainable development goal")
        verbose_name_plural = _("sustainable development goals")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=17), name="sdg_goal_number_1_17"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.short_title}"


class Target(models.Model):
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="targets"
    )
    code = models.CharField(_("target code"), max_length=8, unique=True)
    # Sorts 4.10 after 4.9 and 4.a after 4.10, as the UN lists them.
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.TextField(_("target title"))

    class Meta:
        ordering = ["goal__number", "position"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self) -> str:
        return self.code


class LocalTarget(TenantModel):
    """A university's own target, set under one UN target (e.g. "4.7.KZ-1")."""

    target = models.ForeignKey(
        Target, verbose_name=_("UN target"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("local target code"), max_length=32)
    title = models.CharField(_("local target title"), max_length=500)

    class Meta:
        ordering = ["target__goal__number", "target__position", "code"]
        verbose_name = _("local SDG target")
        verbose_name_plural = _("local SDG targets")
        constraints = [
            models.UniqueConstraint(fields=["university", "code"], name="sdg_local_target_code")
        ]

    def __str__(self) -> str:
        return self.code
