"""Who may record and change media coverage.

Any staff member of the university may record coverage of its work (the press office, a
department's coordinator, the lecturer who gave the interview); the record's author and the
university's administrators and third-mission office change or delete it.
"""

import rules

from qogam.core.enums import STAFF_ROLES, Role
from qogam.core.visibility import can_read, viewer_of

OFFICE_ROLES = (Role.UNIVERSITY_ADMIN, Role.OFFICE)


@rules.predicate
def is_network_admin(user) -> bool:
    return viewer_of(user).is_network_admin


@rules.predicate
def is_staff_of(user, record) -> bool:
    return record is not None and viewer_of(user).has_role(record.university_id, *STAFF_ROLES)


@rules.predicate
def runs_office_of(user, record) -> bool:
    return record is not None and viewer_of(user).has_role(record.university_id, *OFFICE_ROLES)


@rules.predicate
def recorded_it(user, record) -> bool:
    return (
        record is not None
        and record.recorded_by_id is not None
        and record.recorded_by_id == getattr(user, "pk", None)
        and is_staff_of(user, record)
    )


@rules.predicate
def can_read_record(user, record) -> bool:
    return record is None or can_read(viewer_of(user), record)


@rules.predicate
def is_staff_somewhere(user) -> bool:
    return bool(viewer_of(user).staff_university_ids)


@rules.predicate
def runs_office_somewhere(user) -> bool:
    return bool(viewer_of(user).university_ids_with(*OFFICE_ROLES))


@rules.predicate
def without_object(user, record) -> bool:
    return record is None


COVERAGE_RULES = {
    "view": can_read_record | (runs_office_somewhere & without_object),
    "add": is_network_admin | is_staff_of,
    "change": is_network_admin
    | runs_office_of
    | recorded_it
    | (runs_office_somewhere & without_object),
    "delete": is_network_admin | runs_office_of | recorded_it,
}

# Recording coverage at the university of a given record (a project, a need…).
rules.add_perm("coverage.record_coverage", is_network_admin | is_staff_of)
rules.add_perm("coverage.view_coverage_list", is_network_admin | is_staff_somewhere)
