"""Writes about strategies: the strategy itself, its directions, goals and measures, progress
notes, and copies from a network template or an earlier period.

Every function checks permission, validates the whole record and writes inside one
transaction and the tenant scope of the university it writes to, so a failure saves nothing.
"""

import calendar
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from qogam.accounts.queries import is_staff_at
from qogam.core.enums import Visibility
from qogam.core.i18n import CONTENT_LANGUAGES, require_translations, translated_field_names
from qogam.core.tenancy import university_scope
from qogam.core.visibility import can_read, viewer_of
from qogam.strategy.enums import MeasureStatus
from qogam.strategy.models import Direction, Goal, Measure, ProgressNote, Strategy

# The fields a person fills in; the university, template flag and origin come from context.
STRATEGY_FIELDS = (
    *translated_field_names("title"),
    *translated_field_names("summary"),
    "starts_on",
    "ends_on",
    "visibility",
)
DIRECTION_FIELDS = ("position", *translated_field_names("title"))
GOAL_FIELDS = ("position", *translated_field_names("title"))
MEASURE_FIELDS = (
    "position",
    *translated_field_names("title"),
    *translated_field_names("description"),
    "owner",
    "owner_unit",
    "starts_on",
    "due_on",
    "budget",
    "components",
    "sdgs",
    "indicator_codes",
)
_UNSET = object()


def _apply(record, fields: tuple[str, ...], values: dict) -> None:
    for name in fields:
        if name in values:
            value = values[name]
            setattr(record, name, value.strip() if isinstance(value, str) else value)


def _validate(record, *translated: str, extra: dict | None = None) -> None:
    """full_clean() and the required translations, reported together with `extra` errors."""
    errors: dict = {}
    try:
        record.full_clean()
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    try:
        require_translations(record, *translated)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    for field, message in (extra or {}).items():
        errors.setdefault(field, []).append(message)
    if errors:
        raise ValidationError(errors)


def _next_position(qs) -> int:
    return (qs.aggregate(top=Max("position"))["top"] or 0) + 1


# --- Strategies ------------------------------------------------------------------------------


def _check_may_write(actor, strategy: Strategy) -> None:
    """Templates are the network administrators'; a strategy its university's office and
    administrators'; a unit's plan also its coordinator's (rules.py). Asked of an unsaved
    strategy too, so creating follows the same rule as changing."""
    if actor is None or not actor.has_perm("strategy.manage_strategy", strategy):
        if strategy.is_template:
            raise PermissionDenied(_("Only the network's administrators write templates."))
        raise PermissionDenied(_("You may not write this strategy."))


def _check_manage(actor, strategy: Strategy) -> None:
    _check_may_write(actor, strategy)


def _period_errors(strategy: Strategy) -> dict:
    """Errors for a changed period that would leave existing measures outside it."""
    if strategy.pk is None or not (strategy.starts_on and strategy.ends_on):
        return {}
    outside = (
        Measure.objects.filter(strategy=strategy)
        .exclude(due_on__gte=strategy.starts_on, due_on__lte=strategy.ends_on)
        .count()
    )
    early = Measure.objects.filter(strategy=strategy, starts_on__lt=strategy.starts_on).count()
    count = outside + early
    if not count:
        return {}
    return {
        "ends_on": _(
            "%(count)d measure(s) would fall outside the new period; change their dates first."
        )
        % {"count": count}
    }


def create_strategy(
    *, actor, university, values: dict, unit=None, is_template: bool = False
) -> Strategy:
    """A new strategy of `university` (or a plan of `unit`); a template is network-visible."""
    strategy = Strategy(university=university, unit=unit, is_template=bool(is_template))
    _apply(strategy, STRATEGY_FIELDS, values)
    if strategy.is_template:
        strategy.visibility = Visibility.NETWORK
    _check_may_write(actor, strategy)
    with transaction.atomic(), university_scope(university):
        _validate(strategy, "title")
        strategy.save()
    return strategy


def update_strategy(*, actor, strategy: Strategy, values: dict, unit=_UNSET) -> Strategy:
    _check_may_write(actor, strategy)
    with transaction.atomic(), university_scope(strategy.university_id):
        strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
        _apply(strategy, STRATEGY_FIELDS, values)
        if unit is not _UNSET:
            strategy.unit = unit
        if strategy.is_template:
            strategy.visibility = Visibility.NETWORK
        # The new unit must be one the person may write for, too.
        _check_may_write(actor, strategy)
        _validate(strategy, "title", extra=_period_errors(strategy))
        strategy.save()
    return strategy


def delete_strategy(*, actor, strategy: Strategy) -> None:
    if actor is None or not actor.has_perm("strategy.delete_strategy", strategy):
        raise PermissionDenied(_("You may not delete this strategy."))
    with transaction.atomic(), university_scope(strategy.university_id):
        strategy.delete()


# --- Directions and goals --------------------------------------------------------------------


