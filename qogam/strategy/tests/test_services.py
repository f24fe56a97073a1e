from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from qogam.core.enums import Visibility
from qogam.core.tenancy import all_universities
from qogam.projects.tests.factories import make_project
from qogam.strategy import services
from qogam.strategy.models import Direction, Goal, Measure, ProgressNote, Strategy
from qogam.strategy.tests.records import (
    ENDS_ON,
    STARTS_ON,
    a_strategy_records,
    make_goal,
    make_measure,
    make_strategy,
)


def _counts() -> tuple[int, ...]:
    with all_universities():
        return tuple(m.objects.count() for m in (Strategy, Direction, Goal, Measure, ProgressNote))


# --- Strategies ------------------------------------------------------------------------------


def test_strategy_created_by_office_is_private_to_its_university(world):
    strategy = make_strategy(world, "erin")
    assert (strategy.university, strategy.unit, strategy.visibility) == (
        world["a"],
        None,
        Visibility.PRIVATE,
    )


def test_strategy_unit_plan_by_its_coordinator_and_not_by_staff(world):
    plan = make_strategy(world, "cora", unit=world["a_department"])
    assert plan.unit == world["a_department"]
    with pytest.raises(PermissionDenied):
        make_strategy(world, "cora")  # the whole university's strategy is the office's
    with pytest.raises(PermissionDenied):
        make_strategy(world, "bob", unit=world["a_department"])
    with pytest.raises(PermissionDenied):
        make_strategy(world, "charlie")


def test_strategy_template_by_network_admin_is_network_visible(world):
    template = make_strategy(
        world, "nora", university=world["b"], is_template=True, visibility="private"
    )
    assert template.is_template
    assert template.visibility == Visibility.NETWORK
    with pytest.raises(PermissionDenied):
        make_strategy(world, "charlie", university=world["b"], is_template=True)


def test_strategy_template_changed_only_by_network_admin(world):
    template = make_strategy(world, "nora", university=world["b"], is_template=True)
    # charlie administers the university hosting the secretariat, not the network.
    assert not world["charlie"].has_perm("strategy.manage_strategy", template)
    with pytest.raises(PermissionDenied):
        services.add_direction(actor=world["charlie"], strategy=template, values={"title_kk": "X"})
    assert world["nora"].has_perm("strategy.manage_strategy", template)


def test_strategy_period_in_wrong_order_names_ends_on(world):
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        make_strategy(world, starts_on=date(2030, 1, 1), ends_on=date(2026, 1, 1))
    assert "ends_on" in caught.value.message_dict
    assert _counts() == before


def test_strategy_without_kazakh_title_names_title_kk(world):
    with pytest.raises(ValidationError) as caught:
        make_strategy(world, title_kk="")
    assert "title_kk" in caught.value.message_dict


def test_strategy_period_cannot_shrink_past_its_measures(world):
    records = a_strategy_records(world)
    strategy = records["strategy"]
    with pytest.raises(ValidationError) as caught:
        services.update_strategy(
            actor=world["erin"], strategy=strategy, values={"ends_on": date(2026, 12, 31)}
        )
    assert "ends_on" in caught.value.message_dict
    strategy.refresh_from_db()
    assert strategy.ends_on == ENDS_ON


def test_strategy_delete_by_office_only(world):
    records = a_strategy_records(world)
    with pytest.raises(PermissionDenied):
        services.delete_strategy(actor=world["bob"], strategy=records["strategy"])
    services.delete_strategy(actor=world["erin"], strategy=records["strategy"])
    assert _counts() == (0, 0, 0, 0, 0)


# --- Measures --------------------------------------------------------------------------------


def test_measure_due_outside_period_names_due_on_and_saves_nothing(world):
    strategy = make_strategy(world)
    goal = make_goal(world, strategy)
    before = _counts()
    project = make_project(world)
    with pytest.raises(ValidationError) as caught:
        make_measure(world, goal, due_on=date(2031, 3, 1), projects=[project])
    errors = caught.value.message_dict
    assert list(errors) == ["due_on"]
    assert "due within the strategy's period" in errors["due_on"][0]
    assert _counts() == before
    with all_universities():
        assert not project.strategy_measures.exists()


