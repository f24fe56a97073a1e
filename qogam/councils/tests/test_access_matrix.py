"""The role × action matrix for councils, from one data file."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

from qogam.councils.models import Council
from qogam.councils.tests.records import a_council_records

MATRIX = json.loads((Path(__file__).parent / "data" / "access_matrix.json").read_text())


def _check(world, action: str, user) -> bool:
    records = a_council_records(world)
    council, decision = records["council"], records["decision"]
    checks = {
        "view A's private council": lambda: user.has_perm("councils.view_council", council),
        "change A's council": lambda: user.has_perm("councils.change_council", council),
        "delete A's council": lambda: user.has_perm("councils.delete_council", council),
        "run A's council meetings": lambda: user.has_perm("councils.run_council", council),
        "see A's member contacts": lambda: user.has_perm("councils.view_contacts", council),
        "update the decision's status": lambda: user.has_perm(
            "councils.update_decision_status", decision
        ),
        "add a council of A's department": lambda: user.has_perm(
            "councils.add_council", Council(university=world["a"], unit=world["a_department"])
        ),
        "add a university-wide council of A": lambda: user.has_perm(
            "councils.add_council", Council(university=world["a"])
        ),
        "manage councils somewhere": lambda: user.has_perm("councils.manage_councils"),
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
