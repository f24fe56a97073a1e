"""Who may read and change regional studies and science-shop topics.

The university's administrators and third-mission office do everything at their university;
a unit coordinator does it for the units under their own; a study's internal authors edit
it; a topic's supervisor manages it; students take open topics of their own university;
everyone else reads by visibility.
"""

import rules

from qogam.core.enums import Role
from qogam.core.visibility import can_read, viewer_of

RESEARCH_OFFICE_ROLES = (Role.UNIVERSITY_ADMIN, Role.OFFICE)
# Roles that may start a study or a topic at a university (a coordinator for their units).
PROPOSER_ROLES = (Role.UNIVERSITY_ADMIN, Role.OFFICE, Role.UNIT_COORDINATOR)


def _unit_id(record) -> int | None:
    return getattr(record, "lead_unit_id", None) or getattr(record, "unit_id", None)


def unit_and_ancestors(unit) -> list[int]:
    """The unit's id and its ancestors' (the tree is a few levels deep)."""
    return [unit.pk, *unit.ancestor_ids()]


@rules.predicate
def is_network_admin(user) -> bool:
    return viewer_of(user).is_network_admin


@rules.predicate
def runs_research_of(user, record) -> bool:
    return record is not None and viewer_of(user).has_role(
        record.university_id, *RESEARCH_OFFICE_ROLES
    )


@rules.predicate
def coordinates_unit_of(user, record) -> bool:
    """The person coordinates the record's (lead) unit or a unit above it."""
    if record is None or _unit_id(record) is None:
        return False
    coordinated = viewer_of(user).unit_ids_with(record.university_id, Role.UNIT_COORDINATOR)
    if not coordinated:
        return False
    unit = record.lead_unit if hasattr(record, "lead_unit_id") else record.unit
    return bool(coordinated & set(unit_and_ancestors(unit)))


@rules.predicate
def is_author(user, study) -> bool:
    if study is None or study.pk is None or not user.is_authenticated:
        return False
    return study.authors.filter(pk=user.pk).exists()


@rules.predicate
def supervises(user, question) -> bool:
    return (
        question is not None
        and user.is_authenticated
        and question.supervisor_id is not None
        and question.supervisor_id == user.pk
    )


@rules.predicate
def takes(user, question) -> bool:
    if question is None or question.pk is None or not user.is_authenticated:
        return False
    from qogam.research.models import QuestionTaker  # noqa: PLC0415 -- rules load before models

    return (
        QuestionTaker.objects.with_scopes_disabled()
        .filter(question_id=question.pk, student=user)
        .exists()
    )


@rules.predicate
def is_student_of(user, record) -> bool:
    return record is not None and viewer_of(user).has_role(record.university_id, Role.STUDENT)


@rules.predicate
def can_read_record(user, record) -> bool:
    return record is None or can_read(viewer_of(user), record)


@rules.predicate
def proposes_somewhere(user) -> bool:
    return bool(viewer_of(user).university_ids_with(*PROPOSER_ROLES))


@rules.predicate
def proposes_at(user, university) -> bool:
    return university is not None and viewer_of(user).has_role(university.pk, *PROPOSER_ROLES)


@rules.predicate
def without_object(user, record) -> bool:
    return record is None


manager = is_network_admin | runs_research_of | coordinates_unit_of
# The admin's list pages ask without an object; its querysets narrow to the person's universities.
admin_lists = is_network_admin | (proposes_somewhere & without_object)

STUDY_RULES = {
    "view": can_read_record | is_author | admin_lists,
    "add": manager | admin_lists,
    "change": manager | is_author | admin_lists,
    "delete": is_network_admin | runs_research_of,
}
# Outputs are asked about with their study.
QUESTION_RULES = {
    "view": can_read_record | supervises | takes | admin_lists,
    "add": manager | admin_lists,
    "change": manager | supervises,
    "delete": is_network_admin | runs_research_of,
}
CHILD_RULES = {
    "view": is_network_admin | runs_research_of | admin_lists,
    "add": rules.always_deny,
    "change": rules.always_deny,
    "delete": is_network_admin | runs_research_of,
}

rules.add_perm("research.propose", is_network_admin | proposes_somewhere)
# Starting a study or a topic at a given university (the unit is checked on the record).
rules.add_perm("research.propose_at", is_network_admin | proposes_at)
rules.add_perm("research.take_question", is_student_of)
