"""Writes about a university's figures: targets and snapshots.

Each function checks permission, validates and writes inside one transaction and the tenant
scope of the university, so a refused or failed call saves nothing. Target and Snapshot are
under the audit trail (apps.py), which records who set or froze what.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from qogam.core.periods import academic_year_label
from qogam.core.tenancy import university_scope
from qogam.indicators import compute
from qogam.indicators.enums import IndicatorUnit, PeriodType
from qogam.indicators.models import Indicator, Snapshot, SnapshotValue, Target
from qogam.indicators.periods import Period, parse_period
from qogam.indicators.queries import active_indicators
from qogam.strategy.models import Strategy

# No real indicator of a university reaches this; a bigger number is a typing slip.
LARGEST_TARGET = Decimal("1000000000000")
FOUR_PLACES = Decimal("0.0001")


def _check_office(actor, record, message: str) -> None:
    if actor is None or not actor.has_perm("indicators.manage_indicators", record):
        raise PermissionDenied(message)


def _in_some_strategy(university_id: int, period: Period) -> bool:
    """A strategy (not a template) of the university whose period holds the whole period:
    a target belongs to a plan, and one outside every plan is a slip of the year."""
    return Strategy.objects.filter(
        university_id=university_id,
        is_template=False,
        starts_on__lte=period.starts_on,
        ends_on__gte=period.ends_on,
    ).exists()


def _value_errors(indicator: Indicator, raw) -> tuple[Decimal | None, list[str]]:
    try:
        value = Decimal(str(raw))
    except (InvalidOperation, TypeError, ValueError):
        return None, [_("Write the target as a number.")]
    if not value.is_finite():
        return None, [_("Write the target as a number.")]
    if value < 0:
        return value, [_("A target cannot be negative.")]
    if indicator.unit == IndicatorUnit.PERCENT and value > 100:
        return value, [_("A percentage target is between 0 and 100.")]
    if value >= LARGEST_TARGET:
        return value, [_("This target is too large.")]
    return value, []


def set_target(
    *,
    actor,
    university,
    indicator: Indicator,
    period: str,
    value,
    unit=None,
    note: str = "",
) -> Target:
    """Set (or change) the target of an indicator for the university or one of its units in
    a period of the indicator's type, within one of the university's strategies."""
    university_id = getattr(university, "pk", university)
    probe = Target(university_id=university_id, indicator=indicator, unit=unit)
    _check_office(actor, probe, _("Only the university's office sets targets."))
    errors: dict[str, list[str]] = {}
    if indicator.university_id not in (None, university_id):
        errors.setdefault("indicator", []).append(_("The indicator belongs to another university."))
    if unit is not None and unit.university_id != university_id:
        errors.setdefault("unit", []).append(_("The unit belongs to another university."))
    parsed = None
    try:
        parsed = parse_period(indicator.period_type, period)
    except ValueError as exc:
        errors.setdefault("period", []).append(str(exc))
    number, value_errors = _value_errors(indicator, value)
    if value_errors:
        errors.setdefault("value", []).extend(value_errors)
    with transaction.atomic(), university_scope(university_id):
        if parsed is not None and not _in_some_strategy(university_id, parsed):
            errors.setdefault("period", []).append(
                _(
                    "The period %(period)s lies outside every strategy of the university; "
                    "add or extend a strategy first."
                )
                % {"period": parsed.key}
            )
        if errors:
            raise ValidationError(errors)
        target = (
            Target.objects.select_for_update()
            .filter(university_id=university_id, indicator=indicator, unit=unit, period=parsed.key)
            .first()
        )
        if target is None:
            target = Target(
                university_id=university_id, indicator=indicator, unit=unit, period=parsed.key
            )
        target.value = number
        target.note = (note or "").strip()
        target.set_by = actor
        target.full_clean()
        target.save()
    return target


def delete_target(*, actor, target: Target) -> None:
    _check_office(actor, target, _("Only the university's office removes targets."))
    with transaction.atomic(), university_scope(target.university_id):
        target.delete()


def _frozen(number: Decimal | None) -> Decimal | None:
    # The columns keep four decimals; a share such as 2/3 has endless ones.
    return None if number is None else Decimal(number).quantize(FOUR_PLACES)


def take_snapshot(*, actor, university, year: int, title: str = "", unit=None) -> Snapshot:
    """Freeze the value, numerator, denominator and target of every active indicator for the
    reporting year, so later edits of the records do not silently change a reported figure."""
    university_id = getattr(university, "pk", university)
    probe = Snapshot(university_id=university_id, unit=unit)
    _check_office(actor, probe, _("Only the university's office takes snapshots."))
    label = academic_year_label(year)
    errors: dict[str, list[str]] = {}
    if unit is not None and unit.university_id != university_id:
        errors["unit"] = [_("The unit belongs to another university.")]
    if errors:
        raise ValidationError(errors)
    title = (title or "").strip() or _("Snapshot of %(year)s") % {"year": label}
    with transaction.atomic(), university_scope(university_id):
        snapshot = Snapshot(
            university_id=university_id,
            title=title[:200],
            period_type=PeriodType.ACADEMIC_YEAR,
            period=label,
            unit=unit,
            taken_by=actor,
        )
        snapshot.full_clean()
        snapshot.save()
        values = compute.evaluate(
            list(active_indicators(university_id)),
            university_id=university_id,
            period_for=lambda i: compute.period_in_year(i, year),
            unit=unit,
        )
        SnapshotValue.objects.bulk_create(
            [
                SnapshotValue(
                    university_id=university_id,
                    snapshot=snapshot,
                    indicator=value.indicator,
                    period=value.period.key,
                    value=_frozen(value.value),
                    numerator=_frozen(value.numerator),
                    denominator=_frozen(value.denominator),
                    target=value.target,
                )
                for value in values
            ]
        )
    return snapshot


def delete_snapshot(*, actor, snapshot: Snapshot) -> None:
    _check_office(actor, snapshot, _("Only the university's office removes snapshots."))
    with transaction.atomic(), university_scope(snapshot.university_id):
        snapshot.delete()
