"""Strategy records for tests, written through the services."""

from datetime import date
from decimal import Decimal

from qogam.projects.tests.factories import make_project
from qogam.strategy import services

# Distinctive strings: a page or an API answer that shows one to charlie has leaked.
SECRET_STRATEGY = "A Secret Strategy Title"
SECRET_MEASURE = "A Secret Measure Title"

STARTS_ON = date(2026, 1, 1)
ENDS_ON = date(2030, 12, 31)

MEASURE_TITLES = {
    "title_kk": "Еріктілер орталығын ашу",
    "title_ru": "Открыть центр волонтёров",
    "title_en": "Open a volunteering centre",
}


def make_strategy(world, actor="erin", *, unit=None, university=None, **values):
    base = {
        "title_kk": "Үшінші миссияны дамыту стратегиясы",
        "title_ru": "Стратегия развития третьей миссии",
        "title_en": "Third mission development strategy",
        "starts_on": STARTS_ON,
        "ends_on": ENDS_ON,
    }
    base.update(values)
    is_template = base.pop("is_template", False)
    return services.create_strategy(
        actor=world[actor],
        university=university or world["a"],
        unit=unit,
        values=base,
        is_template=is_template,
    )


def make_goal(world, strategy, actor="erin", *, direction_title="Community", title="Volunteering"):
    direction = services.add_direction(
        actor=world[actor],
        strategy=strategy,
        values={"title_kk": direction_title + " (kk)", "title_en": direction_title},
    )
    return services.add_goal(
        actor=world[actor],
        direction=direction,
        values={"title_kk": title + " (kk)", "title_en": title},
    )


def make_measure(world, goal, actor="erin", *, projects=None, **values):
    base = {
        **MEASURE_TITLES,
        "due_on": date(2027, 6, 30),
        "components": ["educational"],
    }
    base.update(values)
    return services.add_measure(actor=world[actor], goal=goal, values=base, projects=projects)


def a_strategy_records(world) -> dict:
    """A's private strategy with a direction, a goal, a measure owned by bob (with a project)
    and a progress note; made once per `world`."""
    if "_strategy_records" not in world:
        strategy = make_strategy(world, title_kk=SECRET_STRATEGY, title_en=SECRET_STRATEGY)
        goal = make_goal(world, strategy)
        project = make_project(world)
        measure = make_measure(
            world,
            goal,
            title_kk=SECRET_MEASURE,
            title_en=SECRET_MEASURE,
            owner=world["bob"],
            owner_unit=world["a_department"],
            starts_on=date(2026, 3, 1),
            budget=Decimal("1500000.00"),
            sdgs=[4, 11],
            indicator_codes=["VOL-01"],
            projects=[project],
        )
        note = services.add_progress_note(
            actor=world["bob"],
            measure=measure,
            on=date(2026, 4, 1),
            status="on_track",
            text="The centre's rooms are ready.",
        )
        world["_strategy_records"] = {
            "strategy": strategy,
            "direction": goal.direction,
            "goal": goal,
            "measure": measure,
            "note": note,
            "project": project,
        }
    return world["_strategy_records"]