def test_measure_starting_before_period_names_starts_on(world):
    goal = make_goal(world, make_strategy(world))
    with pytest.raises(ValidationError) as caught:
        make_measure(world, goal, starts_on=STARTS_ON - timedelta(days=1))
    assert "starts_on" in caught.value.message_dict


def test_measure_with_other_universitys_project_names_projects(world):
    goal = make_goal(world, make_strategy(world))
    foreign = make_project(world, "charlie", lead_unit=world["b_public"])
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        make_measure(world, goal, projects=[foreign])
    assert list(caught.value.message_dict) == ["projects"]
    assert _counts() == before


def test_measure_owner_must_be_staff_of_the_university(world):
    goal = make_goal(world, make_strategy(world))
    for person in ("bianca", "dana"):
        with pytest.raises(ValidationError) as caught:
            make_measure(world, goal, owner=world[person])
        assert "owner" in caught.value.message_dict, person
    measure = make_measure(world, goal, owner=world["bob"])
    assert measure.owner == world["bob"]


def test_measure_reports_every_bad_field_at_once(world):
    goal = make_goal(world, make_strategy(world))
    with pytest.raises(ValidationError) as caught:
        make_measure(
            world,
            goal,
            title_kk="",
            components=[],
            indicator_codes=["not a code"],
            budget=Decimal("-1"),
        )
    assert {"title_kk", "components", "indicator_codes", "budget"} <= set(caught.value.message_dict)


def test_measure_added_by_staff_without_role_is_refused(world):
    goal = make_goal(world, make_strategy(world))
    with pytest.raises(PermissionDenied):
        make_measure(world, goal, "bob")


def test_measure_numbers_follow_positions(world):
    goal = make_goal(world, make_strategy(world))
    first = make_measure(world, goal)
    second = make_measure(world, goal, title_en="Second")
    assert (first.number, second.number) == ("1.1.1", "1.1.2")


# --- Progress notes --------------------------------------------------------------------------


def test_progress_note_sets_status_and_done_on(world):
    measure = a_strategy_records(world)["measure"]
    day = timezone.localdate()
    services.add_progress_note(
        actor=world["bob"], measure=measure, on=day, status="done", text="Opened."
    )
    measure.refresh_from_db()
    assert (measure.status, measure.done_on) == ("done", day)
    services.add_progress_note(
        actor=world["erin"], measure=measure, on=day, status="at_risk", text="Closed again."
    )
    measure.refresh_from_db()
    assert (measure.status, measure.done_on) == ("at_risk", None)


def test_progress_note_by_someone_else_is_refused(world):
    measure = a_strategy_records(world)["measure"]
    for person in ("dana", "charlie", "cora"):
        with pytest.raises(PermissionDenied):
            services.add_progress_note(
                actor=world[person], measure=measure, on=date(2026, 5, 1), status="done", text="x"
            )


def test_progress_note_bad_input_names_fields_and_keeps_status(world):
    measure = a_strategy_records(world)["measure"]
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        services.add_progress_note(
            actor=world["bob"],
            measure=measure,
            on=timezone.localdate() + timedelta(days=3),
            status="finished",
            text="",
        )
    assert {"on", "status", "text"} <= set(caught.value.message_dict)
    measure.refresh_from_db()
    assert measure.status == "on_track"
    assert _counts() == before


# --- Copies ----------------------------------------------------------------------------------


