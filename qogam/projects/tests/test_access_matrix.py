"""The role × action matrix for projects, from one data file."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

from qogam.core.enums import Visibility
from qogam.projects.tests.factories import make_project

MATRIX = json.loads((Path(__file__).parent / "data" / "access_matrix.json").read_text())


@pytest.fixture
def projects(world):
    private = make_project(
        world, lead_unit=world["a_department"], relations={"responsible": [world["bob"]]}
    )
    public = make_project(
        world, lead_unit=world["a_network_unit"], title_kk="Ашық", visibility=Visibility.PUBLIC
    )
    return {"private": private, "public": public}


def _check(world, projects, action: str, user) -> bool:
    private, public = projects["private"], projects["public"]
    checks = {
        "view the private project": lambda: user.has_perm("projects.view_project", private),
        "view the public project": lambda: user.has_perm("projects.view_project", public),
        "manage the private project": lambda: user.has_perm("projects.manage_project", private),
        "manage the public project": lambda: user.has_perm("projects.manage_project", public),
        "delete the private project": lambda: user.has_perm("projects.delete_project", private),
        "view participants of the public one": lambda: user.has_perm(
            "projects.view_participants", public
        ),
        "create projects somewhere": lambda: user.has_perm("projects.create_projects"),
        "create projects at A": lambda: user.has_perm("projects.create_project_at", world["a"]),
        "import projects into A": lambda: user.has_perm("projects.import_projects_of", world["a"]),
    }
    return checks[action]()


@pytest.mark.parametrize("action", sorted(MATRIX["actions"]))
def test_access_matrix_allows_exactly_the_listed_personas(world, projects, action):
    allowed = {
        name
        for name in MATRIX["personas"]
        if _check(world, projects, action, AnonymousUser() if name == "anonymous" else world[name])
    }
    assert allowed == set(MATRIX["actions"][action])
