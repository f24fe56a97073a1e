"""Reads of strategies shared by the pages, the exports, the API and the home panel."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet

from qogam.core.enums import Component, Role
from qogam.core.visibility import Viewer, visible_to
from qogam.organisations.models import Unit, University
from qogam.organisations.queries import units_beneath
from qogam.projects.models import Project
from qogam.projects.queries import staff_of
from qogam.strategy.enums import MeasureStatus
from qogam.strategy.models import Direction, Goal, Measure, ProgressNote, Strategy
from qogam.strategy.rules import OFFICE_ROLES, WRITER_ROLES

# Measures in plan order: by direction, goal and their own number.
MEASURE_ORDER = (
    "goal__direction__position",
    "goal__direction__pk",
    "goal__position",
    "goal__pk",
    "position",
    "pk",
)
# The home panel also lists measures falling due within this many days.
DUE_SOON_DAYS = 30


def strategies_visible_to(viewer: Viewer) -> QuerySet[Strategy]:
    return visible_to(Strategy, viewer).select_related("university", "unit")


def strategy_list(viewer: Viewer) -> QuerySet[Strategy]:
    """The list page: the viewer's universities' strategies and the templates they may read."""
    qs = strategies_visible_to(viewer)
    if not viewer.is_network_admin:
        qs = qs.filter(Q(university__in=sorted(viewer.staff_university_ids)) | Q(is_template=True))
    return qs.order_by("-is_template", "-starts_on", "pk")


def readable_strategy(viewer: Viewer, public_id) -> Strategy | None:
    return strategies_visible_to(viewer).filter(public_id=public_id).first()


def _readable_strategy_ids(viewer: Viewer):
    return visible_to(Strategy, viewer).values("pk")


def readable_direction(viewer: Viewer, public_id) -> Direction | None:
    return (
        Direction.objects.with_scopes_disabled()
        .filter(public_id=public_id, strategy__in=_readable_strategy_ids(viewer))
        .select_related("strategy", "strategy__university", "strategy__unit")
        .first()
    )


def readable_goal(viewer: Viewer, public_id) -> Goal | None:
    return (
        Goal.objects.with_scopes_disabled()
        .filter(public_id=public_id, strategy__in=_readable_strategy_ids(viewer))
        .select_related("direction", "strategy", "strategy__university", "strategy__unit")
        .first()
    )


def _measures() -> QuerySet[Measure]:
    # Only ever narrowed to readable strategies (or the person's own measures) by the callers.
    return (
        Measure.objects.with_scopes_disabled()
        .select_related(
            "goal",
            "goal__direction",
            "strategy",
            "strategy__university",
            "strategy__unit",
            "owner",
            "owner_unit",
        )
        .prefetch_related(
            Prefetch(
                "projects",
                queryset=Project.objects.with_scopes_disabled().order_by("starts_on", "pk"),
            )
        )
    )


def measures_visible_to(viewer: Viewer) -> QuerySet[Measure]:
    return _measures().filter(strategy__in=_readable_strategy_ids(viewer))


def readable_measure(viewer: Viewer, public_id) -> Measure | None:
    return measures_visible_to(viewer).filter(public_id=public_id).first()


def measures_of(strategy: Strategy) -> QuerySet[Measure]:
    return _measures().filter(strategy=strategy).order_by(*MEASURE_ORDER)


def notes_of(measure: Measure) -> QuerySet[ProgressNote]:
    return (
        ProgressNote.objects.with_scopes_disabled()
        .filter(measure=measure)
        .select_related("author")
        .order_by("-on", "-pk")
    )


def notes_of_strategy(strategy: Strategy) -> QuerySet[ProgressNote]:
    return (
        ProgressNote.objects.with_scopes_disabled()
        .filter(measure__strategy=strategy)
        .select_related("author", "measure", "measure__goal", "measure__goal__direction")
        .order_by(*[f"measure__{name}" for name in MEASURE_ORDER], "on", "pk")
    )


@dataclass
class GoalPlan:
    goal: Goal
    measures: list[Measure] = field(default_factory=list)

    @property
    def budget(self) -> Decimal:
        return sum((m.budget or Decimal(0) for m in self.measures), Decimal(0))


@dataclass
class DirectionPlan:
    direction: Direction
    goals: list[GoalPlan] = field(default_factory=list)

    @property
    def budget(self) -> Decimal:
        return sum((g.budget for g in self.goals), Decimal(0))


@dataclass
class Plan:
    """A strategy's directions, goals and measures in order, with totals (three queries)."""

    strategy: Strategy
    today: date
    directions: list[DirectionPlan] = field(default_factory=list)

    @property
    def measures(self) -> list[Measure]:
        return [m for d in self.directions for g in d.goals for m in g.measures]

    @property
    def budget(self) -> Decimal:
        return sum((d.budget for d in self.directions), Decimal(0))

    @property
    def overdue(self) -> list[Measure]:
        return [m for m in self.measures if m.is_overdue(self.today)]

    def status_counts(self) -> list[dict]:
        counts = Counter(m.status for m in self.measures)
        return [
            {"status": value, "label": label, "count": counts.get(value, 0)}
            for value, label in MeasureStatus.choices
        ]


