"""The role × action matrix for organisations and memberships, from one data file."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

from qogam.accounts.models import Membership
from qogam.core.enums import Role
from qogam.core.tenancy import all_universities

MATRIX = json.loads((Path(__file__).parent / "data" / "access_matrix.json").read_text())


def _membership_of(world, name):
    with all_universities():
        return Membership.objects.get(user=world[name])


def _check(world, action: str, user) -> bool:
    a_faculty, a_department = world["a_faculty"], world["a_department"]
    checks = {
        "view A's public unit": lambda: user.has_perm("organisations.view_unit", a_faculty),
        "view A's network unit": lambda: user.has_perm(
            "organisations.view_unit", world["a_network_unit"]
        ),
        "view A's private unit": lambda: user.has_perm("organisations.view_unit", a_department),
        "change A's faculty": lambda: user.has_perm("organisations.change_unit", a_faculty),
        "change A's department": lambda: user.has_perm("organisations.change_unit", a_department),
        "delete A's department": lambda: user.has_perm("organisations.delete_unit", a_department),
        "manage units of A": lambda: user.has_perm("organisations.manage_units", world["a"]),
        "manage units of B": lambda: user.has_perm("organisations.manage_units", world["b"]),
        "change university A": lambda: user.has_perm("organisations.change_university", world["a"]),
        "view bob's membership": lambda: user.has_perm(
            "accounts.view_membership", _membership_of(world, "bob")
        ),
        "view cora's membership": lambda: user.has_perm(
            "accounts.view_membership", _membership_of(world, "cora")
        ),
        "grant staff in A's faculty": lambda: user.has_perm(
            "accounts.grant_role",
            Membership(university=world["a"], unit=a_faculty, role=Role.STAFF),
        ),
        "grant office role in A": lambda: user.has_perm(
            "accounts.grant_role", Membership(university=world["a"], role=Role.OFFICE)
        ),
        "grant network admin in A": lambda: user.has_perm(
            "accounts.grant_role", Membership(university=world["a"], role=Role.NETWORK_ADMIN)
        ),
        "remove bob's membership": lambda: user.has_perm(
            "accounts.delete_membership", _membership_of(world, "bob")
        ),
        "view the audit trail": lambda: user.has_perm("accounts.view_audit"),
        "manage people": lambda: user.has_perm("accounts.manage_people"),
    }
    return checks[action]()


@pytest.mark.parametrize("action", sorted(MATRIX["actions"]))
def test_access_matrix_allows_exactly_the_listed_personas(world, action):
    allowed = {
        name
        for name in MATRIX["personas"]
        if _check(world, action, AnonymousUser() if name == "anonymous" else world[name])
    }
    assert allowed == set(MATRIX["actions"][action])
