"""Members of the network and shared indicators for the tests of members and benchmarks.

`bench_world(world)` makes A, B and a third university C ("caspian-state", admin carl) active
members; ships a pack with a count (BM-COUNT) and a percent (BM-SHARE) indicator; gives each
university an approved value of both in the current and the previous reporting year; and
shares them as the tests need: A shares BM-COUNT with the network and keeps BM-SHARE
private; B shares both with the network; C publishes BM-COUNT and is not named.
"""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from qogam.accounts.services import grant_membership
from qogam.core.enums import Role, Visibility
from qogam.core.periods import academic_year_of
from qogam.core.tenancy import all_universities
from qogam.indicators.enums import IndicatorUnit, ValueStatus
from qogam.indicators.models import (
    IndicatorVisibility,
    ManualValue,
    Pack,
    PackEntry,
)
from qogam.indicators.periods import Period
from qogam.indicators.tests.records import make_indicator
from qogam.network.enums import MembershipStatus
from qogam.network.models import NetworkMembership
from qogam.organisations.models import University

THIS_YEAR = academic_year_of()
# (university key, code) -> (last year's value, this year's value)
VALUES = {
    ("a", "BM-COUNT"): (Decimal(10), Decimal(12)),
    ("b", "BM-COUNT"): (Decimal(20), Decimal(30)),
    ("c", "BM-COUNT"): (Decimal(40), Decimal(50)),
    # A's private share carries a value no other number in these tests has.
    ("a", "BM-SHARE"): (Decimal("77.70"), Decimal("91.37")),
    ("b", "BM-SHARE"): (Decimal(40), Decimal(45)),
    ("c", "BM-SHARE"): (Decimal(60), Decimal(65)),
}
SHARING = {
    ("a", "BM-COUNT"): Visibility.NETWORK,
    ("a", "BM-SHARE"): Visibility.PRIVATE,
    ("b", "BM-COUNT"): Visibility.NETWORK,
    ("b", "BM-SHARE"): Visibility.NETWORK,
    ("c", "BM-COUNT"): Visibility.PUBLIC,
    ("c", "BM-SHARE"): Visibility.NETWORK,
}
C_NAME = "Caspian State University"


def period(year: int) -> str:
    return Period("academic_year", year).key


def make_membership(university, status=MembershipStatus.ACTIVE, *, named=True, network=None):
    with all_universities():
        membership, _created = NetworkMembership.objects.update_or_create(
            university=university,
            defaults={
                "network": network or university.network,
                "status": status,
                "named_in_benchmarks": named,
            },
        )
    return membership


def third_university(world) -> dict:
    """University C with its administrator carl; once per world."""
    if "c" in world:
        return world
    with all_universities():
        c = University.objects.create(
            network=world["network"],
            slug="caspian-state",
            name_kk="Каспий мемлекеттік университеті",
            name_ru="Каспийский государственный университет",
            name_en=C_NAME,
        )
        carl = make_user("carl@example.kz", "Carl")
        grant_membership(actor=None, user=carl, university=c, role=Role.UNIVERSITY_ADMIN)
    world.update({"c": c, "carl": carl})
    return world


def shipped_pack():
    with all_universities():
        pack = Pack.objects.create(code="bench-pack", name_en="Benchmark pack")
        count = make_indicator(None, code="BM-COUNT", name_en="Partners engaged")
        share = make_indicator(
            None, code="BM-SHARE", name_en="Share of students", unit=IndicatorUnit.PERCENT
        )
        PackEntry.objects.create(pack=pack, indicator=count, order=1)
        PackEntry.objects.create(pack=pack, indicator=share, order=2)
    return pack, {"BM-COUNT": count, "BM-SHARE": share}


def approve(university, indicator, period_key: str, value: Decimal) -> ManualValue:
    with all_universities():
        return ManualValue.objects.create(
            university=university,
            indicator=indicator,
            period=period_key,
            value=value,
            status=ValueStatus.APPROVED,
        )


def share(university, indicator, visibility) -> None:
    with all_universities():
        IndicatorVisibility.objects.update_or_create(
            university=university, indicator=indicator, defaults={"visibility": visibility}
        )


def bench_world(world) -> dict:
    """See the module's docstring; once per world."""
    if "indicators" in world:
        return world
    third_university(world)
    make_membership(world["a"])
    make_membership(world["b"])
    make_membership(world["c"], named=False)
    pack, indicators = shipped_pack()
    for (key, code), (last, current) in VALUES.items():
        approve(world[key], indicators[code], period(THIS_YEAR - 1), last)
        approve(world[key], indicators[code], period(THIS_YEAR), current)
    for (key, code), visibility in SHARING.items():
        share(world[key], indicators[code], visibility)
    world.update({"pack": pack, "indicators": indicators})
    return world


def count_queries(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)
