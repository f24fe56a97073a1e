"""Who may see and run councils, their meetings, members and decisions.

University administrators and the third-mission office run every council of their university;
a unit coordinator runs the councils of their unit and its sub-units; a council's secretary and
its chair run that council's meetings, members, attendance, minutes and decisions; a decision's
owner reports its progress. Member contacts and attendance are for the university's staff only.
"""

import rules

from qogam.core.enums import STAFF_ROLES, Role
from qogam.core.visibility import can_read, viewer_of

OFFICE_ROLES = (Role.UNIVERSITY_ADMIN, Role.OFFICE)
COUNCIL_ROLES = (Role.UNIVERSITY_ADMIN, Role.OFFICE, Role.UNIT_COORDINATOR)


def council_of(record):
    """The council a record belongs to: itself, or its council, meeting's or decision's."""
    if record is None:
        return None
    if hasattr(record, "secretary_id"):
        return record
    if hasattr(record, "council_id"):
        return record.council
    if hasattr(record, "meeting_id"):
        return record.meeting.council
    if hasattr(record, "decision_id"):
        return record.decision.meeting.council
    return None


@rules.predicate
def is_network_admin(user) -> bool:
    return viewer_of(user).is_network_admin


@rules.predicate
def runs_office_of(user, record) -> bool:
    return record is not None and viewer_of(user).has_role(record.university_id, *OFFICE_ROLES)


@rules.predicate
def coordinates_unit_of(user, record) -> bool:
    """A coordinator of the council's unit or of any unit above it."""
    council = council_of(record)
    if council is None or council.unit_id is None:
        return False
    mine = viewer_of(user).unit_ids_with(council.university_id, Role.UNIT_COORDINATOR)
    if not mine:
        return False
    return council.unit_id in mine or bool(set(council.unit.ancestor_ids()) & mine)


@rules.predicate
def is_secretary_or_chair(user, record) -> bool:
    council = council_of(record)
    if council is None or council.pk is None or not user.is_authenticated:
        return False
    if council.secretary_id == user.pk:
        return True
    from qogam.councils.models import CouncilMember  # noqa: PLC0415 -- rules load before models

    return (
        CouncilMember.objects.with_scopes_disabled()
        .filter(council=council, user=user, role__in=["chair", "secretary"])
        .exists()
    )


@rules.predicate
def owns_decision(user, decision) -> bool:
    owner_id = getattr(decision, "owner_id", None)
    return owner_id is not None and user.is_authenticated and owner_id == user.pk


@rules.predicate
def is_staff_of(user, record) -> bool:
    return record is not None and viewer_of(user).has_role(record.university_id, *STAFF_ROLES)


@rules.predicate
def can_read_council(user, record) -> bool:
    council = council_of(record)
    return council is None or can_read(viewer_of(user), council)


@rules.predicate
def runs_councils_somewhere(user) -> bool:
    return bool(viewer_of(user).university_ids_with(*COUNCIL_ROLES)) or is_network_admin(user)


@rules.predicate
def without_object(user, record) -> bool:
    return record is None


# Creating a council (asked with the unsaved council: its university and unit decide).
creates_council = is_network_admin | runs_office_of | coordinates_unit_of
# Running a council: its meetings, members, attendance, minutes and decisions.
runs_council = creates_council | is_secretary_or_chair

COUNCIL_RULES = {
    "view": can_read_council,
    "add": creates_council | (runs_councils_somewhere & without_object),
    "change": runs_council,
    "delete": is_network_admin | runs_office_of,
}

# Members, meetings, attendance and agenda follow their council.
CHILD_RULES = {
    "view": can_read_council,
    "add": runs_council,
    "change": runs_council,
    "delete": runs_council,
}

DECISION_RULES = {
    "view": can_read_council,
    "add": runs_council,
    "change": runs_council | owns_decision,
    "delete": runs_council,
}

rules.add_perm("councils.manage_councils", runs_councils_somewhere)
rules.add_perm("councils.run_council", runs_council)
# Member contacts (e-mail, phone) and attendance: the university's staff only.
rules.add_perm("councils.view_contacts", is_network_admin | is_staff_of)
rules.add_perm("councils.update_decision_status", runs_council | owns_decision)
