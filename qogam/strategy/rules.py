"""Who may read and change strategies, their measures and progress notes.

A university's strategy (no unit) is written by its administrators and third-mission office;
a unit's plan also by the coordinator of that unit or of a unit above it. The owner of a
measure records its progress. Reading follows the strategy's visibility, so a network
template (visibility `network`) is read by every member of the network and copied from.
"""

import rules

from qogam.core.enums import Role
from qogam.core.visibility import can_read, viewer_of

OFFICE_ROLES = (Role.UNIVERSITY_ADMIN, Role.OFFICE)
WRITER_ROLES = (Role.UNIVERSITY_ADMIN, Role.OFFICE, Role.UNIT_COORDINATOR)


def _strategy(record):
    """The strategy a record belongs to (itself for a strategy)."""
    if record is None:
        return None
    if hasattr(record, "measure_id") and not hasattr(record, "strategy_id"):
        record = record.measure
    return getattr(record, "strategy", record)


@rules.predicate
def is_network_admin(user) -> bool:
    return viewer_of(user).is_network_admin


@rules.predicate
def runs_office_of(user, record) -> bool:
    """The university's office or administrators; a network template is the network
    administrators' alone, even at the university hosting the secretariat."""
    strategy = _strategy(record)
    return (
        strategy is not None
        and not strategy.is_template
        and viewer_of(user).has_role(strategy.university_id, *OFFICE_ROLES)
    )


@rules.predicate
def coordinates_plan_unit(user, record) -> bool:
    """The plan is a unit's, and the person coordinates that unit or one above it."""
    strategy = _strategy(record)
    if strategy is None or not strategy.unit_id or strategy.is_template:
        return False
    mine = viewer_of(user).unit_ids_with(strategy.university_id, Role.UNIT_COORDINATOR)
    if not mine:
        return False
    return strategy.unit_id in mine or bool(set(strategy.unit.ancestor_ids()) & mine)


@rules.predicate
def owns_measure(user, record) -> bool:
    measure = record if hasattr(record, "goal_id") else getattr(record, "measure", None)
    return (
        measure is not None
        and measure.owner_id is not None
        and measure.owner_id == getattr(user, "pk", None)
    )


@rules.predicate
def can_read_strategy(user, record) -> bool:
    strategy = _strategy(record)
    return strategy is None or can_read(viewer_of(user), strategy)


@rules.predicate
def writes_strategies_somewhere(user) -> bool:
    return bool(viewer_of(user).university_ids_with(*WRITER_ROLES))


@rules.predicate
def is_staff_somewhere(user) -> bool:
    return bool(viewer_of(user).staff_university_ids)


@rules.predicate
def without_object(user, record) -> bool:
    return record is None


manager = is_network_admin | runs_office_of | coordinates_plan_unit
admin_lists = is_network_admin | (writes_strategies_somewhere & without_object)

STRATEGY_RULES = {
    "view": can_read_strategy | admin_lists,
    "add": is_network_admin | writes_strategies_somewhere,
    "change": manager | admin_lists,
    "delete": is_network_admin | runs_office_of,
}
CHILD_RULES = {
    "view": can_read_strategy | admin_lists,
    "add": rules.always_deny,  # added on the strategy's pages, through the services
    "change": manager | admin_lists,
    "delete": manager,
}

rules.add_perm("strategy.view_strategy_list", is_staff_somewhere | is_network_admin)
rules.add_perm("strategy.create_strategies", is_network_admin | writes_strategies_somewhere)
rules.add_perm("strategy.manage_strategy", manager)
rules.add_perm("strategy.report_progress", manager | owns_measure)
