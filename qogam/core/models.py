"""Base models every domain app builds on."""

import uuid

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager, scopes_disabled
from rules.contrib.models import RulesModel

from qogam.core.enums import Visibility


class TimestampedModel(RulesModel):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class PublicIdModel(RulesModel):
    """A UUID for URLs and the API, so no sequence of records can be guessed."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class TenantModel(TimestampedModel, PublicIdModel):
    """A record owned by one university.

    `objects` is scoped: a query outside an open tenant scope raises ScopeError instead of
    returning every university's rows. Requests open the scope in middleware; commands and
    tasks open it themselves (qogam.core.tenancy).
    """

    university = models.ForeignKey(
        "organisations.University",
        verbose_name=_("university"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ScopedManager(university="university")

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict:
        # Stored with every audit entry so a university reads only its own trail.
        return {"university_id": self.university_id}

    # Uniqueness holds across the whole table, not within the reader's scope, so the checks
    # full_clean() runs look at every university's rows (they only ever report a clash).
    def validate_unique(self, exclude=None):
        with scopes_disabled():
            super().validate_unique(exclude=exclude)

    def validate_constraints(self, exclude=None):
        with scopes_disabled():
            super().validate_constraints(exclude=exclude)


class VisibleTenantModel(TenantModel):
    """A tenant record that may also be shown to the network or the public."""

    visibility = models.CharField(
        _("visibility"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.PRIVATE,
        db_index=True,
    )

    class Meta:
        abstract = True


def university_of(model_label: str, pk) -> int | None:
    """The university of any tenant record, by model label and pk, read past the tenant scope
    (a model's clean() checks links to records of other apps with it)."""
    model = apps.get_model(model_label)
    return (
        model._default_manager.with_scopes_disabled()
        .filter(pk=pk)
        .values_list("university_id", flat=True)
        .first()
    )


def foreign_link_errors(record, links: dict) -> dict[str, ValidationError]:
    """Errors for the foreign keys of `record` that point into another university.

    `links` maps a field name to (model label, message); an empty link is no error. The code
    is "foreign_<model>", e.g. "foreign_unit".
    """
    errors: dict[str, ValidationError] = {}
    if record.university_id is None:
        return errors
    for field, (label, message) in links.items():
        pk = getattr(record, f"{field}_id")
        if pk is not None and university_of(label, pk) != record.university_id:
            code = "foreign_" + label.rsplit(".", 1)[-1].lower()
            errors[field] = ValidationError(message, code=code)
    return errors