def component_labels(codes) -> list[str]:
    labels = dict(Component.choices)
    return [str(labels.get(code, code)) for code in codes]


def decorate(measures: list[Measure], viewer: Viewer, today: date) -> list[Measure]:
    """Attach what the pages show: `overdue`, `component_labels`, and `shown_projects`, the
    linked projects this viewer may read (a public plan never names a private project)."""
    linked = {p.pk for m in measures for p in m.projects.all()}
    readable: set[int] = set()
    if linked:
        readable = set(
            visible_to(Project, viewer).filter(pk__in=sorted(linked)).values_list("pk", flat=True)
        )
    for measure in measures:
        # Shown on the plan, in the exports and the API: worked out once here.
        measure.overdue = measure.is_overdue(today)  # type: ignore[attr-defined]
        measure.component_labels = component_labels(measure.components)  # type: ignore[attr-defined]
        measure.shown_projects = [p for p in measure.projects.all() if p.pk in readable]  # type: ignore[attr-defined]
    return measures


def plan_of(strategy: Strategy, today: date, viewer: Viewer) -> Plan:
    plan = Plan(strategy=strategy, today=today)
    goals_of: dict[int, list[GoalPlan]] = {}
    by_goal: dict[int, GoalPlan] = {}
    goals = (
        Goal.objects.with_scopes_disabled().filter(strategy=strategy).select_related("direction")
    )
    for goal in goals.order_by("position", "pk"):
        entry = GoalPlan(goal=goal)
        goals_of.setdefault(goal.direction_id, []).append(entry)
        by_goal[goal.pk] = entry
    for measure in decorate(list(measures_of(strategy)), viewer, today):
        by_goal[measure.goal_id].measures.append(measure)
    for direction in (
        Direction.objects.with_scopes_disabled()
        .filter(strategy=strategy)
        .order_by("position", "pk")
    ):
        plan.directions.append(
            DirectionPlan(direction=direction, goals=goals_of.get(direction.pk, []))
        )
    return plan


# --- The home panel ----------------------------------------------------------------------------


def my_open_measures(user, today: date) -> tuple[list[Measure], list[Measure]]:
    """The person's measures not done: (overdue, due within DUE_SOON_DAYS)."""
    if not getattr(user, "is_authenticated", False):
        return [], []
    qs = (
        _measures()
        .filter(
            owner=user, strategy__is_template=False, due_on__lte=today + timedelta(DUE_SOON_DAYS)
        )
        .exclude(status=MeasureStatus.DONE)
        .order_by("due_on", "pk")
    )
    overdue: list[Measure] = []
    soon: list[Measure] = []
    for measure in qs[:50]:
        (overdue if measure.due_on < today else soon).append(measure)
    return overdue, soon


# --- Choices for the forms ---------------------------------------------------------------------


def universities_for_strategies(viewer: Viewer) -> QuerySet[University]:
    qs = University.objects.filter(is_active=True).order_by("slug")
    if viewer.is_network_admin:
        return qs
    return qs.filter(pk__in=sorted(viewer.university_ids_with(*WRITER_ROLES)))


def units_for_plans(viewer: Viewer, university_ids) -> QuerySet[Unit]:
    """Units whose plans the viewer may write: all of a university where they run the office,
    their own units and those beneath where they coordinate."""
    manager = Unit.objects.with_scopes_disabled()
    ids = sorted(university_ids)
    if viewer.is_network_admin:
        return manager.filter(university__in=ids).order_by("university", "name")
    office = [u for u in ids if viewer.has_role(u, *OFFICE_ROLES)]
    coordinated: set[int] = set()
    for university_id in ids:
        coordinated |= units_beneath(viewer.unit_ids_with(university_id, Role.UNIT_COORDINATOR))
    return manager.filter(Q(university__in=office) | Q(pk__in=sorted(coordinated))).order_by(
        "university", "name"
    )


def staff_choices(university_id: int):
    return staff_of([university_id])


def units_of(university_id: int) -> QuerySet[Unit]:
    return Unit.objects.with_scopes_disabled().filter(university=university_id).order_by("name")


def projects_of(university_id: int) -> QuerySet[Project]:
    return (
        Project.objects.with_scopes_disabled()
        .filter(university=university_id)
        .order_by("-starts_on", "pk")
    )


def copy_sources(viewer: Viewer, university_ids) -> QuerySet[Strategy]:
    """What the viewer may copy from: templates they read and their universities' strategies."""
    qs = strategies_visible_to(viewer).filter(
        Q(is_template=True) | Q(university__in=sorted(university_ids))
    )
    return qs.order_by("-is_template", "-starts_on", "pk")
