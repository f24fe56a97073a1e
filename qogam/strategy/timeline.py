"""The Gantt-like timeline of a strategy: bars placed by share of the period.

The page's Content-Security-Policy allows no inline styles, so positions are classes
(`tl-l-N` sets `left`, `tl-w-N` sets `width`, both in steps of half a percent, STEPS in all)
defined once in static/strategy/strategy.css.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from qogam.strategy.models import Goal, Measure
from qogam.strategy.queries import Plan

STEPS = 200  # half-percent steps across the period


@dataclass
class Bar:
    measure: Measure
    left: int
    width: int
    starts_on: date
    ends_on: date
    milestone: bool
    overdue: bool


@dataclass
class GoalRows:
    goal: Goal
    bars: list[Bar] = field(default_factory=list)


@dataclass
class Tick:
    label: str
    left: int


@dataclass
class Timeline:
    starts_on: date
    ends_on: date
    groups: list[GoalRows]
    ticks: list[Tick]
    today: int | None


def _step(day: date, starts_on: date, days: int) -> int:
    return max(0, min(STEPS, round((day - starts_on).days * STEPS / days)))


def timeline_of(plan: Plan) -> Timeline:
    strategy = plan.strategy
    starts_on, ends_on = strategy.starts_on, strategy.ends_on
    days = max((ends_on - starts_on).days + 1, 1)
    groups: list[GoalRows] = []
    for direction in plan.directions:
        for goal_plan in direction.goals:
            rows = GoalRows(goal=goal_plan.goal)
            for measure in goal_plan.measures:
                begin = measure.starts_on or measure.due_on
                left = _step(begin, starts_on, days)
                right = _step(measure.due_on + timedelta(days=1), starts_on, days)
                width = max(1, right - left)
                left = min(left, STEPS - width)
                rows.bars.append(
                    Bar(
                        measure=measure,
                        left=left,
                        width=width,
                        starts_on=begin,
                        ends_on=measure.due_on,
                        milestone=measure.starts_on is None,
                        overdue=measure.is_overdue(plan.today),
                    )
                )
            groups.append(rows)
    ticks = []
    year = starts_on.year + 1
    while date(year, 1, 1) <= ends_on:
        ticks.append(Tick(label=str(year), left=_step(date(year, 1, 1), starts_on, days)))
        year += 1
    if not ticks or ticks[0].left > 10:
        ticks.insert(0, Tick(label=str(starts_on.year), left=0))
    today = _step(plan.today, starts_on, days) if starts_on <= plan.today <= ends_on else None
    return Timeline(starts_on=starts_on, ends_on=ends_on, groups=groups, ticks=ticks, today=today)
