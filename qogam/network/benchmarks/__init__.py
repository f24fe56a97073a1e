"""Benchmarks: the network's members compared on an indicator they measure the same way.

Only a definition shipped with Qogam in a pack is compared (university empty): a member's own
indicator with the same code is a different definition, and the comparison is refused with
that reason. Of the active members, a reader sees

* the values the members shared: `network` or `public` IndicatorVisibility for members and
  the network's administrators, `public` only on the portal;
* its own university's value always, shared or not.

What a reader may not see is neither shown nor counted: the median, the quartiles and the
rank are of the values shown (the reader's own included), and the page says so. A member
that did not consent to be named appears as "University C": its letter comes from a hash of
the indicator's code and the member's public id, so it is the same for every reader, year and
export of this benchmark, and says nothing about the alphabetical order of names.

Values come from qogam.indicators.compute. Entered values (manual and evidence items) of all
members and years are read in one query; a computed indicator costs its measures' aggregates
per member and year (a value is an aggregate over that member's records), and nothing else
grows with the number of members.
"""

import hashlib
import statistics
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _

from qogam.accounts.models import Membership
from qogam.core.enums import STAFF_ROLES, Role, Visibility
from qogam.core.i18n import translated
from qogam.core.periods import academic_year_of
from qogam.core.tenancy import all_universities
from qogam.indicators import compute
from qogam.indicators.enums import Direction, IndicatorUnit, Method, ValueStatus
from qogam.indicators.models import Indicator, IndicatorVisibility, ManualValue, ValueEvidence
from qogam.indicators.periods import Period
from qogam.network.enums import MembershipStatus
from qogam.network.models import NetworkMembership

SHARED = (Visibility.NETWORK.value, Visibility.PUBLIC.value)
PUBLIC_ONLY = (Visibility.PUBLIC.value,)
TREND_YEARS = 5
PER_THOUSAND = Decimal(1000)
# Normalising makes sense for amounts; a share or a score per 1,000 students means nothing.
NORMALISABLE_UNITS = (IndicatorUnit.COUNT, IndicatorUnit.HOURS, IndicatorUnit.TENGE)
PER_CHOICES = ("", "students", "staff")


