"""Who may do what with networks, universities and units."""

import rules

from qogam.core.enums import Role
from qogam.core.visibility import can_read, viewer_of


@rules.predicate
def is_network_admin(user) -> bool:
    return viewer_of(user).is_network_admin


@rules.predicate
def is_admin_of_university(user, university) -> bool:
    if university is None:
        return False
    return viewer_of(user).has_role(university.pk, Role.UNIVERSITY_ADMIN)


@rules.predicate
def is_admin_of_units_university(user, unit) -> bool:
    if unit is None:
        return False
    return viewer_of(user).has_role(unit.university_id, Role.UNIVERSITY_ADMIN)


@rules.predicate
def coordinates_unit(user, unit) -> bool:
    """A unit coordinator looks after their own unit's description."""
    if unit is None:
        return False
    return unit.pk in viewer_of(user).unit_ids_with(unit.university_id, Role.UNIT_COORDINATOR)


@rules.predicate
def administers_some_university(user) -> bool:
    return bool(viewer_of(user).admin_university_ids)


@rules.predicate
def can_read_record(user, record) -> bool:
    if record is None:
        return True
    return can_read(viewer_of(user), record)


university_manager = is_network_admin | is_admin_of_university
unit_manager = is_network_admin | is_admin_of_units_university

RULES = {
    "university": {
        "view": can_read_record,
        "add": is_network_admin,
        "change": university_manager,
        "delete": is_network_admin,
    },
    "unit": {
        "view": can_read_record,
        # Without an object (the admin's "add" button) any university admin may start a form;
        # the form only offers the universities they administer.
        "add": is_network_admin | administers_some_university,
        "change": unit_manager | coordinates_unit,
        "delete": unit_manager,
    },
    "network": {
        "view": rules.always_allow,
        "add": is_network_admin,
        "change": is_network_admin,
        "delete": is_network_admin,
    },
}

# Creating a unit, or moving one, within a given university.
rules.add_perm("organisations.manage_units", university_manager)
