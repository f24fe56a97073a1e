"""University A's private partner records, for the tests and the cross-tenant sweep."""

from datetime import date

from qogam.partners import services

# Distinctive strings: a page or an API answer that shows one to charlie has leaked.
SECRET_PARTNER = "A Secret Partner LLP"
SECRET_CONTACT = "Secret Contact Person"
SECRET_AGREEMENT = "A Secret Memorandum"


def a_partner_records(world) -> dict:
    """A's private partner with a contact and an agreement; made once per `world`."""
    if "_partner_records" not in world:
        partner = services.create_organisation(
            actor=world["alice"],
            university=world["a"],
            values={
                "kind": "business",
                "name_kk": SECRET_PARTNER,
                "name_en": SECRET_PARTNER,
                "region": "aktobe",
                "city": "Aktobe",
                "bin": "180140000018",
                "latitude": "50.283900",
                "longitude": "57.166900",
            },
        )
        contact = services.save_contact(
            actor=world["alice"],
            organisation=partner,
            values={
                "full_name": SECRET_CONTACT,
                "phone": "+7 701 111 2233",
                "email": "secret.contact@partner.kz",
            },
        )
        agreement = services.save_agreement(
            actor=world["alice"],
            university=world["a"],
            values={
                "kind": "memorandum",
                "title_kk": SECRET_AGREEMENT,
                "title_en": SECRET_AGREEMENT,
                "organisation": partner,
                "state": "signed",
                "signed_on": date(2026, 1, 10),
                "starts_on": date(2026, 1, 10),
            },
        )
        world["_partner_records"] = {
            "partner": partner,
            "contact": contact,
            "agreement": agreement,
        }
    return world["_partner_records"]


def make_partner(world, actor="alice", university="a", **values):
    """A partner recorded through the service, with sensible defaults."""
    base = {
        "kind": "akimat",
        "name_kk": "Ақтөбе облысының әкімдігі",
        "region": "aktobe",
        "city": "Aktobe",
    }
    base.update(values)
    units = base.pop("units", ())
    return services.create_organisation(
        actor=world[actor], university=world[university], values=base, units=units
    )


def make_agreement(world, partner, actor="alice", **values):
    base = {
        "kind": "memorandum",
        "title_kk": "Ынтымақтастық туралы меморандум",
        "organisation": partner,
        "state": "signed",
        "signed_on": date(2026, 1, 10),
        "starts_on": date(2026, 1, 10),
    }
    base.update(values)
    units = base.pop("units", None)
    return services.save_agreement(
        actor=world[actor],
        university=partner.university,
        values=base,
        units=units,
    )


def make_representative(world, partner, user):
    return services.save_contact(
        actor=world["alice"] if partner.university_id == world["a"].pk else world["charlie"],
        organisation=partner,
        values={"full_name": user.full_name, "is_representative": True, "user": user},
    )
