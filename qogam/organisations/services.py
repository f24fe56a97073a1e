"""Writes to the organisation tree. Audit entries come from the audit trail's registration."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from qogam.core.i18n import require_translations
from qogam.core.tenancy import university_scope
from qogam.organisations.models import Unit, University


def _check_can_manage_units(*, actor, university: University) -> None:
    if not actor.has_perm("organisations.manage_units", university):
        raise PermissionDenied(
            _("You may not manage the units of %(university)s.") % {"university": university}
        )


def create_unit(*, actor, university: University, values: dict) -> Unit:
    """Create a unit in `university`; `values` are model field values (parent may be None)."""
    _check_can_manage_units(actor=actor, university=university)
    unit = Unit(university=university, **values)
    # Writes run in the scope of the university they write to (the audit trail reads back).
    with transaction.atomic(), university_scope(university):
        unit.full_clean()
        require_translations(unit, "name")
        unit.save()
    return unit


def update_unit(*, actor, unit: Unit, values: dict) -> Unit:
    """Change a unit's fields, including moving it under another parent.

    A move under the unit itself or one of its own sub-units is refused by Unit.clean(), and
    the row is locked so two people moving units at once cannot build a loop between them.
    """
    if not actor.has_perm("organisations.change_unit", unit):
        raise PermissionDenied(_("You may not change this unit."))
    if "parent" in values and values["parent"] != unit.parent:
        _check_can_manage_units(actor=actor, university=unit.university)
    with transaction.atomic(), university_scope(unit.university_id):
        locked = Unit.objects.with_scopes_disabled().select_for_update().get(pk=unit.pk)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.full_clean()
        require_translations(locked, "name")
        locked.save()
    return locked


def delete_unit(*, actor, unit: Unit) -> None:
    if not actor.has_perm("organisations.delete_unit", unit):
        raise PermissionDenied(_("You may not delete this unit."))
    if Unit.objects.with_scopes_disabled().filter(parent=unit).exists():
        raise ValidationError(
            _("“%(unit)s” still has sub-units; move or delete them first.") % {"unit": unit},
            code="has_children",
        )
    with transaction.atomic(), university_scope(unit.university_id):
        unit.delete()
