"""Staff records for tests, made through the services."""

from datetime import date
from decimal import Decimal

from qogam.core.tenancy import all_universities
from qogam.projects.services import add_participant
from qogam.projects.tests.factories import make_project
from qogam.staff import services

YEAR = 2026  # 2026/27

MENTORING = {
    "name_kk": "Ауладағы жобаларға жетекшілік",
    "name_ru": "Руководство социальными проектами",
    "name_en": "Leading community projects",
    "planned_hours": Decimal(40),
    "sources": ["projects.participation"],
}
LECTURES = {
    "name_kk": "Көпшілікке арналған дәрістер",
    "name_ru": "Публичные лекции",
    "name_en": "Public lectures",
    "planned_hours": Decimal(20),
    "sources": ["projects.participation"],
    "categories": ["outreach"],
    "hours_per_item": Decimal(3),
}


def make_function(world, actor="erin", university="a", **values):
    return services.create_function(
        actor=world[actor], university=world[university], values={**MENTORING, **values}
    )


def make_position(world, actor="erin", university="a", expected=(), **values):
    base = {
        "name_kk": "Доцент",
        "name_ru": "Доцент",
        "name_en": "Associate professor",
        "workload_hours": Decimal(680),
        "third_mission_hours": Decimal(100),
    }
    return services.create_position(
        actor=world[actor],
        university=world[university],
        values={**base, **values},
        expected=list(expected),
    )


def project_with(
    world, person, *, hours=12, starts_on=date(2026, 10, 1), ends_on=date(2027, 5, 31), **values
):
    """A project of A in which `person` took part for `hours`, within academic year 2026/27
    (an open project's hours would spread over the years until today)."""
    project = make_project(world, starts_on=starts_on, ends_on=ends_on, status="running", **values)
    add_participant(actor=world["alice"], project=project, user=person, role="member", hours=hours)
    return project


def a_staff_records(world) -> dict:
    """A's catalogue (two functions), a profile expecting both and bob's assignment."""
    if "_staff_records" not in world:
        mentoring = make_function(world)
        lectures = make_function(world, **LECTURES)
        position = make_position(
            world,
            expected=[
                {"function": mentoring, "hours": Decimal(40)},
                {"function": lectures, "hours": Decimal(20)},
            ],
        )
        assignment = services.create_assignment(
            actor=world["cora"],
            values={
                "person": world["bob"],
                "unit": world["a_department"],
                "position": position,
                "year": YEAR,
            },
            lines=[
                {"function": mentoring, "planned_hours": Decimal(40)},
                {"function": lectures, "planned_hours": Decimal(20)},
            ],
        )
        with all_universities():
            line = assignment.lines.order_by("pk").first()
            expected = position.expected.order_by("pk").first()
        world["_staff_records"] = {
            "mentoring": mentoring,
            "lectures": lectures,
            "position": position,
            "assignment": assignment,
            "line": line,
            "expected": expected,
        }
    return world["_staff_records"]
