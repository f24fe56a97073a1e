"""A demo university's development strategy, and the network's strategy template.

Written through the strategy services as the university's demo administrator, so permissions,
validation and the audit trail are the real ones. The period runs from the start of last year
to the end of the year after next, so the demo is believable on any day: one measure done, one
overdue and at risk, the rest ahead. A strategy is its university and Kazakh title; a second run
writes nothing.
"""

from datetime import date, timedelta

from qogam.accounts.models import User
from qogam.core.enums import Component
from qogam.projects.enums import ProjectStatus
from qogam.projects.models import Project
from qogam.strategy import services
from qogam.strategy.enums import MeasureStatus
from qogam.strategy.models import Strategy

TITLE = {
    "title_kk": "Үшінші миссияны дамыту стратегиясы",
    "title_ru": "Стратегия развития третьей миссии",
    "title_en": "Third-mission development strategy",
}
SUMMARY = {
    "summary_kk": "Университеттің қала мен өңірге қызметі: қажеттіліктер, волонтерлік.",
    "summary_ru": "Служение университета городу и региону: потребности, волонтёрство, кадры.",
    "summary_en": "The university's service to its city and region: needs, volunteering, staff.",
}

# (direction, [(goal, [measure, ...]), ...]); a measure's "due" and "starts" are days from
# today, "owner" a demo login, "projects" how many of the university's running projects.
PLAN = [
    (
        (
            "Қала үшін ашық университет",
            "Открытый университет для города",
            "Open university for the city",
        ),
        [
            (
                (
                    "Қоғам қажеттіліктеріне жауап беру",
                    "Отвечать на потребности общества",
                    "Answer the community's needs",
                ),
                [
                    {
                        "title": (
                            "Қажеттіліктерді қабылдау орнын ашып, әрқайсысына 180 күнде жауап беру",
                            "Открыть приём потребностей и отвечать на каждую в течение 180 дней",
                            "Open the needs desk and answer each need within 180 days",
                        ),
                        "owner": "office",
                        "starts": -300,
                        "due": -150,
                        "budget": 2_000_000,
                        "components": [Component.SPIRITUAL_MORAL, Component.EDUCATIONAL],
                        "sdgs": [11, 17],
                        "indicators": ["NEED-180"],
                        "status": MeasureStatus.DONE,
                        "note": (
                            "Орын ашылды; қажеттіліктердің 80%-ына 180 күнде жауап берілді.",
                            "Приём открыт; на 80% потребностей ответили в течение 180 дней.",
                            "The desk is open; 80% of needs were answered within 180 days.",
                        ),
                        "projects": 0,
                    },
                    {
                        "title": (
                            "Жыл сайын әкімдікпен кемінде үш бірлескен жоба",
                            "Не менее трёх совместных проектов с акиматом ежегодно",
                            "At least three joint projects with the akimat every year",
                        ),
                        "owner": "coordinator",
                        "starts": -200,
                        "due": 400,
                        "budget": 6_500_000,
                        "components": [Component.RESEARCH, Component.INNOVATION],
                        "sdgs": [11, 16, 17],
                        "indicators": ["AGR-LEB", "PRJ-PARTNER"],
                        "status": MeasureStatus.ON_TRACK,
                        "note": (
                            "Екі жоба жүріп жатыр, үшіншісі әкімдікпен келісілуде.",
                            "Два проекта идут, третий согласуется с акиматом.",
                            "Two projects are running; the third is being agreed with the akimat.",
                        ),
                        "projects": 2,
                    },
                ],
            ),
            (
                (
                    "Студенттер қоғамға қызмет етеді",
                    "Студенты служат обществу",
                    "Students serve the community",
                ),
                [
                    {
                        "title": (
                            "Әр факультетте қызмет арқылы оқыту курсы",
                            "Курс обучения через служение на каждом факультете",
                            "A service-learning course in every faculty",
                        ),
                        "owner": "coordinator",
                        "starts": -250,
                        "due": -40,
                        "budget": 1_500_000,
                        "components": [Component.EDUCATIONAL],
                        "sdgs": [4],
                        "indicators": ["VOL-01"],
                        "status": MeasureStatus.AT_RISK,
                        "note": (
                            "Екі факультетте курс бар; қалғандарында оқытушылар жетіспейді.",
                            "Курс есть на двух факультетах; на других не хватает преподавателей.",
                            "Two faculties run the course; the others lack teachers for it.",
                        ),
                        "projects": 1,
                    },
                ],
            ),
        ],
    ),
    (
        ("Қызметкерлер және үшінші миссия", "Кадры и третья миссия", "Staff and the third mission"),
        [
            (
                (
                    "Әр лауазым бейінінде үшінші миссия функциялары",
                    "Функции третьей миссии в каждом профиле должности",
                    "Third-mission functions in every job profile",
                ),
                [
                    {
                        "title": (
                            "Оқытушылардың біліктілік бейіндерін қайта қарау",
                            "Пересмотреть квалификационные профили преподавателей",
                            "Review the qualification profiles of teaching staff",
                        ),
                        "owner": "admin",
                        "starts": -100,
                        "due": 60,
                        "budget": None,
                        "components": [Component.EDUCATIONAL, Component.SPIRITUAL_MORAL],
                        "sdgs": [4, 8],
                        "indicators": [],
                        "status": MeasureStatus.ON_TRACK,
                        "note": None,
                        "projects": 0,
                    },
                    {
                        "title": (
                            "Үшінші миссия туралы жылдық есепті жариялау",
                            "Опубликовать годовой отчёт о третьей миссии",
                            "Publish the annual third-mission report",
                        ),
                        "owner": "office",
                        "starts": None,
                        "due": 300,
                        "budget": 400_000,
                        "components": [Component.SPIRITUAL_MORAL],
                        "sdgs": [17],
                        "indicators": [],
                        "status": MeasureStatus.NOT_STARTED,
                        "note": None,
                        "projects": 0,
                    },
                ],
            ),
        ],
    ),
]


