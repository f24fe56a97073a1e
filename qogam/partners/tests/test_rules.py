"""The role × action matrix for partners, contacts and agreements."""

import pytest
from django.contrib.auth.models import AnonymousUser

from qogam.partners.models import Contact
from qogam.partners.tests.records import (
    a_partner_records,
    make_partner,
    make_representative,
)

PERSONAS = [
    "anonymous",
    "alice",
    "erin",
    "cora",
    "bob",
    "dana",
    "pavel",
    "charlie",
    "bianca",
    "nora",
]
EVERYONE = set(PERSONAS)
A_STAFF = {"alice", "erin", "cora", "bob", "nora"}

# pavel represents A's private partner (a Contact with is_representative and his account).
MATRIX = {
    "view A's public partner": EVERYONE,
    "view A's network partner": {"alice", "erin", "cora", "bob", "dana", "charlie", "bianca"}
    | {"nora"},
    "view A's private partner": A_STAFF | {"pavel"},
    "view another private partner of A": A_STAFF,
    "change A's private partner": {"alice", "erin", "cora", "nora", "pavel"},
    "change another private partner of A": {"alice", "erin", "cora", "nora"},
    "delete A's private partner": {"alice", "erin", "nora"},
    "view A's partner's contacts": A_STAFF | {"pavel"},
    "view contacts of A's public partner": A_STAFF,
    "add a contact to A's partner": {"alice", "erin", "cora", "nora", "pavel"},
    "change A's partner's contact": {"alice", "erin", "cora", "nora", "pavel"},
    "delete A's partner's contact": {"alice", "erin", "cora", "nora", "pavel"},
    "view A's private agreement": A_STAFF | {"pavel"},
    "change A's private agreement": {"alice", "erin", "cora", "nora"},
    "delete A's private agreement": {"alice", "erin", "nora"},
    "manage partners somewhere": {"alice", "erin", "cora", "charlie", "nora"},
    "manage partners of A": {"alice", "erin", "cora", "nora"},
    "manage partners of B": {"charlie", "nora"},
}


@pytest.fixture
def records(world):
    records = a_partner_records(world)
    make_representative(world, records["partner"], world["pavel"])
    records["public"] = make_partner(world, name_kk="Ашық серіктес", visibility="public")
    records["network"] = make_partner(world, name_kk="Желі серіктесі", visibility="network")
    records["other"] = make_partner(world, name_kk="Басқа серіктес", city="Khromtau")
    return records


def _check(world, records, action, user) -> bool:
    partner, contact, agreement = records["partner"], records["contact"], records["agreement"]
    public_contact = Contact(
        organisation=records["public"], university_id=records["public"].university_id
    )
    checks = {
        "view A's public partner": ("partners.view_partnerorganisation", records["public"]),
        "view A's network partner": ("partners.view_partnerorganisation", records["network"]),
        "view A's private partner": ("partners.view_partnerorganisation", partner),
        "view another private partner of A": (
            "partners.view_partnerorganisation",
            records["other"],
        ),
        "change A's private partner": ("partners.change_partnerorganisation", partner),
        "change another private partner of A": (
            "partners.change_partnerorganisation",
            records["other"],
        ),
        "delete A's private partner": ("partners.delete_partnerorganisation", partner),
        "view A's partner's contacts": ("partners.view_contact", contact),
        "view contacts of A's public partner": ("partners.view_contact", public_contact),
        "add a contact to A's partner": ("partners.add_contact", partner),
        "change A's partner's contact": ("partners.change_contact", contact),
        "delete A's partner's contact": ("partners.delete_contact", contact),
        "view A's private agreement": ("partners.view_agreement", agreement),
        "change A's private agreement": ("partners.change_agreement", agreement),
        "delete A's private agreement": ("partners.delete_agreement", agreement),
        "manage partners somewhere": ("partners.manage_partners", None),
        "manage partners of A": ("partners.manage_partners_of", world["a"]),
        "manage partners of B": ("partners.manage_partners_of", world["b"]),
    }
    permission, record = checks[action]
    return user.has_perm(permission, record)


@pytest.mark.parametrize("action", sorted(MATRIX))
def test_partner_rules_allow_exactly_the_listed_personas(world, records, action):
    allowed = {
        name
        for name in PERSONAS
        if _check(world, records, action, AnonymousUser() if name == "anonymous" else world[name])
    }
    assert allowed == MATRIX[action]
