"""Writes about definitions: which packs a university uses, its own indicators and its own
pack, and who may read its values of an indicator.

Each function checks permission, validates the whole record and writes inside one
transaction and the university's tenant scope, so a failure saves nothing. The audit trail
records every change of PackActivation, Indicator and IndicatorVisibility (core.audit).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from qogam.core.enums import Visibility
from qogam.core.i18n import require_translations, translated_field_names
from qogam.core.tenancy import university_scope
from qogam.indicators.models import (
    Indicator,
    IndicatorVisibility,
    Pack,
    PackActivation,
    PackEntry,
)

# The fields of a university's own definition that a person fills in.
OWN_INDICATOR_FIELDS = (
    "code",
    *translated_field_names("name"),
    *translated_field_names("definition"),
    "unit",
    "direction",
    "components",
    "sdgs",
    "period_type",
    "method",
    "measure",
    "measure_filters",
    "denominator",
    "denominator_filters",
    "scale",
)
# Every university's own indicators live in its pack with this code.
OWN_PACK_CODE = "own"


def _university_id(university) -> int:
    return getattr(university, "pk", university)


def _check_manage(actor, university) -> None:
    """The university's administrators and third-mission office (and the network's admins)."""
    probe = PackActivation(university_id=_university_id(university))
    if actor is None or not actor.has_perm("indicators.manage_indicators", probe):
        raise PermissionDenied(_("You may not manage this university's indicators."))


def _usable_pack(pack: Pack, university_id: int) -> None:
    if pack.university_id not in (None, university_id):
        raise PermissionDenied(_("The pack belongs to another university."))


def activate_pack(*, actor, university, pack: Pack) -> PackActivation:
    """Switch a pack on for the university; switching it on again changes nothing."""
    university_id = _university_id(university)
    _check_manage(actor, university_id)
    _usable_pack(pack, university_id)
    with transaction.atomic(), university_scope(university_id):
        activation, _created = PackActivation.objects.get_or_create(
            university_id=university_id, pack=pack, defaults={"activated_by": actor}
        )
    return activation


def deactivate_pack(*, actor, university, pack: Pack) -> bool:
    """Switch a pack off; its indicators' values, targets and entries are kept."""
    university_id = _university_id(university)
    _check_manage(actor, university_id)
    with transaction.atomic(), university_scope(university_id):
        found = list(PackActivation.objects.filter(university_id=university_id, pack=pack))
        for activation in found:
            # One by one, so the audit trail records each.
            activation.delete()
    return bool(found)


def activate_default_packs(university, *, actor=None) -> list[PackActivation]:
    """Switch on the shipped default packs (core-3m) for a new university. Called by setup
    code and the demo, not by a person, so it asks no permission."""
    university_id = _university_id(university)
    with transaction.atomic(), university_scope(university_id):
        return [
            PackActivation.objects.get_or_create(
                university_id=university_id, pack=pack, defaults={"activated_by": actor}
            )[0]
            for pack in Pack.objects.filter(university__isnull=True, is_default=True)
        ]


def _validate_indicator(indicator: Indicator) -> None:
    errors: dict = {}
    try:
        indicator.full_clean()
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    try:
        require_translations(indicator, "name")
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _own_pack(university_id: int) -> Pack:
    pack, _created = Pack.objects.get_or_create(
        university_id=university_id,
        code=OWN_PACK_CODE,
        defaults={
            "name_kk": "Университеттің өз индикаторлары",
            "name_ru": "Собственные индикаторы университета",
            "name_en": "The university's own indicators",
        },
    )
    # The own pack is in use from the start: its indicators show on the dashboard.
    PackActivation.objects.get_or_create(university_id=university_id, pack=pack)
    return pack


def _apply(indicator: Indicator, values: dict) -> None:
    for name in OWN_INDICATOR_FIELDS:
        if name in values:
            value = values[name]
            setattr(indicator, name, value.strip() if isinstance(value, str) else value)
    if indicator.method != "computed":
        # Only a computed indicator counts records; stale measure fields would confuse.
        indicator.measure = ""
        indicator.measure_filters = {}
        indicator.denominator = ""
        indicator.denominator_filters = {}


def create_own_indicator(*, actor, university, values: dict, in_own_pack: bool = True):
    """A university's own definition; by default also put into its own pack."""
    university_id = _university_id(university)
    _check_manage(actor, university_id)
    indicator = Indicator(university_id=university_id)
    _apply(indicator, values)
    with transaction.atomic(), university_scope(university_id):
        _validate_indicator(indicator)
        indicator.save()
        if in_own_pack:
            _add_to_pack(_own_pack(university_id), indicator)
    return indicator


def update_own_indicator(*, actor, indicator: Indicator, values: dict) -> Indicator:
    if indicator.is_shipped:
        raise PermissionDenied(_("Shipped indicators are changed only with the packs."))
    _check_manage(actor, indicator.university_id)
    with transaction.atomic(), university_scope(indicator.university_id):
        indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
        _apply(indicator, values)
        _validate_indicator(indicator)
        indicator.save()
    return indicator


def _add_to_pack(pack: Pack, indicator: Indicator) -> PackEntry:
    top = PackEntry.objects.filter(pack=pack).aggregate(top=Max("order"))["top"] or 0
    entry, _created = PackEntry.objects.get_or_create(
        pack=pack, indicator=indicator, defaults={"order": top + 1}
    )
    return entry


def add_to_own_pack(*, actor, university, indicator: Indicator) -> PackEntry:
    university_id = _university_id(university)
    _check_manage(actor, university_id)
    if indicator.university_id not in (None, university_id):
        raise PermissionDenied(_("The indicator belongs to another university."))
    with transaction.atomic(), university_scope(university_id):
        return _add_to_pack(_own_pack(university_id), indicator)


def remove_from_own_pack(*, actor, university, indicator: Indicator) -> bool:
    university_id = _university_id(university)
    _check_manage(actor, university_id)
    with transaction.atomic(), university_scope(university_id):
        deleted, _rows = PackEntry.objects.filter(
            pack__university_id=university_id, pack__code=OWN_PACK_CODE, indicator=indicator
        ).delete()
    return bool(deleted)


def publish_indicator(
    *, actor, university, indicator: Indicator, visibility: str
) -> IndicatorVisibility:
    """Who may read the university's values of the indicator: its staff (private), the
    network's members, or everyone (public values are open data in the API)."""
    university_id = _university_id(university)
    _check_manage(actor, university_id)
    if indicator.university_id not in (None, university_id):
        raise PermissionDenied(_("The indicator belongs to another university."))
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": _("Choose private, network or public.")})
    with transaction.atomic(), university_scope(university_id):
        record = (
            IndicatorVisibility.objects.select_for_update()
            .filter(university_id=university_id, indicator=indicator)
            .first()
        )
        if record is None:
            record = IndicatorVisibility(university_id=university_id, indicator=indicator)
        if record.visibility != visibility or record.pk is None:
            record.visibility = visibility
            record.full_clean()
            record.save()
    return record
