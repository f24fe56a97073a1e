"""The demo network's members: the three universities join, the network shares core-3m, each
member shares a different set of indicators with the network, and one is compared without
its name.

Written through the network's and the indicators' services as the network's administrator
and each university's administrator, so permissions, validation and the audit trail are the
real ones. Every step first looks at what is there, so a second run writes nothing.
"""

from collections import Counter

from qogam.accounts.models import Membership
from qogam.core.enums import Role, Visibility
from qogam.core.tenancy import all_universities
from qogam.indicators.models import Indicator, IndicatorVisibility, Pack, PackActivation
from qogam.indicators.services import definitions
from qogam.network.enums import MembershipStatus
from qogam.network.models import NetworkMembership, NetworkPack
from qogam.network.services import members as services

SHARED_PACK = "core-3m"
# Indicators each member shares with the network, beyond those it already publishes
# (qogam/demo/indicators.py): a different set each, so that on EVT-02, STF-01 and STF-03 two
# members are compared and the third is absent, and PRT-02, PRT-05 and GOV-06 are shared by
# one member only and compare nothing.
SHARED = {
    "almaty-state": ("PRT-02", "EVT-02", "STF-01"),
    "astana-tech": ("EVT-02", "STF-03", "PRT-05"),
    "shymkent-agrarian": ("STF-01", "STF-03", "GOV-06"),
}
# This member is compared under a letter: the others do not see its name.
UNNAMED = "shymkent-agrarian"
NOTE = {
    "kk": "Желінің негізгі көрсеткіштері: мүшелер оларды бірдей өлшеп, салыстырады.",
}


def admin_of(university):
    with all_universities():
        membership = (
            Membership.objects.filter(university=university, role=Role.UNIVERSITY_ADMIN)
            .select_related("user")
            .order_by("pk")
            .first()
        )
    return membership.user if membership else None


def build_members(*, universities, network_admin, created: Counter) -> None:
    """`universities`: the demo's universities (in any iterable); `network_admin`: the
    secretariat's login; counts go to `created` under "network members", "network shared
    packs", "shared pack switched on" and "indicators shared with the network"."""
    with all_universities():
        _build(list(universities), network_admin, created)


def _build(universities, network_admin, created: Counter) -> None:
    pack = Pack.objects.filter(university__isnull=True, code=SHARED_PACK).first()
    if pack is not None and not NetworkPack.objects.filter(pack=pack).exists():
        services.share_pack(actor=network_admin, pack=pack, note=NOTE["kk"])
        created["network shared packs"] += 1
    shipped = {i.code: i for i in Indicator.objects.filter(university__isnull=True)}
    for university in universities:
        admin = admin_of(university)
        if admin is None:
            continue
        membership = NetworkMembership.objects.filter(university=university).first()
        if membership is None:
            services.invite_university(actor=network_admin, university=university)
            services.accept_invitation(actor=admin, university=university)
            created["network members"] += 1
        elif membership.status != MembershipStatus.ACTIVE:
            # Someone changed the demo by hand: leave their decision alone.
            continue
        if university.slug == UNNAMED:
            current = NetworkMembership.objects.get(university=university)
            if current.named_in_benchmarks:
                services.set_named_in_benchmarks(actor=admin, university=university, named=False)
        if (
            pack is not None
            and not PackActivation.objects.filter(university=university, pack=pack).exists()
        ):
            services.switch_on_shared_pack(actor=admin, university=university, pack=pack)
            created["shared pack switched on"] += 1
        published = dict(
            IndicatorVisibility.objects.filter(university=university).values_list(
                "indicator__code", "visibility"
            )
        )
        for code in SHARED.get(university.slug, ()):
            indicator = shipped.get(code)
            # Never narrow what the university already shows (public stays public).
            if indicator is None or published.get(code) in (Visibility.NETWORK, Visibility.PUBLIC):
                continue
            definitions.publish_indicator(
                actor=admin, university=university, indicator=indicator, visibility="network"
            )
            created["indicators shared with the network"] += 1
