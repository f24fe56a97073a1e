"""The SDG profile: how many records carry each of the 17 goals, kind by kind.

Both profiles (a university's or a unit's for its staff, a university's public records on the
portal) are built here from the `sdgs` lists of the records, read with one values_list query
per kind and counted in Python: a fixed number of queries whatever the number of records or
goals. The staff profile reads the kinds registered in qogam.sdg.registry; the portal hands
its own public querysets to `count_goals` (sdg never imports the portal).
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.http import urlencode

from qogam.organisations.models import Unit, University
from qogam.organisations.queries import choose_university as choose_university
from qogam.organisations.queries import staff_universities, units_beneath
from qogam.sdg.enums import TagStatus
from qogam.sdg.goals import GOALS, goal_colour, goal_title, is_target, target_title
from qogam.sdg.models import RecordGoal
from qogam.sdg.registry import Taggable, taggables

TOP_TARGETS = 10


@dataclass(frozen=True)
class Cell:
    count: int
    label: str | Promise  # the kind, said to a screen reader beside the bare number
    url: str = ""  # the kind's list filtered by the goal; "" when it has none or counts 0


@dataclass
class KindCounts:
    """One kind's records counted by goal."""

    key: str
    label: str | Promise
    records: int = 0
    untagged: int = 0
    by_goal: Counter = field(default_factory=Counter)
    # The model and the ids of the records counted, for their accepted targets.
    model: type[Model] | None = None
    ids: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class GoalRow:
    goal: int
    title: str
    colour: str
    cells: list[Cell]
    total: int
    # The bar's length in % of the longest one, written with a dot whatever the language
    # (a template would print 33,3 in Kazakh and Russian, which SVG does not read).
    width: str
    url: str = ""  # where the goal leads (the portal's search by goal)


@dataclass(frozen=True)
class TargetRow:
    code: str
    goal: int
    title: str
    colour: str
    count: int


@dataclass
class Profile:
    kinds: list[KindCounts]
    rows: list[GoalRow]
    untagged: list[int]
    untagged_total: int
    records: list[int]
    records_total: int
    tagged_total: int
    # Kinds with no unit, left out of a unit's profile.
    left_out: list[str | Promise] = field(default_factory=list)
    targets: list[TargetRow] = field(default_factory=list)


def _goals_of(value: Any) -> set[int]:
    """The valid goal numbers in a record's `sdgs` list (numbers or numeric strings)."""
    found = set()
    for item in value or ():
        try:
            number = int(item)
        except (TypeError, ValueError):
            continue
        if 1 <= number <= 17:
            found.add(number)
    return found


def count_goals(
    key: str,
    label: str | Promise,
    rows: Iterable[tuple[int, Any]],
    *,
    model: type[Model] | None = None,
) -> KindCounts:
    """Count (pk, sdgs) pairs of one kind by goal; a record without a goal is untagged.
    With the kind's model the ids are kept, for `accepted_targets`."""
    kind = KindCounts(key=key, label=label, model=model)
    seen: set[int] = set()
    for pk, sdgs in rows:
        # A join (an opportunity read through its project) cannot repeat a record, but a
        # caller's queryset might: each record counts once.
        if pk in seen:
            continue
        seen.add(pk)
        kind.records += 1
        goals = _goals_of(sdgs)
        if not goals:
            kind.untagged += 1
        kind.by_goal.update(goals)
    if model is not None:
        kind.ids = seen
    return kind


def build_profile(
    kinds: list[KindCounts],
    url_for: Callable[[KindCounts, int], str],
    goal_url: Callable[[int], str] | None = None,
) -> Profile:
    """The rows of the table and the chart from each kind's counts."""
    totals = {n: sum(k.by_goal[n] for k in kinds) for n in GOALS}
    longest = max(totals.values(), default=0)
    rows = [
        GoalRow(
            goal=n,
            title=goal_title(n),
            colour=goal_colour(n),
            cells=[
                Cell(k.by_goal[n], k.label, url_for(k, n) if k.by_goal[n] else "") for k in kinds
            ],
            total=totals[n],
            width=f"{100 * totals[n] / longest:.1f}" if longest else "0",
            url=goal_url(n) if goal_url else "",
        )
        for n in GOALS
    ]
    return Profile(
        kinds=kinds,
        rows=rows,
        untagged=[k.untagged for k in kinds],
        untagged_total=sum(k.untagged for k in kinds),
        records=[k.records for k in kinds],
        records_total=sum(k.records for k in kinds),
        tagged_total=sum(k.records - k.untagged for k in kinds),
    )