class NotComparable(Exception):
    """The benchmark is refused; `reason` says why, in the reader's language."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Audience:
    """Who reads a benchmark: the member university whose own values it always sees (none
    for the network's administrators and the portal), and which shared values it sees."""

    own_university_id: int | None = None
    levels: tuple[str, ...] = SHARED
    # The portal shows only universities that opened their public site.
    public_universities_only: bool = False


PORTAL = Audience(levels=PUBLIC_ONLY, public_universities_only=True)


def _shown(value: Decimal | None) -> str:
    return "" if value is None else f"{compute.round_value(value, 2)}"


@dataclass
class MemberValue:
    university_id: int
    label: str
    is_own: bool
    is_named: bool
    value: Decimal | None
    raw: Decimal | None = None
    people: int | None = None
    rank: int | None = None

    @property
    def shown(self) -> str:
        return _shown(self.value)

    @property
    def raw_shown(self) -> str:
        return _shown(self.raw)


@dataclass
class TrendPoint:
    period: Period
    own: Decimal | None
    median: Decimal | None
    count: int

    @property
    def own_shown(self) -> str:
        return _shown(self.own)

    @property
    def median_shown(self) -> str:
        return _shown(self.median)


@dataclass
class Benchmark:
    indicator: Indicator
    period: Period
    year: int
    per: str
    rows: list[MemberValue]
    members_total: int
    sharing_count: int
    median: Decimal | None
    q1: Decimal | None
    q3: Decimal | None
    own: MemberValue | None
    trend: list[TrendPoint] = field(default_factory=list)

    @property
    def counted(self) -> list[MemberValue]:
        return [row for row in self.rows if row.value is not None]

    @property
    def ranked_of(self) -> int:
        return len(self.counted)

    @property
    def median_shown(self) -> str:
        return _shown(self.median)

    @property
    def q1_shown(self) -> str:
        return _shown(self.q1)

    @property
    def q3_shown(self) -> str:
        return _shown(self.q3)


@dataclass
class Comparable:
    indicator: Indicator
    sharing: int
    own_shares: bool


@dataclass
class Refused:
    indicator: Indicator
    reason: str


# --- Who is compared ------------------------------------------------------------------------


def active_members(audience: Audience) -> list[NetworkMembership]:
    qs = NetworkMembership.objects.with_scopes_disabled().filter(
        status=MembershipStatus.ACTIVE, university__is_active=True
    )
    if audience.public_universities_only:
        qs = qs.filter(university__visibility=Visibility.PUBLIC)
    return list(qs.select_related("university").order_by("university__slug"))


def own_member_id(viewer, members: Iterable[NetworkMembership], wanted: str = "") -> int | None:
    """The member university whose figures the viewer works with: one where the viewer is
    staff (the `?university=` slug when several); None when the viewer works at none."""
    own = [m for m in members if m.university_id in viewer.staff_university_ids]
    chosen = next((m for m in own if m.university.slug == wanted), None) if wanted else None
    chosen = chosen or (own[0] if own else None)
    return chosen.university_id if chosen else None


def letter(index: int) -> str:
    """A, B, … Z, AA, AB, …"""
    letters = string.ascii_uppercase
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = letters[rest] + text
    return text


def anonymous_labels(indicator: Indicator, members: Sequence[NetworkMembership], shares) -> dict:
    """The letter of each member that did not consent to be named, among those that share
    the indicator with the network; the same for every reader of this benchmark."""
    hidden = [
        m for m in members if not m.named_in_benchmarks and shares.get(m.university_id) in SHARED
    ]
    hidden.sort(
        key=lambda m: hashlib.sha256(
            f"{indicator.code}:{m.university.public_id}".encode()
        ).hexdigest()
    )
    return {
        m.university_id: _("University %(letter)s") % {"letter": letter(i)}
        for i, m in enumerate(hidden)
    }


def _shares(indicator_ids: Iterable[int], member_ids: Iterable[int]) -> dict:
    """{(university_id, indicator_id): visibility} of the members' published indicators."""
    rows = (
        IndicatorVisibility.objects.with_scopes_disabled()
        .filter(university_id__in=sorted(member_ids), indicator_id__in=sorted(indicator_ids))
        .values_list("university_id", "indicator_id", "visibility")
    )
    return {(university_id, indicator_id): vis for university_id, indicator_id, vis in rows}


# --- The list -----------------------------------------------------------------------------


def comparable_indicators(audience: Audience) -> tuple[list[Comparable], list[Refused]]:
    """Shipped indicators from a pack that at least two members share at the audience's level,
    and the members' own indicators they share, which are not compared (with the reason)."""
    members = active_members(audience)
    member_ids = [m.university_id for m in members]
    rows = list(
        IndicatorVisibility.objects.with_scopes_disabled()
        .filter(university_id__in=member_ids, visibility__in=audience.levels)
        .values_list("indicator_id", "university_id")
    )
    sharing: dict[int, set[int]] = {}
    for indicator_id, university_id in rows:
        sharing.setdefault(indicator_id, set()).add(university_id)
    indicators = {
        i.pk: i
        for i in Indicator.objects.filter(pk__in=sorted(sharing)).select_related("university")
    }
    in_packs = set(
        Indicator.objects.filter(
            pk__in=sorted(sharing), university__isnull=True, entries__isnull=False
        ).values_list("pk", flat=True)
    )
    comparable, refused = [], []
    for indicator_id, universities in sharing.items():
        indicator = indicators[indicator_id]
        if indicator.university_id is not None:
            refused.append(Refused(indicator, refusal_reason(indicator)))
        elif indicator_id in in_packs and len(universities) >= 2:
            comparable.append(
                Comparable(indicator, len(universities), audience.own_university_id in universities)
            )
    comparable.sort(key=lambda c: c.indicator.code)
    refused.sort(key=lambda r: (r.indicator.code, r.indicator.pk))
    return comparable, refused


def refusal_reason(indicator: Indicator) -> str:
    if indicator.university_id is not None:
        return _(
            "Members define %(code)s differently: this one is a university's own definition. "
            "Only the definitions shipped in a pack are compared, so that every member counts "
            "the same way."
        ) % {"code": indicator.code}
    return _("%(code)s is in no pack: only the definitions shipped in a pack are compared.") % {
        "code": indicator.code
    }


def check_comparable(indicator: Indicator) -> None:
    if indicator.university_id is not None or not indicator.entries.exists():
        raise NotComparable(refusal_reason(indicator))


# --- Values ---------------------------------------------------------------------------------


def member_values(
    indicator: Indicator, university_ids: Sequence[int], periods: Sequence[Period]
) -> dict[tuple[int, str], Decimal | None]:
    """Each university's value of the indicator in each period (None: no data)."""
    values: dict[tuple[int, str], Decimal | None] = {}
    if not university_ids:
        return values
    if indicator.method in (Method.MANUAL, Method.EVIDENCE):
        # Everything the benchmark decided to read, in one query (plus the evidence).
        with all_universities():
            rows = (
                ManualValue.objects.filter(
                    university_id__in=sorted(university_ids),
                    indicator=indicator,
                    unit__isnull=True,
                    period__in=sorted({p.key for p in periods}),
                    status=ValueStatus.APPROVED,
                )
                .prefetch_related(
                    Prefetch("evidence", queryset=ValueEvidence.objects.order_by("pk"))
                )
                .order_by("pk")
            )
            for row in rows:
                if indicator.method == Method.EVIDENCE:
                    value = compute.evidence_score(indicator, row, list(row.evidence.all()))
                else:
                    value = row.value
                values[(row.university_id, row.period)] = value
        return values
    for university_id in university_ids:
        for period in periods:
            found = compute.evaluate_one(indicator, university_id=university_id, period=period)
            values[(university_id, period.key)] = found.value
    return values


def people_counts(university_ids: Sequence[int], per: str) -> dict[int, int]:
    """Students or staff of each university today, counted as the accounts.students and
    accounts.staff measures count them (each person once), in one query."""
    roles = [Role.STUDENT] if per == "students" else sorted(STAFF_ROLES)
    with all_universities():
        rows = (
            Membership.objects.filter(university_id__in=sorted(university_ids), role__in=roles)
            .values("university_id")
            .annotate(people=Count("user_id", distinct=True))
            .values_list("university_id", "people")
        )
        return dict(rows)


def quartiles(values: Sequence[Decimal]) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(first quartile, median, third quartile), the inclusive method; None without values."""
    if not values:
        return None, None, None
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0], ordered[0], ordered[0]
    q1, median, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    return q1, median, q3


def ranks(direction: str, rows: list[MemberValue]) -> None:
    """Competition ranks (1, 2, 2, 4), best first by the indicator's direction."""
    counted = [row for row in rows if row.value is not None]
    if direction == Direction.NONE:
        return
    counted.sort(key=lambda r: r.value, reverse=direction != Direction.LOWER)
    for position, row in enumerate(counted, start=1):
        previous = counted[position - 2] if position > 1 else None
        row.rank = previous.rank if previous and previous.value == row.value else position


def normalise(value: Decimal | None, people: int | None) -> Decimal | None:
    if value is None or not people:
        return None
    return value * PER_THOUSAND / people


def build_benchmark(
    indicator: Indicator, audience: Audience, *, year: int | None = None, per: str = ""
) -> Benchmark:
    """The benchmark of one indicator for one reader; NotComparable when it is refused."""
    check_comparable(indicator)
    if per not in PER_CHOICES:
        raise NotComparable(_("Choose per 1,000 students or per 1,000 staff."))
    if per and indicator.unit not in NORMALISABLE_UNITS:
        raise NotComparable(
            _(
                "%(code)s is a share, a ratio or a score: it is already comparable between "
                "universities of different sizes and is not divided per 1,000 people."
            )
            % {"code": indicator.code}
        )
    year = year or academic_year_of()
    members = active_members(audience)
    by_id = {m.university_id: m for m in members}
    all_shares = _shares([indicator.pk], by_id)
    shares = {university_id: vis for (university_id, _i), vis in all_shares.items()}
    own_id = audience.own_university_id if audience.own_university_id in by_id else None
    shown_ids = [
        m.university_id
        for m in members
        if m.university_id == own_id or shares.get(m.university_id) in audience.levels
    ]
    labels = anonymous_labels(indicator, members, shares)
    periods = [
        compute.period_in_year(indicator, y) for y in range(year - TREND_YEARS + 1, year + 1)
    ]
    period = periods[-1]
    values = member_values(indicator, shown_ids, periods)
    people = people_counts(shown_ids, per) if per else {}

    def value_of(university_id: int, key: str) -> Decimal | None:
        raw = values.get((university_id, key))
        return normalise(raw, people.get(university_id)) if per else raw

    rows = []
    for university_id in shown_ids:
        membership = by_id[university_id]
        is_own = university_id == own_id
        named = membership.named_in_benchmarks or is_own
        rows.append(
            MemberValue(
                university_id=university_id,
                label=str(translated(membership.university, "name"))
                if named
                else labels.get(university_id, _("University")),
                is_own=is_own,
                is_named=named,
                value=value_of(university_id, period.key),
                raw=values.get((university_id, period.key)),
                people=people.get(university_id) if per else None,
            )
        )
    ranks(indicator.direction, rows)
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.value is None, r.label))
    q1, median, q3 = quartiles([r.value for r in rows if r.value is not None])
    trend = []
    for each in periods:
        counted = [value_of(u, each.key) for u in shown_ids]
        counted = [v for v in counted if v is not None]
        trend.append(
            TrendPoint(
                period=each,
                own=value_of(own_id, each.key) if own_id else None,
                median=quartiles(counted)[1],
                count=len(counted),
            )
        )
    return Benchmark(
        indicator=indicator,
        period=period,
        year=year,
        per=per,
        rows=rows,
        members_total=len(members),
        sharing_count=sum(1 for m in members if shares.get(m.university_id) in audience.levels),
        median=median,
        q1=q1,
        q3=q3,
        own=next((r for r in rows if r.is_own), None),
        trend=trend,
    )


def strip_positions(benchmark: Benchmark) -> dict | None:
    """Where the values, quartiles and median sit on the strip: x from 0 to 1000, with a
    margin so the dots at both ends are whole."""
    counted = [row.value for row in benchmark.counted]
    if not counted:
        return None
    low, high = min(counted), max(counted)
    span = (high - low) or 1

    def at(value) -> float:
        return float((value - low) / span) * 920 + 40

    # Strings, not floats: a template would print a float with the language's decimal comma,
    # which SVG does not read.
    return {
        "dots": [(f"{at(row.value):.1f}", row) for row in benchmark.counted],
        "q1": f"{at(benchmark.q1):.1f}",
        "width": f"{at(benchmark.q3) - at(benchmark.q1):.1f}",
        "median": f"{at(benchmark.median):.1f}",
    }
