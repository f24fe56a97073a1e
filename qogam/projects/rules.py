"""Who may read and change projects, their participants, updates and evidence.

The university's administrators and third-mission office: everything at their university.
A unit coordinator: projects whose lead unit is their unit or lies under it. The responsible
staff of a project: that project (edit it, its participants, its updates). Reading follows
the project's visibility; the network's administrators may do everything.
"""

import rules

from qogam.core.enums import Role
from qogam.core.visibility import can_read, viewer_of

OFFICE_ROLES = (Role.UNIVERSITY_ADMIN, Role.OFFICE)
CREATOR_ROLES = (Role.UNIVERSITY_ADMIN, Role.OFFICE, Role.UNIT_COORDINATOR)


def _project(record):
    """The project a record belongs to (itself for a project)."""
    if record is None:
        return None
    return getattr(record, "project", record)


@rules.predicate
def is_network_admin(user) -> bool:
    return viewer_of(user).is_network_admin


@rules.predicate
def runs_projects_of(user, record) -> bool:
    return record is not None and viewer_of(user).has_role(record.university_id, *OFFICE_ROLES)


@rules.predicate
def creates_projects_at(user, university) -> bool:
    return university is not None and viewer_of(user).has_role(university.pk, *CREATOR_ROLES)


@rules.predicate
def coordinates_lead_unit(user, record) -> bool:
    """The project's lead unit is the person's coordinated unit or lies beneath it."""
    project = _project(record)
    if project is None or not project.lead_unit_id:
        return False
    mine = viewer_of(user).unit_ids_with(project.university_id, Role.UNIT_COORDINATOR)
    if not mine:
        return False
    if project.lead_unit_id in mine:
        return True
    return bool(set(project.lead_unit.ancestor_ids()) & mine)


@rules.predicate
def is_responsible(user, record) -> bool:
    project = _project(record)
    if project is None or project.pk is None or not user.is_authenticated:
        return False
    cached = getattr(project, "_responsible_ids", None)
    if cached is None:
        cached = set(project.responsible.values_list("pk", flat=True))
        project._responsible_ids = cached
    return user.pk in cached


@rules.predicate
def can_read_project(user, record) -> bool:
    project = _project(record)
    return project is None or can_read(viewer_of(user), project)


@rules.predicate
def is_staff_of(user, record) -> bool:
    project = _project(record)
    if project is None:
        return False
    viewer = viewer_of(user)
    return viewer.is_network_admin or project.university_id in viewer.staff_university_ids


@rules.predicate
def creates_projects_somewhere(user) -> bool:
    return bool(viewer_of(user).university_ids_with(*CREATOR_ROLES))


@rules.predicate
def without_object(user, record) -> bool:
    return record is None


manager = is_network_admin | runs_projects_of | coordinates_lead_unit | is_responsible
# The admin's list pages ask without an object; TenantAdmin narrows the rows.
admin_lists = is_network_admin | (creates_projects_somewhere & without_object)

PROJECT_RULES = {
    "view": can_read_project | admin_lists,
    "add": is_network_admin | creates_projects_somewhere,
    "change": manager | admin_lists,
    "delete": is_network_admin | runs_projects_of,
}
CHILD_RULES = {
    "view": can_read_project | admin_lists,
    "add": rules.always_deny,  # added on the project's pages, through the services
    "change": rules.always_deny,
    "delete": manager,
}
# Who took part is personal data: the university's staff read it, the public reads counts.
PARTICIPANT_RULES = {
    "view": is_staff_of | admin_lists,
    "add": rules.always_deny,
    "change": rules.always_deny,
    "delete": manager,
}

rules.add_perm("projects.create_projects", is_network_admin | creates_projects_somewhere)
rules.add_perm("projects.create_project_at", is_network_admin | creates_projects_at)
rules.add_perm("projects.manage_project", manager)
rules.add_perm("projects.view_participants", is_staff_of)
rules.add_perm("projects.import_projects_of", is_network_admin | runs_projects_of)
