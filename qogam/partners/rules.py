"""Who may see and change partner organisations, their contacts and agreements."""

import rules

from qogam.core.enums import STAFF_ROLES, Role
from qogam.core.visibility import can_read, viewer_of

# Roles that look after partnerships at their university.
PARTNERSHIP_ROLES = (Role.UNIVERSITY_ADMIN, Role.OFFICE, Role.UNIT_COORDINATOR)


def _org_id(record) -> int | None:
    if record is None:
        return None
    return getattr(record, "organisation_id", None) or getattr(record, "pk", None)


@rules.predicate
def is_network_admin(user) -> bool:
    return viewer_of(user).is_network_admin


@rules.predicate
def manages_partnerships_of(user, record) -> bool:
    return record is not None and viewer_of(user).has_role(record.university_id, *PARTNERSHIP_ROLES)


@rules.predicate
def runs_partner_office_of(user, record) -> bool:
    return record is not None and viewer_of(user).has_role(
        record.university_id, Role.UNIVERSITY_ADMIN, Role.OFFICE
    )


@rules.predicate
def is_staff_of(user, record) -> bool:
    return record is not None and viewer_of(user).has_role(record.university_id, *STAFF_ROLES)


@rules.predicate
def represents(user, record) -> bool:
    """The person is a listed representative of this organisation (or of the record's)."""
    if record is None or not user.is_authenticated:
        return False
    from qogam.partners.models import Contact  # noqa: PLC0415 -- rules load before models

    return (
        Contact.objects.with_scopes_disabled()
        .filter(organisation_id=_org_id(record), user=user, is_representative=True)
        .exists()
    )


@rules.predicate
def can_read_record(user, record) -> bool:
    return record is None or can_read(viewer_of(user), record)


@rules.predicate
def manages_partnerships_somewhere(user) -> bool:
    return bool(viewer_of(user).university_ids_with(*PARTNERSHIP_ROLES)) or is_network_admin(user)


@rules.predicate
def without_object(user, record) -> bool:
    return record is None


ORGANISATION_RULES = {
    "view": can_read_record | represents,
    "add": manages_partnerships_somewhere,
    "change": is_network_admin | manages_partnerships_of | represents,
    "delete": is_network_admin | runs_partner_office_of,
}

# Contacts are personal data: the university's staff and the organisation's own people only.
CONTACT_RULES = {
    "view": is_network_admin
    | is_staff_of
    | represents
    | (manages_partnerships_somewhere & without_object),
    "add": is_network_admin
    | manages_partnerships_of
    | represents
    | (manages_partnerships_somewhere & without_object),
    "change": is_network_admin | manages_partnerships_of | represents,
    "delete": is_network_admin | manages_partnerships_of | represents,
}

AGREEMENT_RULES = {
    "view": can_read_record | represents,
    "add": manages_partnerships_somewhere,
    "change": is_network_admin | manages_partnerships_of,
    "delete": is_network_admin | runs_partner_office_of,
}

SURVEY_RULES = {
    "view": is_network_admin | is_staff_of | (manages_partnerships_somewhere & without_object),
    "add": is_network_admin | manages_partnerships_of,
    "change": is_network_admin | manages_partnerships_of,
    "delete": is_network_admin | runs_partner_office_of,
}

rules.add_perm("partners.manage_partners", manages_partnerships_somewhere)
# Creating partners and agreements at a given university.
rules.add_perm("partners.manage_partners_of", is_network_admin | manages_partnerships_of)
