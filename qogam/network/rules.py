"""Who may read and change the network's records.

The network's own records (conferences, resolutions, recommendations, joint projects) are
read by every member of the network (staff or student of a member university) and written
by the network's administrators; a joint project's lead university's office also edits it.
A university's own records in the network (its membership and consent, its good practices,
adoptions, joint-project parts and responses to recommendations) are written by its
administrators and third-mission office; reading follows the record's visibility.
"""

import rules

from qogam.core.enums import Role
from qogam.core.visibility import can_read, viewer_of

OFFICE_ROLES = (Role.UNIVERSITY_ADMIN, Role.OFFICE)


@rules.predicate
def is_network_admin(user) -> bool:
    return viewer_of(user).is_network_admin


@rules.predicate
def is_network_member(user) -> bool:
    return viewer_of(user).is_network_member


@rules.predicate
def without_object(user, record) -> bool:
    return record is None


@rules.predicate
def runs_office_of(user, record) -> bool:
    university_id = getattr(record, "university_id", None)
    return university_id is not None and viewer_of(user).has_role(university_id, *OFFICE_ROLES)


@rules.predicate
def runs_an_office(user) -> bool:
    return bool(viewer_of(user).university_ids_with(*OFFICE_ROLES))


@rules.predicate
def is_staff_of(user, record) -> bool:
    university_id = getattr(record, "university_id", None)
    return university_id is not None and university_id in viewer_of(user).staff_university_ids


@rules.predicate
def may_read(user, record) -> bool:
    # Records without a visibility of their own (adoptions, parts, responses) are read by
    # their university's staff only (is_staff_of).
    return (
        record is not None and hasattr(record, "visibility") and can_read(viewer_of(user), record)
    )


@rules.predicate
def leads_joint_project(user, record) -> bool:
    joint = getattr(record, "joint", record)
    lead = getattr(joint, "lead_university_id", None)
    return lead is not None and viewer_of(user).has_role(lead, *OFFICE_ROLES)


office = is_network_admin | runs_office_of

# Records of the network itself.
NETWORK_RULES = {
    "view": is_network_member | is_network_admin,
    "add": is_network_admin,
    "change": is_network_admin,
    "delete": is_network_admin,
}
# A university's membership and consent.
MEMBERSHIP_RULES = {
    "view": is_network_admin | is_staff_of | (runs_an_office & without_object),
    "add": is_network_admin | runs_an_office,
    "change": office,
    "delete": is_network_admin,
}
# A university's own records that others may read by visibility.
MEMBER_RECORD_RULES = {
    "view": may_read | is_staff_of | is_network_admin | (runs_an_office & without_object),
    "add": is_network_admin | runs_an_office,
    "change": office,
    "delete": office,
}
JOINT_PROJECT_RULES = {
    "view": is_network_member | is_network_admin,
    "add": is_network_admin | runs_an_office,
    "change": is_network_admin | leads_joint_project,
    "delete": is_network_admin | leads_joint_project,
}

rules.add_perm("network.view_network", is_network_member | is_network_admin)
rules.add_perm("network.manage_network", is_network_admin)
