"""A demo university's third-mission catalogue, qualification profiles and one assignment.

Written through the staff services as the university's demo office (catalogue, profiles) and
the faculty's coordinator (the head who agrees the assignment), so permissions and validation
are the real ones. The demo staff login is assigned functions for this academic year; their
done hours fill themselves from the demo projects they take part in. A function is its
university and Kazakh name, a profile likewise, an assignment its person and year; a second run
writes nothing.
"""

from decimal import Decimal

from qogam.accounts.models import User
from qogam.core.periods import academic_year_of
from qogam.staff import services
from qogam.staff.models import Assignment, Function, Position

# (key, kk, ru, en, planned hours, sources, categories, hours per item)
FUNCTIONS = [
    (
        "projects",
        "Қоғамдық жобаларға қатысу",
        "Участие в социальных проектах",
        "Work on community projects",
        60,
        ["projects.participation"],
        [],
        0,
    ),
    (
        "mentoring",
        "Студенттердің волонтерлік тобына тәлімгерлік",
        "Наставничество студенческой волонтёрской группы",
        "Mentoring a student volunteer group",
        40,
        ["volunteering.supervision"],
        [],
        10,
    ),
    (
        "lectures",
        "Көпшілікке арналған дәрістер және мектептермен жұмыс",
        "Публичные лекции и работа со школами",
        "Public lectures and school outreach",
        30,
        ["projects.participation"],
        ["outreach", "open_event"],
        0,
    ),
    (
        "akimat",
        "Әкімдікке сараптамалық жұмыс",
        "Экспертная работа для акимата",
        "Expert work for an akimat",
        40,
        ["projects.participation"],
        ["consulting"],
        0,
    ),
    (
        "councils",
        "Кеңестерге мүшелік",
        "Членство в советах",
        "Council membership",
        20,
        ["councils.membership", "councils.meetings"],
        [],
        3,
    ),
    (
        "media",
        "БАҚ-та сөз сөйлеу",
        "Выступления в СМИ",
        "Media appearances",
        10,
        ["coverage.appearance"],
        [],
        2,
    ),
    (
        "research",
        "Өңір үшін зерттеулер және ғылым дүкені тақырыптарына жетекшілік",
        "Исследования для региона и руководство темами научного магазина",
        "Regional research and science-shop supervision",
        40,
        ["research.studies", "research.supervision"],
        [],
        10,
    ),
]

# (kk, ru, en, third-mission hours, {function key: hours})
POSITIONS = [
    ("Профессор", "Профессор", "Professor", 200, {"research": 60, "akimat": 60, "councils": 20}),
    (
        "Қауымдастырылған профессор",
        "Ассоциированный профессор",
        "Associate professor",
        180,
        {"projects": 60, "research": 40, "media": 10},
    ),
    (
        "Аға оқытушы",
        "Старший преподаватель",
        "Senior lecturer",
        150,
        {"projects": 60, "lectures": 30, "media": 10},
    ),
    ("Оқытушы", "Преподаватель", "Lecturer", 100, {"mentoring": 40, "lectures": 30}),
]
WORKLOAD = Decimal(1520)


def build_staff(community) -> None:
    university = community.university
    office = community.people["office"]
    existing = {f.name_kk: f for f in Function.objects.filter(university=university)}
    functions = {}
    for key, kk, ru, en, planned, sources, categories, each in FUNCTIONS:
        function = existing.get(kk)
        if function is None:
            function = services.create_function(
                actor=office,
                university=university,
                values={
                    "name_kk": kk,
                    "name_ru": ru,
                    "name_en": en,
                    "planned_hours": Decimal(planned),
                    "sources": sources,
                    "categories": categories,
                    "hours_per_item": Decimal(each),
                },
            )
            community.b.created["third-mission functions"] += 1
        functions[key] = function
    known = {p.name_kk: p for p in Position.objects.filter(university=university)}
    positions = {}
    for kk, ru, en, share, expected in POSITIONS:
        position = known.get(kk)
        if position is None:
            position = services.create_position(
                actor=office,
                university=university,
                values={
                    "name_kk": kk,
                    "name_ru": ru,
                    "name_en": en,
                    "workload_hours": WORKLOAD,
                    "third_mission_hours": Decimal(share),
                },
                expected=[
                    {"function": functions[key], "hours": Decimal(hours)}
                    for key, hours in expected.items()
                ],
            )
            community.b.created["qualification profiles"] += 1
        positions[en] = position
    _assign(community, positions["Senior lecturer"])


def _assign(community, position: Position) -> None:
    """The demo staff login's functions for this academic year, agreed by their head."""
    university = community.university
    person = User.objects.filter(email=community.email("staff")).first()
    unit = community.tree.anchor("department")
    head = community.people["coordinator"]
    if person is None or unit is None:
        return
    year = academic_year_of(community.today)
    if Assignment.objects.filter(university=university, person=person, year=year).exists():
        return
    lines = [
        {"function": expected.function, "planned_hours": expected.hours}
        for expected in position.expected.select_related("function")
    ]
    assignment = services.create_assignment(
        actor=head,
        values={"person": person, "unit": unit, "position": position, "year": year},
        lines=lines,
    )
    services.agree_assignment(actor=head, assignment=assignment)
    community.b.created["staff assignments"] += 1
