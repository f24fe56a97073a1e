"""The network's API: benchmarks of the indicators members share.

The same reads as the pages (qogam.network.benchmarks) for the same readers: the staff of a
member university (its own values always, the others' as shared) and the network's
administrators; anyone else is refused. A refused benchmark answers 409 with the reason.
"""

from decimal import Decimal
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.responses import Status

from qogam.core.i18n import translated
from qogam.indicators.models import Indicator, IndicatorVisibility
from qogam.network import benchmarks as bm

router = Router(tags=["network"])
# The caller is resolved by the accounts middleware (a session or an API key); the
# benchmark decides what it sees, so the endpoints need no auth class of their own.
OPEN = None


class ComparableOut(Schema):
    indicator: str
    id: UUID
    name: str
    sharing: int
    own_shares: bool


class RowOut(Schema):
    university: str
    is_own: bool
    value: Decimal | None
    rank: int | None


class TrendOut(Schema):
    period: str
    own: Decimal | None
    median: Decimal | None
    count: int


class BenchmarkOut(Schema):
    indicator: str
    period: str
    per: str
    members: int
    sharing: int
    median: Decimal | None
    q1: Decimal | None
    q3: Decimal | None
    own_rank: int | None
    rows: list[RowOut]
    trend: list[TrendOut]


class RefusedOut(Schema):
    detail: str


def _audience(request, university: str = "") -> bm.Audience:
    viewer = request.viewer
    members = bm.active_members(bm.Audience())
    own_id = bm.own_member_id(viewer, members, university)
    if own_id is None and not viewer.is_network_admin:
        raise PermissionDenied(_("Benchmarks are for the network's member universities."))
    return bm.Audience(own_university_id=own_id)


def _rounded(value: Decimal | None) -> Decimal | None:
    return None if value is None else round(value, 4)


@router.get(
    "/network/benchmarks", response=list[ComparableOut], auth=OPEN, url_name="network_benchmarks"
)
def list_benchmarks(request, university: str = ""):
    """Indicators at least two members share, by the same definition from a pack."""
    comparable, _refused = bm.comparable_indicators(_audience(request, university))
    return [
        ComparableOut(
            indicator=item.indicator.code,
            id=item.indicator.public_id,
            name=str(translated(item.indicator, "name")),
            sharing=item.sharing,
            own_shares=item.own_shares,
        )
        for item in comparable
    ]


@router.get(
    "/network/benchmarks/{code}",
    response={200: BenchmarkOut, 409: RefusedOut},
    auth=OPEN,
    url_name="network_benchmark",
)
def benchmark(request, code: str, year: int | None = None, per: str = "", university: str = ""):
    """One indicator compared across the members, for a reporting year; per=students or
    per=staff divides amounts per 1,000 people."""
    audience = _audience(request, university)
    indicator = Indicator.objects.filter(code=code, university__isnull=True).first()
    if indicator is None:
        # A code only members' own definitions carry: say why it is not compared.
        own = (
            Indicator.objects.filter(code=code, university__isnull=False)
            .filter(
                pk__in=IndicatorVisibility.objects.with_scopes_disabled()
                .filter(visibility__in=bm.SHARED)
                .values("indicator_id")
            )
            .first()
        )
        if own is None:
            raise Http404
        return Status(409, RefusedOut(detail=bm.refusal_reason(own)))
    try:
        found = bm.build_benchmark(indicator, audience, year=year, per=per)
    except bm.NotComparable as refusal:
        return Status(409, RefusedOut(detail=refusal.reason))
    return Status(
        200,
        BenchmarkOut(
            indicator=indicator.code,
            period=found.period.key,
            per=found.per,
            members=found.members_total,
            sharing=found.sharing_count,
            median=_rounded(found.median),
            q1=_rounded(found.q1),
            q3=_rounded(found.q3),
            own_rank=found.own.rank if found.own else None,
            rows=[
                RowOut(
                    university=row.label,
                    is_own=row.is_own,
                    value=_rounded(row.value),
                    rank=row.rank,
                )
                for row in found.rows
            ],
            trend=[
                TrendOut(
                    period=p.period.key,
                    own=_rounded(p.own),
                    median=_rounded(p.median),
                    count=p.count,
                )
                for p in found.trend
            ],
        ),
    )
