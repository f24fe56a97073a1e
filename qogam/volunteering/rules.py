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

rules.add_perm(
    "volunteering.create_opportunities", is_network_admin | creates_opportunities_somewhere
)
rules.add_perm("volunteering.create_opportunity_at", is_network_admin | creates_opportunities_at)
rules.add_perm("volunteering.manage_opportunity", manager)
rules.add_perm("volunteering.view_roster", roster_reader)
