"""The demo's practices, adoption and joint project: written once, found again on a re-run."""

from collections import Counter
from types import SimpleNamespace

from qogam.core.tenancy import all_universities
from qogam.demo.network_practices import LECTURES, YARDS, build_network_practices
from qogam.network.models import GoodPractice, JointProjectPart, PracticeAdoption
from qogam.network.tests.records_practices import make_members
from qogam.projects.tests.factories import make_project


def test_practices_demo_builds_once_with_adoption_and_parts(world):
    make_members(world)
    make_project(world, "erin", title_kk=LECTURES)
    make_project(world, "charlie", lead_unit=world["b_public"], title_kk=LECTURES)
    make_project(world, "charlie", lead_unit=world["b_public"], title_kk=YARDS)
    builder = SimpleNamespace(created=Counter())
    universities = {"aqtobe-tech": world["a"], "baikonur-state": world["b"]}
    with all_universities():
        build_network_practices(builder, universities=universities, lead_slug="baikonur-state")
        first = dict(builder.created)
        build_network_practices(builder, universities=universities, lead_slug="baikonur-state")
        adoption = PracticeAdoption.objects.get()
        parts = list(JointProjectPart.objects.order_by("university__slug"))
        a_practice = GoodPractice.objects.get(university=world["a"])
        linked = list(a_practice.projects.values_list("title_kk", flat=True))
    assert first == {
        "good practices": 2,
        "adoptions of practices": 1,
        "joint projects": 1,
        "parts of joint projects": 2,
    }
    assert dict(builder.created) == first
    assert (adoption.practice_id, adoption.university_id) == (a_practice.pk, world["b"].pk)
    assert adoption.project.title_kk == LECTURES
    assert [(p.university_id, p.joint.lead_university_id) for p in parts] == [
        (world["a"].pk, world["b"].pk),
        (world["b"].pk, world["b"].pk),
    ]
    assert linked == [LECTURES]
