from datetime import date
from decimal import Decimal

import pytest

import qogam.core.measures
from qogam.core.measures import MeasureScope, registered_measures
from qogam.core.tenancy import university_scope
from qogam.strategy import (
    measures,  # noqa: F401
    services,
)
from qogam.strategy.tests.records import make_goal, make_measure, make_strategy

STARTS_ON = date(2026, 1, 1)
ENDS_ON = date(2026, 12, 31)


def _measure(world, goal, title, *, done_on=None, actor="erin", **values):
    measure = make_measure(world, goal, actor=actor, title_kk=title, title_en=title, **values)
    if done_on:
        measure = _done(world, measure, done_on, actor=actor)
    return measure


def _done(world, measure, on, actor="erin"):
    services.add_progress_note(actor=world[actor], measure=measure, on=on, status="done", text="✓")
    with university_scope(measure.university_id):
        measure.refresh_from_db()
    return measure


@pytest.fixture
def plans(world):
    goal = make_goal(world, make_strategy(world))
    plan = make_strategy(
        world, unit=world["a_network_unit"], ends_on=date(2027, 12, 31), title_kk="Plan"
    )
    old = make_strategy(world, starts_on=date(2020, 1, 1), ends_on=date(2025, 12, 31))
    template = make_strategy(world, actor="nora", is_template=True)
    records = {
        "m1": _measure(
            world,
            goal,
            "M1",
            due_on=date(2026, 6, 30),
            done_on=date(2026, 6, 1),
            sdgs=[4],
            owner_unit=world["a_department"],
            indicator_codes=["VOL-01"],
        ),
        # Done after it was due.
        "m2": _measure(
            world,
            goal,
            "M2",
            due_on=date(2026, 9, 30),
            done_on=date(2026, 10, 15),
            components=["research"],
            sdgs=[11],
        ),
        "m3": _measure(
            world,
            goal,
            "M3",
            due_on=date(2026, 12, 31),
            components=["educational", "innovation"],
            sdgs=[1],
        ),
        # Due after the period, in a strategy current within it.
        "m4": _measure(world, goal, "M4", due_on=date(2027, 6, 30), indicator_codes=["ENU-4"]),
        # Done on the day it was due, in a unit's plan.
        "m5": _measure(
            world,
            make_goal(world, plan),
            "M5",
            due_on=date(2026, 3, 31),
            done_on=date(2026, 3, 31),
            components=["spiritual_moral"],
        ),
        "old": _measure(
            world, make_goal(world, old), "Old", due_on=date(2025, 6, 30), indicator_codes=["X-1"]
        ),
        "template": _measure(
            world,
            make_goal(world, template, actor="nora"),
            "Template",
            actor="nora",
            due_on=date(2026, 6, 30),
            indicator_codes=["VOL-01"],
        ),
    }
    b_goal = make_goal(
        world, make_strategy(world, actor="charlie", university=world["b"]), actor="charlie"
    )
    records["b"] = _measure(
        world,
        b_goal,
        "MB",
        actor="charlie",
        due_on=date(2026, 6, 30),
        done_on=date(2026, 6, 1),
        indicator_codes=["VOL-01"],
    )
    return records


def _scope(world, unit_ids=None, university="a", **filters):
    return MeasureScope(
        university_id=world[university].pk,
        starts_on=STARTS_ON,
        ends_on=ENDS_ON,
        unit_ids=frozenset(unit_ids) if unit_ids is not None else None,
        filters={key: tuple(values) for key, values in filters.items()},
    )


def _titles(key, scope):
    measure = qogam.core.measures.measure(key)
    with university_scope(scope.university_id):
        value = measure.value(scope)
        listed = list(measure.provenance(scope))
        assert measure.recount(listed) == value == Decimal(len(listed))
        return sorted(r.title for r in listed)


def test_strategy_measures_due_count_due_in_period_outside_templates(world, plans):
    assert _titles("strategy.measures_due", _scope(world)) == ["M1", "M2", "M3", "M5"]
    assert _titles("strategy.measures_due", _scope(world, university="b")) == ["MB"]


def test_strategy_measures_due_value(world, plans):
    measure = qogam.core.measures.measure("strategy.measures_due")
    with university_scope(world["a"]):
        assert measure.value(_scope(world)) == Decimal(4)


def test_strategy_measures_due_filter_by_component_sdg_and_unit(world, plans):
    assert _titles("strategy.measures_due", _scope(world, component=["educational"])) == [
        "M1",
        "M3",
    ]
    assert _titles("strategy.measures_due", _scope(world, sdg=["1"])) == ["M3"]
    assert _titles("strategy.measures_due", _scope(world, sdg=["11", "4"])) == ["M1", "M2"]
    department = [world["a_department"].pk]
    assert _titles("strategy.measures_due", _scope(world, unit_ids=department)) == ["M1"]
    network = [world["a_network_unit"].pk]
    assert _titles("strategy.measures_due", _scope(world, unit_ids=network)) == ["M5"]


def test_strategy_measures_done_on_time_count_done_by_due_date(world, plans):
    assert _titles("strategy.measures_done_on_time", _scope(world)) == ["M1", "M5"]
    assert _titles("strategy.measures_done_on_time", _scope(world, university="b")) == ["MB"]
    scope = _scope(world, component=["research"])
    assert _titles("strategy.measures_done_on_time", scope) == []


def test_strategy_measures_with_indicators_count_current_plans(world, plans):
    assert _titles("strategy.measures_with_indicators", _scope(world)) == ["M1", "M4"]
    assert _titles("strategy.measures_with_indicators", _scope(world, university="b")) == ["MB"]


def test_strategy_measures_row_numbers_and_names_indicators(world, plans):
    measure = qogam.core.measures.measure("strategy.measures_with_indicators")
    row = measure.row(plans["m4"])
    assert (row.title, row.url, row.on, row.detail) == (
        "1.1.4. M4",
        plans["m4"].get_absolute_url(),
        date(2027, 6, 30),
        "Third mission development strategy · Not started · ENU-4",
    )


def test_strategy_measures_name_unknown_filters(world):
    measure = qogam.core.measures.measure("strategy.measures_due")
    assert measure.filter_errors({"kind": ["x"]}) == [
        "The measure “strategy measures due” cannot be filtered by “kind”."
    ]
    assert measure.filter_errors({"component": ["sports"]}) == [
        "“sports” is not a choice of the filter “Model 4.0 component”."
    ]
    assert measure.filter_errors({"component": ["research"], "sdg": ["4"], "unit": ["1"]}) == []


def test_strategy_measures_list_rows_in_constant_queries(world, django_assert_max_num_queries):
    strategy = make_strategy(world)
    for direction in range(2):
        goal = make_goal(world, strategy, direction_title=f"D{direction}")
        for number in range(3):
            _measure(
                world,
                goal,
                f"M{direction}.{number}",
                due_on=date(2026, 6, 30),
                done_on=date(2026, 6, 1),
                indicator_codes=["VOL-01"],
            )
    keys = [m.key for m in registered_measures() if m.key.startswith("strategy.")]
    assert len(keys) == 3
    with university_scope(world["a"]):
        for key in keys:
            measure = qogam.core.measures.measure(key)
            with django_assert_max_num_queries(1):
                rows = [measure.row(r) for r in measure.provenance(_scope(world))]
            assert len(rows) == 6
