"""Who may ask for, read and delete reports.

A report holds a university's figures, private ones included: its staff read the reports of
their university; the university's administrators and third-mission office generate and
delete them, and a unit coordinator generates those of the unit they coordinate (or one
beneath it).
"""

import rules

from qogam.core.enums import Role
from qogam.core.visibility import viewer_of

OFFICE_ROLES = (Role.UNIVERSITY_ADMIN, Role.OFFICE)


@rules.predicate
def is_network_admin(user) -> bool:
    return viewer_of(user).is_network_admin


@rules.predicate
def is_staff_of(user, report) -> bool:
    university_id = getattr(report, "university_id", None)
    return university_id is not None and university_id in viewer_of(user).staff_university_ids


@rules.predicate
def runs_office_of(user, report) -> bool:
    university_id = getattr(report, "university_id", None)
    return university_id is not None and viewer_of(user).has_role(university_id, *OFFICE_ROLES)


@rules.predicate
def coordinates_report_unit(user, report) -> bool:
    unit_id = getattr(report, "unit_id", None)
    if unit_id is None:
        return False
    mine = viewer_of(user).unit_ids_with(report.university_id, Role.UNIT_COORDINATOR)
    return bool(mine) and (unit_id in mine or bool(set(report.unit.ancestor_ids()) & mine))


@rules.predicate
def is_staff_somewhere(user) -> bool:
    return bool(viewer_of(user).staff_university_ids)


@rules.predicate
def makes_reports_somewhere(user) -> bool:
    return bool(viewer_of(user).university_ids_with(*OFFICE_ROLES, Role.UNIT_COORDINATOR))


@rules.predicate
def without_object(user, report) -> bool:
    return report is None


REPORT_RULES = {
    "view": is_network_admin | is_staff_of | (is_staff_somewhere & without_object),
    "add": is_network_admin | makes_reports_somewhere,
    "change": is_network_admin | runs_office_of | coordinates_report_unit,
    "delete": is_network_admin | runs_office_of,
}

rules.add_perm("reports.view_reports", is_staff_somewhere | is_network_admin)
rules.add_perm("reports.make_reports", is_network_admin | makes_reports_somewhere)
