"""Who may read, moderate and answer community needs.

Moderation (publishing, hiding, reports) belongs to the university's administrators and its
third-mission office. A decision (accept, decline) may also be taken by a unit coordinator,
for their own unit; the work that follows belongs to the accepting unit's coordinator.
"""

import rules

from qogam.core.enums import Role
from qogam.core.visibility import can_read, viewer_of

MODERATOR_ROLES = (Role.UNIVERSITY_ADMIN, Role.OFFICE)
DECIDER_ROLES = (Role.UNIVERSITY_ADMIN, Role.OFFICE, Role.UNIT_COORDINATOR)


def _university_id(record) -> int | None:
    return getattr(record, "university_id", None)


@rules.predicate
def is_network_admin(user) -> bool:
    return viewer_of(user).is_network_admin


@rules.predicate
def moderates_needs_of(user, record) -> bool:
    return record is not None and viewer_of(user).has_role(_university_id(record), *MODERATOR_ROLES)


@rules.predicate
def coordinates_at(user, record) -> bool:
    return record is not None and viewer_of(user).has_role(
        _university_id(record), Role.UNIT_COORDINATOR
    )


@rules.predicate
def coordinates_accepting_unit(user, need) -> bool:
    unit_id = getattr(need, "unit_id", None)
    if need is None or unit_id is None:
        return False
    return unit_id in viewer_of(user).unit_ids_with(need.university_id, Role.UNIT_COORDINATOR)


@rules.predicate
def moderates_somewhere(user) -> bool:
    return bool(viewer_of(user).university_ids_with(*MODERATOR_ROLES))


@rules.predicate
def decides_somewhere(user) -> bool:
    return bool(viewer_of(user).university_ids_with(*DECIDER_ROLES))


@rules.predicate
def without_object(user, record) -> bool:
    return record is None


@rules.predicate
def can_read_need(user, need) -> bool:
    if need is None:
        return True
    if need.posted_by_id is not None and need.posted_by_id == getattr(user, "pk", None):
        return True
    return can_read(viewer_of(user), need)


@rules.predicate
def can_read_child(user, record) -> bool:
    """Comments, events, attachments: readable with their need."""
    return record is None or can_read_need(user, record.need)


@rules.predicate
def is_signed_in(user) -> bool:
    return user.is_authenticated


moderator = is_network_admin | moderates_needs_of
decider = moderator | coordinates_at
# Starting work and reporting what was done: the moderators or the accepting unit's coordinator.
worker = moderator | coordinates_accepting_unit
# The admin's list pages ask without an object; the querysets narrow to the person's universities.
admin_lists = is_network_admin | (moderates_somewhere & without_object)

NEED_RULES = {
    "view": can_read_need | admin_lists,
    "add": rules.always_deny,  # needs are posted on the site or through the API, not in the admin
    "change": moderator | admin_lists,
    "delete": is_network_admin,
}
CHILD_RULES = {
    "view": moderator | admin_lists,
    "add": rules.always_deny,
    "change": rules.always_deny,
    "delete": moderator,
}
COMMENT_RULES = {
    "view": can_read_child | admin_lists,
    "add": rules.always_deny,
    "change": moderator | admin_lists,
    "delete": is_network_admin,
}
# Supports, follows and reports hold who did them: moderators only.
PERSONAL_RULES = {
    "view": moderator | admin_lists,
    "add": rules.always_deny,
    "change": rules.always_deny,
    "delete": moderator,
}

rules.add_perm("needs.moderate_need", moderator)
rules.add_perm("needs.decide_need", decider)
rules.add_perm("needs.work_on_need", worker)
rules.add_perm("needs.moderate_needs", is_network_admin | moderates_somewhere)
rules.add_perm("needs.view_overview", is_network_admin | decides_somewhere)
