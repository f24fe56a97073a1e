"""Who may read and change indicators, targets, entered values, snapshots and assessments.

Shipped definitions and packs are read by everyone signed in; a university's own ones by its
staff. A university's figures (values, targets, snapshots, self-assessments) are read by its
staff; its administrators and third-mission office set targets, switch packs on, take
snapshots and approve entered values. A unit coordinator enters and submits values for the
unit they coordinate (or one beneath it); only the office approves them. Values a university
published (IndicatorVisibility) are read beyond it by the indicators' queries.
"""

import rules

from qogam.core.enums import Role
from qogam.core.visibility import viewer_of

OFFICE_ROLES = (Role.UNIVERSITY_ADMIN, Role.OFFICE)


def _university_id(record):
    return getattr(record, "university_id", None)


@rules.predicate
def is_network_admin(user) -> bool:
    return viewer_of(user).is_network_admin


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def is_staff_of(user, record) -> bool:
    university_id = _university_id(record)
    return university_id is not None and university_id in viewer_of(user).staff_university_ids


@rules.predicate
def runs_office_of(user, record) -> bool:
    university_id = _university_id(record)
    return university_id is not None and viewer_of(user).has_role(university_id, *OFFICE_ROLES)


@rules.predicate
def is_shipped(user, record) -> bool:
    return record is not None and getattr(record, "university_id", 0) is None


@rules.predicate
def coordinates_record_unit(user, record) -> bool:
    """The record is a unit's and the person coordinates that unit or one above it."""
    unit_id = getattr(record, "unit_id", None)
    if unit_id is None:
        return False
    mine = viewer_of(user).unit_ids_with(record.university_id, Role.UNIT_COORDINATOR)
    return bool(mine) and (unit_id in mine or bool(set(record.unit.ancestor_ids()) & mine))


@rules.predicate
def is_staff_somewhere(user) -> bool:
    return bool(viewer_of(user).staff_university_ids)


@rules.predicate
def runs_an_office(user) -> bool:
    return bool(viewer_of(user).university_ids_with(*OFFICE_ROLES))


@rules.predicate
def enters_values_somewhere(user) -> bool:
    return bool(viewer_of(user).university_ids_with(*OFFICE_ROLES, Role.UNIT_COORDINATOR))


@rules.predicate
def without_object(user, record) -> bool:
    return record is None


def _value_of(record):
    return getattr(record, "value", record) if hasattr(record, "value_id") else record


@rules.predicate
def enters_value(user, record) -> bool:
    value = _value_of(record)
    return runs_office_of(user, value) or coordinates_record_unit(user, value)


admin_lists = is_network_admin | (runs_an_office & without_object)
office = is_network_admin | runs_office_of

INDICATOR_RULES = {
    "view": is_shipped | is_staff_of | admin_lists,
    "add": is_network_admin | runs_an_office,
    # Shipped definitions are the network's: only its administrators change them.
    "change": (is_shipped & is_network_admin) | (~is_shipped & office) | admin_lists,
    "delete": (is_shipped & is_network_admin) | (~is_shipped & office),
}
PACK_RULES = INDICATOR_RULES
TENANT_RULES = {
    "view": is_staff_of | admin_lists,
    "add": is_network_admin | runs_an_office,
    "change": office | admin_lists,
    "delete": office,
}
TARGET_RULES = TENANT_RULES
SNAPSHOT_RULES = TENANT_RULES
ASSESSMENT_RULES = TENANT_RULES
MANUAL_VALUE_RULES = {
    "view": is_staff_of | admin_lists,
    "add": is_network_admin | enters_values_somewhere,
    "change": is_network_admin | enters_value | admin_lists,
    "delete": office,
}
EVIDENCE_RULES = {
    "view": is_staff_of | admin_lists,
    "add": is_network_admin | enters_values_somewhere,
    "change": is_network_admin | enters_value | admin_lists,
    "delete": is_network_admin | enters_value,
}

rules.add_perm("indicators.view_dashboard", is_staff_somewhere | is_network_admin)
rules.add_perm("indicators.manage_indicators", office)
rules.add_perm("indicators.enter_value", enters_value)
rules.add_perm("indicators.approve_value", office)
rules.add_perm("indicators.view_figures", is_staff_of | is_network_admin)
