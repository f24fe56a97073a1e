"""The demo's projects (qogam/demo/projects.py), built on the test world's university A."""

from types import SimpleNamespace

from qogam.core.tenancy import all_universities
from qogam.demo.builders import UnitTree, _Builder
from qogam.demo.catalogue.community import CITIES
from qogam.demo.community import CommunityBuilder
from qogam.demo.projects import build_projects
from qogam.needs import services as need_services
from qogam.needs.tests.factories import published_need
from qogam.partners.tests.records import make_partner
from qogam.projects.models import Participant, Project, ProjectUpdate


def _community(world) -> CommunityBuilder:
    tree = UnitTree(
        faculties=[world["a_faculty"]],
        departments=[world["a_department"]],
        workplaces=[world["a_department"]],
    )
    people = {"admin": world["alice"], "office": world["erin"], "coordinator": world["cora"]}
    people["partner"] = world["pavel"]
    spec = SimpleNamespace(slug=next(iter(CITIES)))
    return CommunityBuilder(_Builder(7), world["a"], spec, tree, people)


def _counts() -> tuple[int, int, int]:
    with all_universities():
        return (
            Project.objects.count(),
            Participant.objects.count(),
            ProjectUpdate.objects.count(),
        )


def test_demo_projects_are_built_once_in_three_languages(world):
    make_partner(world)
    need = published_need(world)
    need_services.take_up_need(actor=world["erin"], need=need, unit=world["a_faculty"])
    community = _community(world)
    with all_universities():
        build_projects(community)
    first = _counts()
    with all_universities():
        build_projects(_community(world))
        projects = list(Project.objects.order_by("pk"))
        linked = list(projects[0].needs.all())
    assert _counts() == first
    assert first[0] == 3
    assert first[2] == 1
    assert all(p.title_kk and p.title_ru and p.title_en for p in projects)
    assert linked == [need]
    assert community.b.created["projects"] == 3
