"""Who may see and grant memberships and invitations."""

import rules

from qogam.core.enums import Role
from qogam.core.visibility import viewer_of

# Roles a unit coordinator may hand out within their own unit.
COORDINATOR_GRANTS = frozenset({Role.STAFF, Role.STUDENT})


@rules.predicate
def is_network_admin(user) -> bool:
    return viewer_of(user).is_network_admin


@rules.predicate
def is_self(user, membership) -> bool:
    return membership is not None and membership.user_id == user.pk


@rules.predicate
def administers_university_of(user, record) -> bool:
    return record is not None and viewer_of(user).has_role(
        record.university_id, Role.UNIVERSITY_ADMIN
    )


@rules.predicate
def is_office_of(user, record) -> bool:
    return record is not None and viewer_of(user).has_role(record.university_id, Role.OFFICE)


@rules.predicate
def coordinates_unit_of(user, record) -> bool:
    if record is None or record.unit_id is None:
        return False
    return record.unit_id in viewer_of(user).unit_ids_with(
        record.university_id, Role.UNIT_COORDINATOR
    )


@rules.predicate
def grants_coordinator_may_give(user, record) -> bool:
    return record is not None and record.role in COORDINATOR_GRANTS


@rules.predicate
def grants_network_admin(user, record) -> bool:
    return record is not None and record.role == Role.NETWORK_ADMIN


@rules.predicate
def manages_people_somewhere(user) -> bool:
    viewer = viewer_of(user)
    return viewer.is_network_admin or bool(
        viewer.university_ids_with(Role.UNIVERSITY_ADMIN, Role.UNIT_COORDINATOR)
    )


@rules.predicate
def without_object(user, record) -> bool:
    """Object-less checks (the admin's list pages) ask whether any row could qualify."""
    return record is None


# Granting a role (by invitation or directly). Only the network's administrators make more
# network administrators; a coordinator hands out staff and student roles in their own unit.
may_grant = is_network_admin | (
    ~grants_network_admin
    & (administers_university_of | (coordinates_unit_of & grants_coordinator_may_give))
)

people_manager_listing = manages_people_somewhere & without_object

MEMBERSHIP_RULES = {
    "view": is_network_admin
    | administers_university_of
    | is_office_of
    | coordinates_unit_of
    | is_self
    | people_manager_listing,
    "add": manages_people_somewhere,
    "change": may_grant | people_manager_listing,
    "delete": may_grant | people_manager_listing,
}

INVITATION_RULES = {
    "view": is_network_admin
    | administers_university_of
    | coordinates_unit_of
    | people_manager_listing,
    "add": manages_people_somewhere,
    "change": may_grant | people_manager_listing,
    "delete": may_grant | people_manager_listing,
}


@rules.predicate
def administers_some_university(user) -> bool:
    return bool(viewer_of(user).admin_university_ids)


rules.add_perm("accounts.grant_role", may_grant)
rules.add_perm("accounts.manage_people", manages_people_somewhere)
rules.add_perm("accounts.view_audit", is_network_admin | administers_some_university)
