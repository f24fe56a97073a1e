"""Writes of the third-mission catalogue, qualification profiles and staff assignments."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from qogam.accounts.queries import is_staff_at
from qogam.core.i18n import require_translations
from qogam.core.tenancy import university_scope
from qogam.staff.enums import AssignmentStatus
from qogam.staff.models import Assignment, AssignmentLine, ExpectedFunction, Function, Position

FUNCTION_FIELDS = (
    "name_kk",
    "name_ru",
    "name_en",
    "description_kk",
    "description_ru",
    "description_en",
    "planned_hours",
    "sources",
    "categories",
    "hours_per_item",
    "active",
)
POSITION_FIELDS = ("name_kk", "name_ru", "name_en", "workload_hours", "third_mission_hours")
ASSIGNMENT_FIELDS = ("person", "unit", "position", "year", "note")


def _apply(record, fields: Sequence[str], values: dict[str, Any]) -> None:
    for name in fields:
        if name in values:
            value = values[name]
            setattr(record, name, value.strip() if isinstance(value, str) else value)


def _hours(value) -> Decimal:
    return Decimal(value if value is not None else 0)


# --- The catalogue of functions -----------------------------------------------------------------


def create_function(*, actor, university, values: dict[str, Any]) -> Function:
    if not actor.has_perm("staff.manage_catalogue_of", university):
        raise PermissionDenied(_("You may not change this university's catalogue."))
    function = Function(university_id=university.pk)
    _apply(function, FUNCTION_FIELDS, values)
    with transaction.atomic(), university_scope(university.pk):
        require_translations(function, "name")
        function.full_clean()
        function.save()
    return function


def update_function(*, actor, function: Function, values: dict[str, Any]) -> Function:
    if not actor.has_perm("staff.change_function", function):
        raise PermissionDenied(_("You may not change this university's catalogue."))
    with transaction.atomic(), university_scope(function.university_id):
        function = Function.objects.select_for_update().get(pk=function.pk)
        _apply(function, FUNCTION_FIELDS, values)
        require_translations(function, "name")
        function.full_clean()
        function.save()
    return function


def _delete_catalogue_record(record, message: str) -> None:
    with transaction.atomic(), university_scope(record.university_id):
        try:
            record.delete()
        except ProtectedError as exc:
            raise ValidationError(message, code="in_use") from exc


def delete_function(*, actor, function: Function) -> None:
    if not actor.has_perm("staff.delete_function", function):
        raise PermissionDenied(_("You may not change this university's catalogue."))
    _delete_catalogue_record(
        function,
        _(
            "The function is in a profile or an assignment; take it out of use (untick “in "
            "use”) instead of deleting it."
        ),
    )


# --- Qualification profiles ---------------------------------------------------------------------


def _check_expected(position: Position, expected: Sequence[dict[str, Any]]) -> list:
    """Validated, unsaved ExpectedFunction rows; errors name the field (`function`, `hours`)."""
    rows = []
    seen: set[int] = set()
    for item in expected:
        function = item["function"]
        row = ExpectedFunction(
            university_id=position.university_id,
            position=position,
            function=function,
            hours=_hours(item.get("hours")),
        )
        row.full_clean(exclude=["position"], validate_constraints=False)
        if function.pk in seen:
            raise ValidationError(
                {"function": _("The profile already expects this function.")}, code="repeated"
            )
        seen.add(function.pk)
        rows.append(row)
    total = sum((row.hours for row in rows), Decimal(0))
    if position.third_mission_hours is not None and total > position.third_mission_hours:
        raise ValidationError(
            {
                "hours": _(
                    "The expected functions take %(total)s hours, more than the profile's "
                    "third-mission share of %(share)s hours."
                )
                % {"total": total, "share": position.third_mission_hours}
            },
            code="over_share",
        )
    return rows


def _save_expected(position: Position, rows: list[ExpectedFunction]) -> None:
    ExpectedFunction.objects.filter(position=position).delete()
    for row in rows:
        row.position = position
        row.save()


def create_position(
    *, actor, university, values: dict[str, Any], expected: Sequence[dict] | None = None
) -> Position:
    if not actor.has_perm("staff.manage_catalogue_of", university):
        raise PermissionDenied(_("You may not change this university's catalogue."))
    position = Position(university_id=university.pk)
    _apply(position, POSITION_FIELDS, values)
    with transaction.atomic(), university_scope(university.pk):
        require_translations(position, "name")
        position.full_clean()
        rows = _check_expected(position, expected or [])
        position.save()
        _save_expected(position, rows)
    return position


def update_position(
    *, actor, position: Position, values: dict[str, Any], expected: Sequence[dict] | None = None
) -> Position:
    """Change the profile and, when `expected` is given, its expected functions with it."""
    if not actor.has_perm("staff.change_position", position):
        raise PermissionDenied(_("You may not change this university's catalogue."))
    with transaction.atomic(), university_scope(position.university_id):
        position = Position.objects.select_for_update().get(pk=position.pk)
        _apply(position, POSITION_FIELDS, values)
        require_translations(position, "name")
        position.full_clean()
        if expected is None:
            expected = [{"function": e.function, "hours": e.hours} for e in position.expected.all()]
        rows = _check_expected(position, expected)
        position.save()
        _save_expected(position, rows)
    return position


def set_expected_functions(
    *, actor, position: Position, expected: Sequence[dict[str, Any]]
) -> Position:
    """Replace the functions the profile expects: [{"function": Function, "hours": n}, …]."""
    if not actor.has_perm("staff.change_position", position):
        raise PermissionDenied(_("You may not change this university's catalogue."))
    with transaction.atomic(), university_scope(position.university_id):
        position = Position.objects.select_for_update().get(pk=position.pk)
        rows = _check_expected(position, expected)
        _save_expected(position, rows)
    return position


def delete_position(*, actor, position: Position) -> None:
    if not actor.has_perm("staff.delete_position", position):
        raise PermissionDenied(_("You may not change this university's catalogue."))
    _delete_catalogue_record(
        position, _("Staff assignments use this profile; it cannot be deleted.")
    )


# --- Assignments --------------------------------------------------------------------------------


def _check_lines(assignment: Assignment, lines: Sequence[dict[str, Any]]) -> list[AssignmentLine]:
    rows = []
    seen: set[int] = set()
    for item in lines:
        function = item["function"]
        row = AssignmentLine(
            university_id=assignment.university_id,
            assignment=assignment,
            function=function,
            planned_hours=_hours(item.get("planned_hours")),
        )
        row.full_clean(exclude=["assignment"], validate_constraints=False)
        if function.pk in seen:
            raise ValidationError(
                {"function": _("The assignment already has this function.")}, code="repeated"
            )
        seen.add(function.pk)
        rows.append(row)
    total = sum((row.planned_hours for row in rows), Decimal(0))
    share = assignment.position.third_mission_hours
    if total > share:
        raise ValidationError(
            {
                "planned_hours": _(
                    "The planned hours add up to %(total)s, more than the third-mission share "
                    "of the position's workload (%(share)s hours)."
                )
                % {"total": total, "share": share}
            },
            code="over_share",
        )
    return rows


def _check_person(assignment: Assignment) -> None:
    if assignment.person_id and not is_staff_at(assignment.person, assignment.university_id):
        raise ValidationError(
            {"person": _("The person holds no staff role at this university.")},
            code="not_staff",
        )


def _may_head(actor, assignment: Assignment) -> bool:
    return actor is not None and actor.has_perm("staff.agree_assignment", assignment)


def create_assignment(
    *, actor, values: dict[str, Any], lines: Sequence[dict[str, Any]]
) -> Assignment:
    """A staff member's functions for the year, with their lines, in one call.

    `values`: person, unit (its university is the assignment's), position, year, note;
    `lines`: [{"function": Function, "planned_hours": n}, …]. Nothing is saved when any of it
    is wrong.
    """
    unit = values.get("unit")
    if unit is None:
        raise ValidationError({"unit": _("Choose the unit.")}, code="required")
    assignment = Assignment(university_id=unit.university_id)
    _apply(assignment, ASSIGNMENT_FIELDS, values)
    if not _may_head(actor, assignment):
        raise PermissionDenied(_("Only the head of the person's unit may assign their functions."))
    with transaction.atomic(), university_scope(assignment.university_id):
        _check_person(assignment)
        assignment.full_clean()
        rows = _check_lines(assignment, lines)
        assignment.save()
        for row in rows:
            row.assignment = assignment
            row.save()
    return assignment


def update_assignment(
    *, actor, assignment: Assignment, values: dict[str, Any], lines: Sequence[dict[str, Any]]
) -> Assignment:
    """Change the assignment and replace its lines; an agreed one goes back to draft."""
    if not _may_head(actor, assignment):
        raise PermissionDenied(_("Only the head of the person's unit may change the assignment."))
    unit = values.get("unit")
    if unit is not None and unit.university_id != assignment.university_id:
        raise ValidationError(
            {"unit": _("The unit belongs to another university.")}, code="foreign_unit"
        )
    with transaction.atomic(), university_scope(assignment.university_id):
        assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
        _apply(assignment, ASSIGNMENT_FIELDS, values)
        if not _may_head(actor, assignment):  # moved to a unit the actor does not head
            raise PermissionDenied(_("Only the head of the person's unit may assign it there."))
        _check_person(assignment)
        assignment.status = AssignmentStatus.DRAFT
        assignment.agreed_by = None
        assignment.agreed_at = None
        assignment.full_clean()
        rows = _check_lines(assignment, lines)
        assignment.save()
        AssignmentLine.objects.filter(assignment=assignment).delete()
        for row in rows:
            row.assignment = assignment
            row.save()
    return assignment


def agree_assignment(*, actor, assignment: Assignment) -> Assignment:
    if not _may_head(actor, assignment):
        raise PermissionDenied(_("Only the head of the person's unit may agree the assignment."))
    with transaction.atomic(), university_scope(assignment.university_id):
        assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
        if not assignment.lines.exists():
            raise ValidationError(
                _("Add at least one function before agreeing the assignment."), code="empty"
            )
        assignment.status = AssignmentStatus.AGREED
        assignment.agreed_by = actor
        assignment.agreed_at = timezone.now()
        assignment.save(update_fields=["status", "agreed_by", "agreed_at", "updated_at"])
    return assignment


def delete_assignment(*, actor, assignment: Assignment) -> None:
    if not actor.has_perm("staff.delete_assignment", assignment):
        raise PermissionDenied(_("Only the head of the person's unit may delete the assignment."))
    with transaction.atomic(), university_scope(assignment.university_id):
        assignment.delete()