def _template(world):
    template = make_strategy(
        world,
        "nora",
        university=world["b"],
        is_template=True,
        title_kk="Желі үлгісі",
        title_en="Network template",
        starts_on=date(2021, 1, 1),
        ends_on=date(2025, 12, 31),
    )
    goal = make_goal(world, template, "nora")
    make_measure(
        world,
        goal,
        "nora",
        starts_on=date(2021, 2, 1),
        due_on=date(2022, 6, 30),
        indicator_codes=["VOL-01"],
        budget=Decimal("100"),
    )
    # Shifted by five years it would end after the new period: it is clipped to its end.
    make_measure(world, goal, "nora", title_en="Late", due_on=date(2025, 12, 31))
    return template


def test_copy_from_network_template_shifts_dates_into_new_period(world):
    template = _template(world)
    copy = services.copy_strategy(
        actor=world["erin"],
        source=template,
        university=world["a"],
        starts_on=date(2026, 1, 1),
        ends_on=date(2030, 6, 30),
        title={"kk": "Біздің стратегия"},
    )
    assert (copy.university, copy.copied_from, copy.is_template) == (world["a"], template, False)
    assert copy.visibility == Visibility.PRIVATE
    assert (copy.title_kk, copy.title_en) == ("Біздің стратегия", "Network template")
    with all_universities():
        measures = list(Measure.objects.filter(strategy=copy).order_by("position"))
        assert Direction.objects.filter(strategy=copy).count() == 1
        assert Goal.objects.filter(strategy=copy).count() == 1
    assert [(m.starts_on, m.due_on) for m in measures] == [
        (date(2026, 2, 1), date(2027, 6, 30)),
        (None, date(2030, 6, 30)),
    ]
    assert measures[0].indicator_codes == ["VOL-01"]
    assert measures[0].budget == Decimal("100")
    assert all(m.university == world["a"] and m.status == "not_started" for m in measures)


def test_copy_from_last_period_keeps_owners_but_not_projects_or_notes(world):
    records = a_strategy_records(world)
    services.add_progress_note(
        actor=world["bob"], measure=records["measure"], on=date(2026, 5, 1), status="done", text="!"
    )
    copy = services.copy_strategy(
        actor=world["alice"],
        source=records["strategy"],
        university=world["a"],
        starts_on=date(2031, 1, 1),
        ends_on=date(2035, 12, 31),
    )
    with all_universities():
        measure = Measure.objects.get(strategy=copy)
        assert measure.projects.count() == 0
        assert ProgressNote.objects.filter(measure=measure).count() == 0
    assert (measure.owner, measure.owner_unit) == (world["bob"], world["a_department"])
    assert (measure.starts_on, measure.due_on) == (date(2031, 3, 1), date(2032, 6, 30))
    assert (measure.status, measure.done_on) == ("not_started", None)
    assert copy.title_en == records["strategy"].title_en


def test_copy_from_another_universitys_strategy_is_refused(world):
    records = a_strategy_records(world)
    with pytest.raises(PermissionDenied):  # charlie cannot even read it
        services.copy_strategy(
            actor=world["charlie"],
            source=records["strategy"],
            university=world["b"],
            starts_on=date(2031, 1, 1),
            ends_on=date(2035, 12, 31),
        )
    with pytest.raises(ValidationError) as caught:  # nora reads it, but it is not a template
        services.copy_strategy(
            actor=world["nora"],
            source=records["strategy"],
            university=world["b"],
            starts_on=date(2031, 1, 1),
            ends_on=date(2035, 12, 31),
        )
    assert "source" in caught.value.message_dict


def test_copy_with_bad_period_saves_nothing(world):
    template = _template(world)
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        services.copy_strategy(
            actor=world["erin"],
            source=template,
            university=world["a"],
            starts_on=date(2030, 1, 1),
            ends_on=date(2026, 1, 1),
        )
    assert "ends_on" in caught.value.message_dict
    assert _counts() == before


def test_copy_by_staff_without_role_is_refused(world):
    template = _template(world)
    with pytest.raises(PermissionDenied):
        services.copy_strategy(
            actor=world["bob"],
            source=template,
            university=world["a"],
            starts_on=date(2026, 1, 1),
            ends_on=date(2030, 12, 31),
        )
