"""What a record's detail page shows of its goals: the chips, and for the staff of the record's
university how each goal got there (chosen by hand, or suggested by Qogam and accepted; by whom
and when) with the targets accepted under it.

Only those staff read the record's goal rows, so a public or partner's page costs no query and
never names a member of staff.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from qogam.sdg.enums import TagSource, TagStatus
from qogam.sdg.goals import GOALS, goal_title, target_title
from qogam.sdg.models import RecordGoal
from qogam.sdg.registry import taggable_for

HISTORY_PERM = "sdg.view_goal_history"


@dataclass
class GoalTarget:
    code: str
    title: str


@dataclass
class GoalLine:
    goal: int
    title: str
    url: str = ""
    provenance: str = ""
    targets: list[GoalTarget] = field(default_factory=list)


def goals_of(record) -> list[int]:
    """The record's goal numbers, sorted, each once; anything that is not a goal left out."""
    kind = taggable_for(record)
    values = getattr(record, kind.sdgs_field if kind else "sdgs", None) or []
    numbers = {int(v) for v in values if str(v).isdigit()}
    return sorted(numbers & set(GOALS))


def _target_key(code: str) -> tuple[int, int]:
    goal, part = code.split(".", 1)
    # 7.2 before 7.10, and the lettered targets (7.a) after the numbered ones, as the UN lists them.
    return int(goal), int(part) if part.isdigit() else 100 + ord(part[:1] or "a")


def _person(user) -> str:
    return (user.full_name or user.email) if user is not None else ""


def provenance_of(row: RecordGoal) -> str:
    """How a goal row got onto its record, who decided and when, in the reader's language."""
    when = row.decided_at or row.created_at
    values = {
        "name": _person(row.decided_by),
        "date": formats.date_format(timezone.localtime(when), "DATE_FORMAT") if when else "",
    }
    manual = row.source == TagSource.MANUAL
    if values["name"] and values["date"]:
        if manual:
            return _("Chosen by hand by %(name)s, %(date)s") % values
        return _("Suggested by Qogam and accepted by %(name)s, %(date)s") % values
    if values["date"]:
        if manual:
            return _("Chosen by hand, %(date)s") % values
        return _("Suggested by Qogam and accepted, %(date)s") % values
    return _("Chosen by hand") if manual else _("Suggested by Qogam and accepted")


def _accepted_rows(record) -> list[RecordGoal]:
    """The record's accepted goal and target rows, in one query (the person who decided
    joined). The request's tenant scope holds the record's university for its staff."""
    meta = record._meta
    return list(
        RecordGoal.objects.filter(
            university_id=record.university_id,
            content_type__app_label=meta.app_label,
            content_type__model=meta.model_name,
            object_id=record.pk,
            status=TagStatus.ACCEPTED,
        ).select_related("decided_by")
    )


def sees_goal_history(user, record) -> bool:
    return user is not None and user.has_perm(HISTORY_PERM, record)


def goal_lines(record, *, with_history: bool = False) -> list[GoalLine]:
    """One line per goal of the record; with_history adds how it was set and its targets
    (read from the record's goal rows, so only for those who may see who set them)."""
    goals = goals_of(record)
    lines = {n: GoalLine(goal=n, title=goal_title(n)) for n in goals}
    if not goals or not with_history:
        return list(lines.values())
    targets: dict[int, list[str]] = {}
    for row in _accepted_rows(record):
        line = lines.get(row.goal)
        if line is None:
            continue
        if row.target:
            targets.setdefault(row.goal, []).append(row.target)
        else:
            line.provenance = provenance_of(row)
    for goal, codes in targets.items():
        lines[goal].targets = [
            GoalTarget(code=code, title=target_title(code))
            for code in sorted(set(codes), key=_target_key)
        ]
    return list(lines.values())


def public_goal_lines(record, *, slug: str) -> list[GoalLine]:
    """The chips of a portal page, each leading to the university's search for that goal."""
    search = reverse("portal:university_search", kwargs={"slug": slug})
    lines = goal_lines(record)
    for line in lines:
        line.url = f"{search}?{urlencode({'sdg': line.goal})}"
    return lines