def add_direction(*, actor, strategy: Strategy, values: dict) -> Direction:
    _check_manage(actor, strategy)
    with transaction.atomic(), university_scope(strategy.university_id):
        direction = Direction(university_id=strategy.university_id, strategy=strategy)
        _apply(direction, DIRECTION_FIELDS, values)
        if not values.get("position"):
            direction.position = _next_position(Direction.objects.filter(strategy=strategy))
        _validate(direction, "title")
        direction.save()
    return direction


def update_direction(*, actor, direction: Direction, values: dict) -> Direction:
    _check_manage(actor, direction.strategy)
    with transaction.atomic(), university_scope(direction.university_id):
        direction = Direction.objects.select_for_update().get(pk=direction.pk)
        _apply(direction, DIRECTION_FIELDS, values)
        _validate(direction, "title")
        direction.save()
    return direction


def delete_direction(*, actor, direction: Direction) -> None:
    _check_manage(actor, direction.strategy)
    with transaction.atomic(), university_scope(direction.university_id):
        direction.delete()


def add_goal(*, actor, direction: Direction, values: dict) -> Goal:
    _check_manage(actor, direction.strategy)
    with transaction.atomic(), university_scope(direction.university_id):
        goal = Goal(
            university_id=direction.university_id,
            strategy_id=direction.strategy_id,
            direction=direction,
        )
        _apply(goal, GOAL_FIELDS, values)
        if not values.get("position"):
            goal.position = _next_position(Goal.objects.filter(direction=direction))
        _validate(goal, "title")
        goal.save()
    return goal


def update_goal(*, actor, goal: Goal, values: dict) -> Goal:
    """Change a goal; `values["direction"]` moves it under another direction of its strategy."""
    _check_manage(actor, goal.strategy)
    with transaction.atomic(), university_scope(goal.university_id):
        goal = Goal.objects.select_for_update().get(pk=goal.pk)
        _apply(goal, GOAL_FIELDS, values)
        if values.get("direction") is not None:
            goal.direction = values["direction"]
        _validate(goal, "title")
        goal.save()
    return goal


def delete_goal(*, actor, goal: Goal) -> None:
    _check_manage(actor, goal.strategy)
    with transaction.atomic(), university_scope(goal.university_id):
        goal.delete()


# --- Measures --------------------------------------------------------------------------------


def _measure_errors(measure: Measure, projects) -> dict:
    """What full_clean() cannot see: the owner's and the projects' university."""
    errors = {}
    if measure.owner_id is not None and not is_staff_at(measure.owner, measure.university_id):
        errors["owner"] = _("The responsible person must be staff of the university.")
    if projects is not None and any(p.university_id != measure.university_id for p in projects):
        errors["projects"] = _("A project belongs to another university.")
    return errors


def _save_measure(measure: Measure, projects) -> Measure:
    _validate(measure, "title", extra=_measure_errors(measure, projects))
    measure.save()
    if projects is not None:
        measure.projects.set(projects)
    return measure


def add_measure(*, actor, goal: Goal, values: dict, projects=None) -> Measure:
    """A new measure under `goal`; due within the strategy's period (models.Measure.clean)."""
    _check_manage(actor, goal.strategy)
    with transaction.atomic(), university_scope(goal.university_id):
        measure = Measure(university_id=goal.university_id, strategy_id=goal.strategy_id, goal=goal)
        _apply(measure, MEASURE_FIELDS, values)
        if not values.get("position"):
            measure.position = _next_position(Measure.objects.filter(goal=goal))
        return _save_measure(measure, list(projects) if projects is not None else None)


def update_measure(*, actor, measure: Measure, values: dict, projects=None) -> Measure:
    """Change a measure; `values["goal"]` moves it under another goal of its strategy.

    `projects` replaces the linked projects when given; None keeps them.
    """
    _check_manage(actor, measure.strategy)
    with transaction.atomic(), university_scope(measure.university_id):
        measure = Measure.objects.select_for_update().get(pk=measure.pk)
        _apply(measure, MEASURE_FIELDS, values)
        if values.get("goal") is not None:
            measure.goal = values["goal"]
        return _save_measure(measure, list(projects) if projects is not None else None)


def delete_measure(*, actor, measure: Measure) -> None:
    _check_manage(actor, measure.strategy)
    with transaction.atomic(), university_scope(measure.university_id):
        measure.delete()


def add_progress_note(*, actor, measure: Measure, on: date, status: str, text: str) -> ProgressNote:
    """Record progress on `measure`: the note's status becomes the measure's; done sets done_on."""
    if actor is None or not actor.has_perm("strategy.report_progress", measure):
        raise PermissionDenied(_("You may not report progress on this measure."))
    with transaction.atomic(), university_scope(measure.university_id):
        measure = Measure.objects.select_for_update().get(pk=measure.pk)
        note = ProgressNote(
            university_id=measure.university_id,
            measure=measure,
            on=on,
            status=status,
            text=(text or "").strip(),
            author=actor,
        )
        extra = {}
        if on and on > timezone.localdate():
            extra["on"] = _("A progress note cannot be dated in the future.")
        _validate(note, extra=extra)
        note.save()
        measure.status = status
        measure.done_on = on if status == MeasureStatus.DONE else None
        measure.save(update_fields=["status", "done_on", "updated_at"])
    return note


