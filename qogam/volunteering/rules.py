"""Who may read and run volunteering opportunities, their shifts and rosters.

The university's administrators and third-mission office: every opportunity of their
university. A unit coordinator: opportunities of their unit or a unit beneath it. The
responsible staff of the opportunity's project: that opportunity. A representative of the
opportunity's partner organisation reads it and its rosters. Reading otherwise follows the
visibility, except that a private opportunity is open to its university's students too (it is
offered to them) and a draft is read only by those who may run it and its university's staff.
"""

import rules

from qogam.core.enums import Role, Visibility
from qogam.core.visibility import can_read, viewer_of
from qogam.volunteering.enums import OpportunityStatus

OFFICE_ROLES = (Role.UNIVERSITY_ADMIN, Role.OFFICE)
CREATOR_ROLES = (Role.UNIVERSITY_ADMIN, Role.OFFICE, Role.UNIT_COORDINATOR)


def opportunity_of(record):
    """The opportunity a record belongs to (itself for an opportunity)."""
    if record is None:
        return None
    entry = getattr(record, "entry", None)  # an hours correction
    if entry is not None:
        record = entry
    shift = getattr(record, "shift", None)
    if shift is not None:
        record = shift
    return getattr(record, "opportunity", record)


@rules.predicate
def is_network_admin(user) -> bool:
    return viewer_of(user).is_network_admin


@rules.predicate
def runs_volunteering_of(user, record) -> bool:
    opportunity = opportunity_of(record)
    return opportunity is not None and viewer_of(user).has_role(
        opportunity.university_id, *OFFICE_ROLES
    )


@rules.predicate
def creates_opportunities_at(user, university) -> bool:
    return university is not None and viewer_of(user).has_role(university.pk, *CREATOR_ROLES)


@rules.predicate
def creates_opportunities_somewhere(user) -> bool:
    return bool(viewer_of(user).university_ids_with(*CREATOR_ROLES))


@rules.predicate
def coordinates_unit(user, record) -> bool:
    """The opportunity's unit is the person's coordinated unit or lies beneath it."""
    opportunity = opportunity_of(record)
    if opportunity is None or not opportunity.unit_id:
        return False
    mine = viewer_of(user).unit_ids_with(opportunity.university_id, Role.UNIT_COORDINATOR)
    if not mine:
        return False
    if opportunity.unit_id in mine:
        return True
    return bool(set(opportunity.unit.ancestor_ids()) & mine)


@rules.predicate
def is_project_responsible(user, record) -> bool:
    opportunity = opportunity_of(record)
    if opportunity is None or not opportunity.project_id or not user.is_authenticated:
        return False
    return opportunity.project.responsible.filter(pk=user.pk).exists()


@rules.predicate
def represents_partner(user, record) -> bool:
    opportunity = opportunity_of(record)
    if opportunity is None or not opportunity.partner_id or not user.is_authenticated:
        return False
    from qogam.partners.models import Contact  # noqa: PLC0415 -- rules load before models

    return (
        Contact.objects.with_scopes_disabled()
        .filter(organisation_id=opportunity.partner_id, user=user, is_representative=True)
        .exists()
    )


@rules.predicate
def reads_opportunity(user, record) -> bool:
    """The same rule as queries.opportunities_visible_to, for one record in hand."""
    opportunity = opportunity_of(record)
    if opportunity is None:
        return True
    viewer = viewer_of(user)
    own_staff = viewer.is_network_admin or opportunity.university_id in viewer.staff_university_ids
    if opportunity.status == OpportunityStatus.DRAFT and not own_staff:
        return False
    if can_read(viewer, opportunity):
        return True
    return opportunity.visibility == Visibility.PRIVATE and viewer.has_role(
        opportunity.university_id, Role.STUDENT
    )


@rules.predicate
def without_object(user, record) -> bool:
    return record is None


