"""The role × action matrix for studies and science-shop topics, from one data file."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

from qogam.research import services
from qogam.research.models import ResearchQuestion, Study
from qogam.research.tests.records import make_question, make_study, study_values

MATRIX = json.loads((Path(__file__).parent / "data" / "access_matrix.json").read_text())


@pytest.fixture
def records(world):
    private = make_study(world, lead_unit=world["a_department"], authors=[world["bob"]])
    public = make_study(world, visibility="public")
    question = make_question(world, visibility="private")
    open_topic = make_question(world, visibility="public")
    taker = services.take_question(actor=world["dana"], question=make_question(world))
    taken = services.update_question(
        actor=world["erin"], question=taker.question, values={"visibility": "private"}
    )
    return {
        "private": private,
        "public": public,
        "question": question,
        "taken": taken,
        "open": open_topic,
    }


def _check(world, records, action: str, user) -> bool:
    def unsaved_study(unit):
        return Study(university=world["a"], **study_values(world, lead_unit=unit))

    def unsaved_question(unit):
        return ResearchQuestion(university=world["a"], unit=unit, supervisor=world["bob"])

    checks = {
        "view A's private study": lambda: user.has_perm("research.view_study", records["private"]),
        "view A's public study": lambda: user.has_perm("research.view_study", records["public"]),
        "change A's study": lambda: user.has_perm("research.change_study", records["private"]),
        "delete A's study": lambda: user.has_perm("research.delete_study", records["private"]),
        "record a study under A's department": lambda: user.has_perm(
            "research.add_study", unsaved_study(world["a_department"])
        ),
        "record a study under A's network institute": lambda: user.has_perm(
            "research.add_study", unsaved_study(world["a_network_unit"])
        ),
        "propose a topic under A's department": lambda: user.has_perm(
            "research.add_researchquestion", unsaved_question(world["a_department"])
        ),
        "view A's private topic": lambda: user.has_perm(
            "research.view_researchquestion", records["taken"]
        ),
        "manage A's topic": lambda: user.has_perm(
            "research.change_researchquestion", records["question"]
        ),
        "delete A's topic": lambda: user.has_perm(
            "research.delete_researchquestion", records["question"]
        ),
        "take A's open topic": lambda: user.has_perm("research.take_question", records["open"]),
        "propose research somewhere": lambda: user.has_perm("research.propose"),
    }
    return checks[action]()


@pytest.mark.parametrize("action", sorted(MATRIX["actions"]))
def test_access_matrix_allows_exactly_the_listed_personas(world, records, action):
    allowed = {
        name
        for name in MATRIX["personas"]
        if _check(world, records, action, AnonymousUser() if name == "anonymous" else world[name])
    }
    assert allowed == set(MATRIX["actions"][action])
