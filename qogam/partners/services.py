"""Writes about partners: organisations, contacts and agreements."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from qogam.core.i18n import CONTENT_LANGUAGES, require_translations
from qogam.core.tenancy import university_scope
from qogam.partners.models import Agreement, Contact, PartnerOrganisation


def normalise_name(name: str) -> str:
    """A name as people mean it: no quotes, case or legal-form noise ("ТОО «Алма»" = "алма")."""
    name = re.sub(r"[«»\"'“”„]", " ", name.lower())
    name = re.sub(r"\b(тоо|жшс|ао|ақ|ип|жк|llp|llc|jsc|ltd)\b", " ", name)
    return " ".join(name.split())


def find_duplicates(
    *, university, bin: str, names: list[str], city: str, exclude_pk: int | None = None
) -> list[PartnerOrganisation]:
    """Partners of the university with the same BIN, or the same name in the same city."""
    qs = PartnerOrganisation.objects.with_scopes_disabled().filter(university=university)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    found = list(qs.filter(bin=bin)) if bin else []
    wanted = {normalise_name(n) for n in names if n}
    if wanted and city:
        for candidate in qs.filter(city__iexact=city.strip()).exclude(pk__in=[f.pk for f in found]):
            names_there = {
                normalise_name(getattr(candidate, f"name_{c}") or "") for c in CONTENT_LANGUAGES
            }
            if wanted & names_there:
                found.append(candidate)
    return found


def duplicate_error(duplicates: list[PartnerOrganisation]) -> ValidationError:
    return ValidationError(
        _("This partner seems to be recorded already: %(names)s. Open that record instead.")
        % {"names": "; ".join(str(d) for d in duplicates)},
        code="duplicate",
    )


def _check_organisation(organisation: PartnerOrganisation) -> None:
    # Duplicates first: "already recorded as X" helps more than the bare unique-BIN error.
    duplicates = find_duplicates(
        university=organisation.university_id,
        bin=organisation.bin,
        names=[getattr(organisation, f"name_{c}") or "" for c in CONTENT_LANGUAGES],
        city=organisation.city,
        exclude_pk=organisation.pk,
    )
    if duplicates:
        raise duplicate_error(duplicates)
    organisation.full_clean()
    require_translations(organisation, "name")


def create_organisation(*, actor, university, values: dict, units=()) -> PartnerOrganisation:
    """Record a partner; refused when the same BIN, or name and city, is already there."""
    if not actor.has_perm("partners.manage_partners_of", university):
        raise PermissionDenied(_("You may not add partners to this university."))
    organisation = PartnerOrganisation(university=university, **values)
    with transaction.atomic(), university_scope(university):
        _check_organisation(organisation)
        organisation.save()
        if units:
            organisation.units.set(units)
    return organisation


def update_organisation(*, actor, organisation: PartnerOrganisation, values: dict, units=None):
    if not actor.has_perm("partners.change_partnerorganisation", organisation):
        raise PermissionDenied(_("You may not change this partner."))
    with transaction.atomic(), university_scope(organisation.university_id):
        locked = (
            PartnerOrganisation.objects.with_scopes_disabled()
            .select_for_update()
            .get(pk=organisation.pk)
        )
        for name, value in values.items():
            setattr(locked, name, value)
        _check_organisation(locked)
        locked.save()
        if units is not None:
            locked.units.set(units)
    return locked


def delete_organisation(*, actor, organisation: PartnerOrganisation) -> None:
    if not actor.has_perm("partners.delete_partnerorganisation", organisation):
        raise PermissionDenied(_("You may not delete this partner."))
    if (
        Agreement.objects.with_scopes_disabled()
        .filter(Q(organisation=organisation) | Q(other_parties=organisation))
        .exists()
    ):
        raise ValidationError(
            _("“%(name)s” has agreements; terminate or delete them first.")
            % {"name": organisation},
            code="has_agreements",
        )
    with transaction.atomic(), university_scope(organisation.university_id):
        organisation.delete()


def save_contact(
    *, actor, organisation: PartnerOrganisation, values: dict, contact=None
) -> Contact:
    """Add a contact to an organisation, or change one; staff and representatives may."""
    contact = contact or Contact(
        organisation=organisation, university_id=organisation.university_id
    )
    permission = "partners.change_contact" if contact.pk else "partners.add_contact"
    if not actor.has_perm(permission, contact if contact.pk else organisation):
        raise PermissionDenied(_("You may not change this organisation's contacts."))
    for name, value in values.items():
        setattr(contact, name, value)
    with transaction.atomic(), university_scope(organisation.university_id):
        contact.full_clean()
        contact.save()
    return contact


def delete_contact(*, actor, contact: Contact) -> None:
    if not actor.has_perm("partners.delete_contact", contact):
        raise PermissionDenied(_("You may not remove this contact."))
    with transaction.atomic(), university_scope(contact.university_id):
        contact.delete()


def save_agreement(
    *, actor, university, values: dict, agreement=None, units=None, other_parties=None
) -> Agreement:
    """Create or change an agreement; the dates, parties and document are checked first."""
    agreement = agreement or Agreement(university=university)
    if agreement.pk:
        allowed = actor.has_perm("partners.change_agreement", agreement)
    else:
        allowed = actor.has_perm("partners.manage_partners_of", university)
    if not allowed:
        raise PermissionDenied(_("You may not change this university's agreements."))
    for name, value in values.items():
        setattr(agreement, name, value)
    organisation = agreement.organisation if agreement.organisation_id else None
    if organisation is not None and organisation.university_id != university.pk:
        raise ValidationError({"organisation": _("The partner belongs to another university.")})
    for party in other_parties or []:
        if party.university_id != university.pk:
            raise ValidationError({"other_parties": _("A party belongs to another university.")})
        if organisation is not None and party.pk == organisation.pk:
            raise ValidationError(
                {"other_parties": _("The partner is already a party; choose only the others.")}
            )
    with transaction.atomic(), university_scope(university):
        agreement.full_clean()
        require_translations(agreement, "title")
        agreement.save()
        if units is not None:
            agreement.units.set(units)
        if other_parties is not None:
            agreement.other_parties.set(other_parties)
    return agreement


def delete_agreement(*, actor, agreement: Agreement) -> None:
    if not actor.has_perm("partners.delete_agreement", agreement):
        raise PermissionDenied(_("You may not delete this agreement."))
    with transaction.atomic(), university_scope(agreement.university_id):
        agreement.delete()
