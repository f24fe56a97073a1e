from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qogam.core.enums import Visibility
from qogam.core.models import PublicIdModel, TimestampedModel, VisibleTenantModel
from qogam.organisations import rules as org_rules
from qogam.organisations.enums import UnitKind
from qogam.organisations.validators import validate_slug


class Network(TimestampedModel):
    """The network of universities this installation serves. There is exactly one."""

    # Always True and unique: the database itself refuses a second network.
    singleton = models.BooleanField(default=True, editable=False, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(singleton=True), name="network_is_singleton"),
        ]
        rules_permissions = org_rules.RULES["network"]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict:
        return {"university_id": None}


class University(TimestampedModel, PublicIdModel):
    """A member university: the tenant that owns every other record."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="universities"
    )
    slug = models.SlugField(
        _("short address"), max_length=50, unique=True, validators=[validate_slug]
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    description = models.TextField(_("description"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("university")
        verbose_name_plural = _("universities")
        ordering = ["slug"]
        rules_permissions = org_rules.RULES["university"]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def university_id(self) -> int:
        # A university owns itself; lets visibility and audit treat it like any record.
        return self.pk

    def get_absolute_url(self) -> str:
        return reverse("organisations:university", kwargs={"slug": self.slug})

    def get_additional_data(self) -> dict:
        return {"university_id": self.pk}


class Unit(VisibleTenantModel):
    """A faculty, department, institute, centre or office; units form a tree."""

    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["university", "name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="unit_not_own_parent"),
        ]
        rules_permissions = org_rules.RULES["unit"]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:unit", kwargs={"public_id": self.public_id})

    def clean(self) -> None:
        super().clean()
        if self.parent_id is None:
            return
        parent = Unit.objects.with_scopes_disabled().get(pk=self.parent_id)
        if self.university_id and parent.university_id != self.university_id:
            raise ValidationError(
                {"parent": _("The parent unit belongs to another university.")},
                code="foreign_parent",
            )
        if self.pk and (parent.pk == self.pk or self.pk in parent.ancestor_ids()):
            raise ValidationError(
                {
                    "parent": _(
                        "A unit cannot be placed under itself or under one of its own "
                        "sub-units (“%(parent)s”)."
                    )
                    % {"parent": parent}
                },
                code="cycle",
            )

    def ancestor_ids(self) -> list[int]:
        """Ids from the parent up to the root. The tree is shallow (a few levels)."""
        ids: list[int] = []
        manager = Unit.objects.with_scopes_disabled()
        current = self.parent_id
        while current is not None and current not in ids:
            ids.append(current)
            current = manager.filter(pk=current).values_list("parent_id", flat=True).first()
        return ids