# --- Copies ----------------------------------------------------------------------------------


def _period_offset(old_start: date, new_start: date) -> tuple[int, int]:
    """The offset between two periods as whole months plus days, so that a measure due on
    30 June moves to 30 June of a later year whatever leap days lie between."""
    months = (new_start.year - old_start.year) * 12 + new_start.month - old_start.month
    return months, new_start.day - old_start.day


def _shift(day: date, offset: tuple[int, int]) -> date:
    months, days = offset
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last)) + timedelta(days=days)


def _clip(day: date, starts_on: date, ends_on: date) -> date:
    return min(max(day, starts_on), ends_on)


def _copy_texts(source, target, field: str) -> None:
    for code in CONTENT_LANGUAGES:
        name = f"{field}_{code}"
        setattr(target, name, getattr(source, name, "") or "")


def copy_strategy(
    *,
    actor,
    source: Strategy,
    university,
    starts_on: date,
    ends_on: date,
    unit=None,
    title: dict | None = None,
    visibility: str = Visibility.PRIVATE,
) -> Strategy:
    """A new strategy of `university` for a new period, copied from `source`.

    The source is a network template the person may read, or an earlier strategy of the same
    university. Directions, goals and measures are copied; each measure's dates move by the
    offset between the periods' starts (in months and days) and are clipped into the new
    period; statuses start again, and progress notes and linked projects stay with the source.
    Owners and responsible units are kept only when the copy stays at the same university.
    """
    viewer = viewer_of(actor)
    if actor is None or not can_read(viewer, source):
        raise PermissionDenied(_("You may not copy this strategy."))
    same_university = source.university_id == getattr(university, "pk", university)
    if not (source.is_template or same_university):
        raise ValidationError(
            {
                "source": _(
                    "Copy from a network template or from an earlier strategy of the same "
                    "university."
                )
            }
        )
    strategy = Strategy(
        university=university,
        unit=unit,
        starts_on=starts_on,
        ends_on=ends_on,
        visibility=visibility,
        copied_from=source,
    )
    _copy_texts(source, strategy, "title")
    _copy_texts(source, strategy, "summary")
    for code, text in (title or {}).items():
        if code in CONTENT_LANGUAGES and (text or "").strip():
            setattr(strategy, f"title_{code}", text.strip())
    _check_may_write(actor, strategy)
    with transaction.atomic(), university_scope(university):
        _validate(strategy, "title")
        strategy.save()
        offset = _period_offset(source.starts_on, starts_on)
        # The source may be another university's template: read past the tenant scope.
        directions = Direction.objects.with_scopes_disabled().filter(strategy=source)
        goals = Goal.objects.with_scopes_disabled().filter(strategy=source)
        measures = Measure.objects.with_scopes_disabled().filter(strategy=source)
        goals_of: dict[int, list[Goal]] = {}
        for goal in goals.order_by("position", "pk"):
            goals_of.setdefault(goal.direction_id, []).append(goal)
        measures_of: dict[int, list[Measure]] = {}
        for measure in measures.order_by("position", "pk"):
            measures_of.setdefault(measure.goal_id, []).append(measure)

        for old_direction in directions.order_by("position", "pk"):
            direction = Direction(
                university=strategy.university, strategy=strategy, position=old_direction.position
            )
            _copy_texts(old_direction, direction, "title")
            direction.full_clean()
            direction.save()
            for old_goal in goals_of.get(old_direction.pk, []):
                goal = Goal(
                    university=strategy.university,
                    strategy=strategy,
                    direction=direction,
                    position=old_goal.position,
                )
                _copy_texts(old_goal, goal, "title")
                goal.full_clean()
                goal.save()
                for old in measures_of.get(old_goal.pk, []):
                    _copy_measure(old, strategy, goal, offset, keep_people=same_university)
    return strategy


def _copy_measure(old: Measure, strategy: Strategy, goal: Goal, offset, *, keep_people) -> None:
    due_on = _clip(_shift(old.due_on, offset), strategy.starts_on, strategy.ends_on)
    starts_on = None
    if old.starts_on:
        starts_on = min(
            _clip(_shift(old.starts_on, offset), strategy.starts_on, strategy.ends_on), due_on
        )
    measure = Measure(
        university=strategy.university,
        strategy=strategy,
        goal=goal,
        position=old.position,
        starts_on=starts_on,
        due_on=due_on,
        budget=old.budget,
        components=list(old.components),
        sdgs=list(old.sdgs),
        indicator_codes=list(old.indicator_codes),
        status=MeasureStatus.NOT_STARTED,
    )
    _copy_texts(old, measure, "title")
    _copy_texts(old, measure, "description")
    if keep_people:
        measure.owner_unit_id = old.owner_unit_id
        if old.owner_id and is_staff_at(old.owner, strategy.university_id):
            measure.owner_id = old.owner_id
    measure.full_clean()
    measure.save()
