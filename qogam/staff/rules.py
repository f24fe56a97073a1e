"""Who may read and change the third-mission catalogue, profiles and assignments.

The university's administrators and third-mission office keep the catalogue of functions and
the qualification profiles; every staff member reads them. A staff member's assignment for the
year is agreed by the head of their unit (the coordinator of that unit or of one above it) or
by the office; the person reads their own assignment and activity record.
"""

import rules

from qogam.core.enums import STAFF_ROLES, Role
from qogam.core.visibility import viewer_of

OFFICE_ROLES = (Role.UNIVERSITY_ADMIN, Role.OFFICE)


@rules.predicate
def is_network_admin(user) -> bool:
    return viewer_of(user).is_network_admin


@rules.predicate
def runs_office_of(user, record) -> bool:
    return record is not None and viewer_of(user).has_role(record.university_id, *OFFICE_ROLES)


@rules.predicate
def is_staff_of(user, record) -> bool:
    return record is not None and viewer_of(user).has_role(record.university_id, *STAFF_ROLES)


def _assignment(record):
    if record is None:
        return None
    return getattr(record, "assignment", record)


@rules.predicate
def heads_unit_of(user, record) -> bool:
    """The assignment's unit is the person's coordinated unit or lies beneath it."""
    assignment = _assignment(record)
    if assignment is None or not assignment.unit_id:
        return False
    mine = viewer_of(user).unit_ids_with(assignment.university_id, Role.UNIT_COORDINATOR)
    if not mine:
        return False
    return assignment.unit_id in mine or bool(set(assignment.unit.ancestor_ids()) & mine)


@rules.predicate
def is_the_person(user, record) -> bool:
    assignment = _assignment(record)
    return (
        assignment is not None
        and assignment.person_id == getattr(user, "pk", None)
        and is_staff_of(user, assignment)
    )


@rules.predicate
def is_staff_somewhere(user) -> bool:
    return bool(viewer_of(user).staff_university_ids)


@rules.predicate
def runs_office_somewhere(user) -> bool:
    return bool(viewer_of(user).university_ids_with(*OFFICE_ROLES))


@rules.predicate
def heads_a_unit_somewhere(user) -> bool:
    return bool(viewer_of(user).university_ids_with(*OFFICE_ROLES, Role.UNIT_COORDINATOR))


@rules.predicate
def without_object(user, record) -> bool:
    return record is None


catalogue_admin_lists = is_network_admin | (runs_office_somewhere & without_object)
assignment_admin_lists = is_network_admin | (heads_a_unit_somewhere & without_object)
head = is_network_admin | runs_office_of | heads_unit_of

CATALOGUE_RULES = {
    "view": is_network_admin | is_staff_of | catalogue_admin_lists,
    "add": is_network_admin | runs_office_somewhere,
    "change": is_network_admin | runs_office_of | catalogue_admin_lists,
    "delete": is_network_admin | runs_office_of,
}
ASSIGNMENT_RULES = {
    "view": head | is_the_person | assignment_admin_lists,
    "add": is_network_admin | heads_a_unit_somewhere,
    "change": head | assignment_admin_lists,
    "delete": head,
}

rules.add_perm("staff.view_catalogue", is_network_admin | is_staff_somewhere)
rules.add_perm("staff.manage_catalogue_of", is_network_admin | runs_office_of)
rules.add_perm("staff.assign_somewhere", is_network_admin | heads_a_unit_somewhere)
rules.add_perm("staff.agree_assignment", head)


# --- A person's activity record and a unit's staff (objects: a Membership, a Unit) -------------


def _headed(user, university_id, unit_id) -> bool:
    if not unit_id:
        return False
    mine = viewer_of(user).unit_ids_with(university_id, Role.UNIT_COORDINATOR)
    if not mine:
        return False
    if unit_id in mine:
        return True
    from qogam.organisations.models import Unit  # noqa: PLC0415 -- rules load before models

    unit = Unit.objects.with_scopes_disabled().filter(pk=unit_id).first()
    return unit is not None and bool(set(unit.ancestor_ids()) & mine)


@rules.predicate
def heads_member(user, membership) -> bool:
    """The membership's unit is the person's coordinated unit or lies beneath it."""
    return membership is not None and _headed(user, membership.university_id, membership.unit_id)


@rules.predicate
def is_the_member(user, membership) -> bool:
    return membership is not None and membership.user_id == getattr(user, "pk", None)


@rules.predicate
def heads_the_unit(user, unit) -> bool:
    return unit is not None and _headed(user, unit.university_id, unit.pk)


# Reading a person's third-mission record (the object: one of their staff memberships).
rules.add_perm(
    "staff.view_activity_of", is_network_admin | runs_office_of | heads_member | is_the_member
)
# The staff of a unit and the units beneath it, with their planned and done hours.
rules.add_perm("staff.view_unit_staff", is_network_admin | runs_office_of | heads_the_unit)
# "My third-mission activity": anyone holding a staff-level role at a university.
rules.add_perm("staff.view_own_activity", is_staff_somewhere)