@rules.predicate
def is_own_record(user, record) -> bool:
    """The student's own hours, enrolment or certificate."""
    if record is None or not user.is_authenticated:
        return False
    entry = getattr(record, "entry", None)
    if entry is not None:
        record = entry
    return getattr(record, "student_id", None) == user.pk


@rules.predicate
def runs_university_of(user, record) -> bool:
    """The administrators and third-mission office of the record's university."""
    return record is not None and viewer_of(user).has_role(record.university_id, *OFFICE_ROLES)


@rules.predicate
def coordinates_record_unit(user, record) -> bool:
    """A programme's or course's unit (or an enrolment's course's unit) is the person's
    coordinated unit or lies beneath it."""
    if record is None:
        return False
    course = getattr(record, "course", None)
    if course is not None:
        record = course
    unit = getattr(record, "unit", None)
    if unit is None:
        return False
    mine = viewer_of(user).unit_ids_with(record.university_id, Role.UNIT_COORDINATOR)
    return bool(mine) and (unit.pk in mine or bool(set(unit.ancestor_ids()) & mine))


@rules.predicate
def member_of_university(user, record) -> bool:
    """Anyone with a role at the record's university (staff and students)."""
    if record is None:
        return False
    viewer = viewer_of(user)
    return record.university_id in viewer.staff_university_ids or viewer.has_role(
        record.university_id, Role.STUDENT
    )


manager = is_network_admin | runs_volunteering_of | coordinates_unit | is_project_responsible
roster_reader = manager | represents_partner
# The admin's list pages ask without an object; TenantAdmin narrows the rows.
admin_lists = is_network_admin | (creates_opportunities_somewhere & without_object)

OPPORTUNITY_RULES = {
    "view": reads_opportunity | represents_partner | admin_lists,
    "add": is_network_admin | creates_opportunities_somewhere,
    "change": manager | admin_lists,
    "delete": is_network_admin | runs_volunteering_of,
}
SHIFT_RULES = {
    "view": reads_opportunity | represents_partner | admin_lists,
    "add": rules.always_deny,  # added on the opportunity's page, through the services
    "change": rules.always_deny,
    "delete": is_network_admin | runs_volunteering_of,
}
# Who signed up is personal data: the roster's readers only.
SIGN_UP_RULES = {
    "view": roster_reader | admin_lists,
    "add": rules.always_deny,
    "change": rules.always_deny,
    "delete": rules.always_deny,  # cancelled through the service, which fills the place
}

# Hours are personal data: the student, the roster's readers; verified by a manager of the
# opportunity or a representative of its partner.
hours_verifier = manager | represents_partner
HOURS_RULES = {
    "view": is_own_record | roster_reader | admin_lists,
    "add": rules.always_deny,  # logged through the services, which check the shift
    "change": rules.always_deny,
    "delete": rules.always_deny,
}
academic_manager = is_network_admin | runs_university_of | coordinates_record_unit
ACADEMIC_RULES = {
    "view": academic_manager | member_of_university | admin_lists,
    "add": is_network_admin | creates_opportunities_somewhere,
    "change": academic_manager | admin_lists,
    "delete": is_network_admin | runs_university_of,
}
CERTIFICATE_RULES = {
    "view": is_own_record | is_network_admin | runs_university_of | admin_lists,
    "add": rules.always_deny,  # issued through the services, from verified hours only
    "change": rules.always_deny,
    "delete": rules.always_deny,
}
SIGNING_KEY_RULES = {
    "view": is_network_admin | runs_university_of | admin_lists,
    "add": rules.always_deny,  # made and retired through the services
    "change": rules.always_deny,
    "delete": rules.always_deny,
}

rules.add_perm("volunteering.verify_hours", hours_verifier)
rules.add_perm("volunteering.manage_academic", academic_manager)
rules.add_perm(
    "volunteering.create_opportunities", is_network_admin | creates_opportunities_somewhere
)
rules.add_perm("volunteering.create_opportunity_at", is_network_admin | creates_opportunities_at)
rules.add_perm("volunteering.manage_opportunity", manager)
rules.add_perm("volunteering.view_roster", roster_reader)
