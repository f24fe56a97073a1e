"""The demo's network: three active members sharing core-3m, each sharing a different set of
indicators with the network, one compared without its name; a second run writes nothing."""

from collections import Counter

from conftest import make_user
from qogam.accounts.services import grant_membership
from qogam.core.enums import Role, Visibility
from qogam.core.tenancy import all_universities
from qogam.demo.network_members import SHARED, build_members
from qogam.indicators.models import IndicatorVisibility, PackActivation
from qogam.indicators.packs import load_packs
from qogam.network.models import NetworkMembership, NetworkPack
from qogam.organisations.models import University


def _demo_like(world) -> list[University]:
    universities = []
    with all_universities():
        for slug in SHARED:
            university = University.objects.create(
                network=world["network"], slug=slug, name_en=slug.replace("-", " ").title()
            )
            admin = make_user(f"admin@{slug}.example.kz", f"Admin of {slug}")
            grant_membership(
                actor=None, user=admin, university=university, role=Role.UNIVERSITY_ADMIN
            )
            universities.append(university)
    return universities


def test_demo_members_join_share_and_one_is_unnamed(world):
    load_packs()
    universities = _demo_like(world)
    created = Counter()

    build_members(universities=universities, network_admin=world["nora"], created=created)

    assert created == Counter(
        {
            "network members": 3,
            "network shared packs": 1,
            "shared pack switched on": 3,
            "indicators shared with the network": 9,
        }
    )
    with all_universities():
        assert sorted(
            NetworkMembership.objects.filter(status="active").values_list(
                "university__slug", "named_in_benchmarks"
            )
        ) == [("almaty-state", True), ("astana-tech", True), ("shymkent-agrarian", False)]
        assert list(NetworkPack.objects.values_list("pack__code", flat=True)) == ["core-3m"]
        assert PackActivation.objects.filter(pack__code="core-3m").count() == 3
        shared = {
            slug: set(
                IndicatorVisibility.objects.filter(
                    university__slug=slug, visibility=Visibility.NETWORK
                ).values_list("indicator__code", flat=True)
            )
            for slug in SHARED
        }
    assert shared == {slug: set(codes) for slug, codes in SHARED.items()}


def test_demo_members_second_run_writes_nothing(world):
    load_packs()
    universities = _demo_like(world)
    build_members(universities=universities, network_admin=world["nora"], created=Counter())
    again = Counter()

    build_members(universities=universities, network_admin=world["nora"], created=again)

    assert again == Counter()