# --- The staff profile -----------------------------------------------------------------------


def profile_universities(viewer) -> list[University]:
    """The universities whose profile the viewer reads (as the other staff pages choose)."""
    return list(staff_universities(viewer))


def units_of(university_id: int) -> list[Unit]:
    return list(
        Unit.objects.with_scopes_disabled()
        .filter(university_id=university_id)
        .order_by("name", "pk")
    )


def unit_of(university_id: int, public_id: str | None) -> Unit | None:
    """The unit of ?unit=<public id> at the university; None for none or a bad value."""
    if not public_id:
        return None
    try:
        return (
            Unit.objects.with_scopes_disabled()
            .filter(university_id=university_id, public_id=public_id)
            .first()
        )
    except (ValidationError, ValueError, TypeError):
        # Not a UUID: no unit, the whole university.
        return None


def list_url(kind: Taggable, goal: int) -> str:
    """The kind's list filtered by the goal, or "" when the kind has no list."""
    if not kind.list_url:
        return ""
    try:
        return f"{reverse(kind.list_url)}?{urlencode({'sdg': goal})}"
    except NoReverseMatch:
        return ""


def accepted_targets(university_id: int, kinds: list[KindCounts]) -> list[TargetRow]:
    """The accepted targets on the records counted (those of kinds counted with their model),
    most frequent first: one query, whatever the number of records."""
    # get_for_model is cached per process: no query once a kind has been seen.
    wanted = {
        ContentType.objects.get_for_model(k.model).pk: k for k in kinds if k.model is not None
    }
    if not wanted:
        return []
    rows = (
        RecordGoal.objects.with_scopes_disabled()
        .filter(
            university_id=university_id,
            status=TagStatus.ACCEPTED,
            content_type_id__in=sorted(wanted),
        )
        .exclude(target="")
        .values_list("content_type_id", "object_id", "target")
    )
    counts: Counter = Counter()
    for content_type_id, object_id, target in rows:
        if object_id in wanted[content_type_id].ids and is_target(target):
            counts[target] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], _target_key(item[0])))
    return [
        TargetRow(
            code=code,
            goal=int(code.split(".")[0]),
            title=target_title(code),
            colour=goal_colour(int(code.split(".")[0])),
            count=count,
        )
        for code, count in ranked[:TOP_TARGETS]
    ]


def _target_key(code: str) -> tuple:
    # "7.2" before "7.10", "7.a" after the numbered ones, as the UN lists them.
    goal, _dot, rest = code.partition(".")
    return (int(goal), not rest.isdigit(), int(rest) if rest.isdigit() else 0, rest)


def staff_profile(university: University, unit: Unit | None = None) -> Profile:
    """The profile of a university's records (every visibility: its staff read them all),
    or of one unit and the units beneath it. Kinds without a unit are left out of a unit's
    profile. Queries: one per kind, the unit tree for a unit, one for the targets."""
    unit_ids = sorted(units_beneath([unit.pk])) if unit is not None else None
    counted: list[KindCounts] = []
    left_out: list[str | Promise] = []
    registered = taggables()
    for kind in registered:
        qs = kind.records_of(university.pk)
        if unit_ids is not None:
            if not kind.unit_field:
                left_out.append(kind.label)
                continue
            qs = qs.filter(**{f"{kind.unit_field}__in": unit_ids})
        rows = qs.order_by().values_list("pk", kind.sdgs_field)
        counted.append(count_goals(kind.key, kind.label, rows, model=kind.model))
    by_key = {kind.key: kind for kind in registered}
    profile = build_profile(counted, lambda k, n: list_url(by_key[k.key], n))
    profile.left_out = left_out
    profile.targets = accepted_targets(university.pk, counted)
    return profile