def _texts(field: str, values: tuple[str, str, str]) -> dict[str, str]:
    return {f"{field}_{code}": text for code, text in zip(("kk", "ru", "en"), values, strict=True)}


def period(today: date) -> tuple[date, date]:
    return date(today.year - 1, 1, 1), date(today.year + 2, 12, 31)


def _fill(community, strategy: Strategy, actor, people: dict[str, User]) -> None:
    today = community.today
    running = list(
        Project.objects.filter(
            university=strategy.university, status=ProjectStatus.RUNNING
        ).order_by("pk")
    )
    for direction_texts, goals in PLAN:
        direction = services.add_direction(
            actor=actor, strategy=strategy, values=_texts("title", direction_texts)
        )
        for goal_texts, measures in goals:
            goal = services.add_goal(
                actor=actor, direction=direction, values=_texts("title", goal_texts)
            )
            for spec in measures:
                values = {
                    **_texts("title", spec["title"]),
                    "owner": people[spec["owner"]],
                    "starts_on": today + timedelta(days=spec["starts"])
                    if spec["starts"] is not None
                    else None,
                    "due_on": today + timedelta(days=spec["due"]),
                    "budget": spec["budget"],
                    "components": list(spec["components"]),
                    "sdgs": list(spec["sdgs"]),
                    "indicator_codes": list(spec["indicators"]),
                }
                measure = services.add_measure(
                    actor=actor, goal=goal, values=values, projects=running[: spec["projects"]]
                )
                community.b.created["strategy measures"] += 1
                if spec["note"]:
                    owner = people[spec["owner"]]
                    services.add_progress_note(
                        actor=owner,
                        measure=measure,
                        on=min(today, measure.due_on),
                        status=spec["status"],
                        text=spec["note"][("kk", "ru", "en").index(owner.language)],
                    )


def build_strategy(community) -> None:
    university = community.university
    if Strategy.objects.filter(university=university, title_kk=TITLE["title_kk"]).exists():
        return
    people = dict(community.people)
    admin = people["admin"]
    starts_on, ends_on = period(community.today)
    strategy = services.create_strategy(
        actor=admin,
        university=university,
        values={**TITLE, **SUMMARY, "starts_on": starts_on, "ends_on": ends_on},
    )
    community.b.created["strategies"] += 1
    _fill(community, strategy, admin, people)


TEMPLATE_TITLE = {
    "title_kk": "Үшінші миссия стратегиясының үлгісі",
    "title_ru": "Типовая стратегия третьей миссии",
    "title_en": "Model third-mission strategy",
}
TEMPLATE_SUMMARY = {
    "summary_kk": "Желінің ұсынымдарына сәйкес үлгі; мүше университеттер көшіріп, бейімдейді.",
    "summary_ru": "Типовая стратегия по рекомендациям сети; университеты копируют и дополняют её.",
    "summary_en": "A model following the network's recommendations; members copy and adapt it.",
}


def build_strategy_template(builder, university, network_admin: User, today: date) -> None:
    """The network's model strategy, at the secretariat's university, for members to copy."""
    if Strategy.objects.filter(university=university, is_template=True).exists():
        return
    starts_on, ends_on = period(today)
    strategy = services.create_strategy(
        actor=network_admin,
        university=university,
        values={**TEMPLATE_TITLE, **TEMPLATE_SUMMARY, "starts_on": starts_on, "ends_on": ends_on},
        is_template=True,
    )
    builder.created["strategies"] += 1
    for direction_texts, goals in PLAN:
        direction = services.add_direction(
            actor=network_admin, strategy=strategy, values=_texts("title", direction_texts)
        )
        for goal_texts, measures in goals:
            goal = services.add_goal(
                actor=network_admin, direction=direction, values=_texts("title", goal_texts)
            )
            for spec in measures:
                services.add_measure(
                    actor=network_admin,
                    goal=goal,
                    values={
                        **_texts("title", spec["title"]),
                        "due_on": max(starts_on, today + timedelta(days=spec["due"])),
                        "components": list(spec["components"]),
                        "sdgs": list(spec["sdgs"]),
                        "indicator_codes": list(spec["indicators"]),
                    },
                )
                builder.created["strategy measures"] += 1
