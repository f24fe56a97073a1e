"""The demo's councils: built through the services, and idempotent."""

from collections import Counter
from types import SimpleNamespace

from django.utils import timezone

from qogam.core.tenancy import all_universities
from qogam.councils.models import Council, CouncilMember, Decision, Meeting
from qogam.demo.councils import build_councils
from qogam.partners.tests.records import make_partner


def _community(world):
    """What build_councils reads of a demo CommunityBuilder, for university A."""
    return SimpleNamespace(
        university=world["a"],
        people={"admin": world["alice"], "office": world["erin"], "coordinator": world["cora"]},
        tree=SimpleNamespace(faculties=[world["a_faculty"]]),
        b=SimpleNamespace(created=Counter()),
        today=timezone.localdate(),
        email=lambda local: f"{local}@demo.example.kz",
    )


def test_build_councils_twice_creates_nothing_new(world):
    make_partner(world, name_kk="Әкімдік")
    make_partner(world, kind="business", name_kk="Зауыт", city="Khromtau")
    community = _community(world)
    build_councils(community)
    with all_universities():
        counts = [Model.objects.count() for Model in (Council, CouncilMember, Meeting, Decision)]
    assert counts == [2, 6, 2, 4]
    assert community.b.created["councils"] == 2
    build_councils(_community(world))
    with all_universities():
        again = [Model.objects.count() for Model in (Council, CouncilMember, Meeting, Decision)]
        council = Council.objects.get(name_en="Employers' advisory board")
    assert again == counts
    assert council.name_ru and council.name_kk
