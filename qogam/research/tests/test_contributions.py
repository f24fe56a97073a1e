"""The research sources for the staff roll-up: studies written, science-shop topics supervised."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_user
from qogam.accounts.services import grant_membership
from qogam.core.contributions import contribution_source, contributions_of
from qogam.core.enums import Role
from qogam.needs import services as need_services
from qogam.needs.tests.factories import post_need, published_need
from qogam.research import services
from qogam.research.contributions import (
    STUDIES,
    SUPERVISION,
    study_contributions,
    supervision_contributions,
)
from qogam.research.tests.records import make_question, make_study, study_values

# The academic year 2025/26; the studies' dates are fixed, the topics' are today's.
START, END = date(2025, 9, 1), date(2026, 8, 31)


def _around_today(days: int = 30):
    today = timezone.localdate()
    return today - timedelta(days=days), today + timedelta(days=days)


def _person(world, name: str, role=Role.STAFF, university="a"):
    world[name] = make_user(f"{name}@example.kz", name.capitalize())
    grant_membership(actor=None, user=world[name], university=world[university], role=role)
    return world[name]


def _sources_of(world, people) -> set[str]:
    return {c.source for c in contributions_of(world["a"].pk, people, START, END)}


def _taken_question(world, supervisor="bob", student="dana", need=None, actor="erin", **values):
    question = make_question(world, need=need, actor=actor, supervisor=world[supervisor], **values)
    taker = services.take_question(actor=world[student], question=question)
    services.confirm_taker(actor=world[supervisor], taker=taker)
    return question


def test_research_sources_registered_in_order(db):
    assert contribution_source(STUDIES).order == 40
    assert contribution_source(SUPERVISION).order == 41
    assert "completed" in [v for v, _label in contribution_source(STUDIES).categories()]
    assert "bachelor_thesis" in [v for v, _label in contribution_source(SUPERVISION).categories()]


def test_studies_ongoing_in_the_period_count_for_their_authors(world):
    study = make_study(world, authors=[world["bob"], world["cora"]])
    found = study_contributions(world["a"].pk, [world["bob"].pk], START, END)
    assert len(found) == 1
    (one,) = found
    assert (one.person_id, one.source, one.on) == (world["bob"].pk, STUDIES, date(2026, 2, 1))
    assert (one.title, str(one.role), one.url) == (
        "A study of Aqtobe's water",
        "Author",
        study.get_absolute_url(),
    )
    assert (one.category, one.hours) == ("ongoing", None)
    assert _sources_of(world, [world["bob"].pk]) >= {STUDIES}


def test_studies_outside_the_period_or_only_planned_do_not_count(world):
    make_study(
        world,
        authors=[world["bob"]],
        starts_on=date(2024, 1, 1),
        ends_on=date(2025, 6, 30),
        status="completed",
    )
    make_study(world, authors=[world["bob"]], starts_on=date(2026, 9, 1), ends_on=None)
    make_study(world, authors=[world["bob"]], status="planned")
    make_study(world, authors=[world["cora"]])  # bob is not its author
    assert study_contributions(world["a"].pk, [world["bob"].pk], START, END) == []


def test_studies_ended_earlier_count_by_an_output_published_in_the_period(world):
    study = make_study(
        world,
        authors=[world["bob"]],
        starts_on=date(2024, 1, 1),
        ends_on=date(2025, 6, 30),
        status="completed",
    )
    for published_on in (date(2025, 5, 1), date(2025, 11, 20), date(2026, 3, 1)):
        services.add_output(
            actor=world["erin"],
            study=study,
            values={
                "kind": "article",
                "title_kk": "Мақала",
                "url": "https://example.kz/article",
                "published_on": published_on,
            },
        )
    (found,) = study_contributions(world["a"].pk, [world["bob"].pk], START, END)
    assert (found.on, found.category) == (date(2025, 11, 20), "completed")


def test_studies_other_universitys_people_are_not_returned(world):
    make_study(world, authors=[world["bob"]])
    services.save_study(
        actor=world["charlie"],
        university=world["b"],
        values=study_values(world, lead_unit=world["b_private"], title_kk="Б зерттеуі"),
        authors=[world["bianca"]],
    )
    asked = [world["bob"].pk, world["bianca"].pk]
    assert [c.person_id for c in study_contributions(world["a"].pk, asked, START, END)] == [
        world["bob"].pk
    ]
    assert [c.person_id for c in study_contributions(world["b"].pk, asked, START, END)] == [
        world["bianca"].pk
    ]


def test_supervision_taken_topic_counts_for_its_supervisor(world):
    question = _taken_question(world)
    start, end = _around_today()
    (found,) = supervision_contributions(world["a"].pk, [world["bob"].pk], start, end)
    assert (found.person_id, found.source, found.url) == (
        world["bob"].pk,
        SUPERVISION,
        question.get_absolute_url(),
    )
    assert found.title == "How safe are the courtyard playgrounds?"
    assert (found.role, found.category, found.hours) == (
        "Supervisor of 1 student",
        "bachelor_thesis",
        None,
    )
    assert found.on == max(timezone.localdate(), start)


def test_supervision_open_withdrawn_or_other_peoples_topics_do_not_count(world):
    make_question(world)  # open: nobody took it
    withdrawn = _taken_question(world)
    services.withdraw_question(actor=world["erin"], question=withdrawn)
    _person(world, "sam")
    _taken_question(world, supervisor="sam")
    start, end = _around_today()
    assert supervision_contributions(world["a"].pk, [world["bob"].pk], start, end) == []


def test_supervision_outside_the_period_does_not_count(world):
    question = _taken_question(world)
    services.complete_question(
        actor=world["bob"], question=question, summary={"kk": "Қорытынды", "en": "Findings"}
    )
    today = timezone.localdate()
    people = [world["bob"].pk]
    # Taken only after a period in the past; completed before a period in the future.
    past = (today - timedelta(days=400), today - timedelta(days=30))
    future = (today + timedelta(days=1), today + timedelta(days=300))
    assert supervision_contributions(world["a"].pk, people, *past) == []
    assert supervision_contributions(world["a"].pk, people, *future) == []
    (found,) = supervision_contributions(world["a"].pk, people, *_around_today())
    assert found.category == "bachelor_thesis"


def test_supervision_other_universitys_people_are_not_returned(world):
    _taken_question(world)
    _person(world, "boris", role=Role.STUDENT, university="b")
    b_need = need_services.moderate_need(
        actor=world["charlie"],
        need=post_need(world["b"], poster=world["bianca"]),
        publish=True,
    )
    _taken_question(
        world,
        supervisor="bianca",
        student="boris",
        need=b_need,
        actor="charlie",
        unit=world["b_private"],
    )
    start, end = _around_today()
    asked = [world["bob"].pk, world["bianca"].pk]
    assert [c.person_id for c in supervision_contributions(world["a"].pk, asked, start, end)] == [
        world["bob"].pk
    ]
    assert [c.person_id for c in supervision_contributions(world["b"].pk, asked, start, end)] == [
        world["bianca"].pk
    ]


def test_research_sources_query_count_does_not_grow_with_people(world):
    people = [_person(world, f"staff{n}") for n in range(5)]
    need = published_need(world)
    for n in range(len(people)):
        make_study(world, authors=people, title_kk=f"Зерттеу {n}")
        _taken_question(world, supervisor=f"staff{n}", need=need)
    start, end = _around_today()
    for source, period in (
        (study_contributions, (START, END)),
        (supervision_contributions, (start, end)),
    ):
        with CaptureQueriesContext(connection) as one:
            few = source(world["a"].pk, [people[0].pk], *period)
        with CaptureQueriesContext(connection) as five:
            many = source(world["a"].pk, [p.pk for p in people], *period)
        assert 0 < len(few) < len(many)
        assert len(five.captured_queries) == len(one.captured_queries) == 1
