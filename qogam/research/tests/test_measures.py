from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

import qogam.core.measures
from qogam.accounts.models import User
from qogam.accounts.services import grant_membership
from qogam.core.enums import Role
from qogam.core.measures import MeasureScope, registered_measures
from qogam.core.tenancy import all_universities, university_scope
from qogam.needs import services as need_services
from qogam.needs.tests.factories import post_need, published_need
from qogam.partners.tests.records import make_partner
from qogam.research import (
    measures,  # noqa: F401
    services,
)
from qogam.research.models import QuestionTaker
from qogam.research.tests.records import make_question, make_study, question_values, study_values

STARTS_ON = date(2026, 1, 1)
ENDS_ON = date(2026, 6, 30)
NOTE = {"kk": "Ұсыныстар қабылданды", "ru": "", "en": ""}


def _student(world, name, university="a"):
    with all_universities():
        user = User.objects.create_user(f"{name}@example.kz", "pw-for-tests", full_name=name)
        grant_membership(actor=None, user=user, university=world[university], role=Role.STUDENT)
    return user


def _output(world, study, kind, published_on, actor="erin"):
    return services.add_output(
        actor=world[actor],
        study=study,
        values={
            "kind": kind,
            "title_kk": f"{kind} {published_on}",
            "url": "https://example.kz/output",
            "published_on": published_on,
        },
    )


def _take(question, student, day):
    taker = services.take_question(actor=student, question=question)
    with all_universities():
        QuestionTaker.objects.filter(pk=taker.pk).update(
            created_at=timezone.make_aware(datetime(day.year, day.month, day.day, 12))
        )
    return taker


@pytest.fixture
def research(world):
    business = make_partner(world, kind="business", name_kk="Кәсіпорын")
    akimat = make_partner(world, kind="akimat", name_kk="Әкімдік")
    s1 = make_study(
        world,
        title_kk="S1",
        partner=business,
        units=[world["a_network_unit"]],
        starts_on=date(2026, 2, 1),
        ends_on=date(2026, 12, 1),
        sdgs=[6, 11],
    )
    services.record_uptake(
        actor=world["erin"], study=s1, uptake="taken_up", note=NOTE, on=date(2026, 5, 1)
    )
    # Ended before the period; its uptake became known within it.
    s2 = make_study(
        world,
        title_kk="S2",
        lead_unit=world["a_department"],
        starts_on=date(2025, 3, 1),
        ends_on=date(2025, 12, 31),
        status="completed",
        sdgs=[4],
    )
    services.record_uptake(
        actor=world["erin"], study=s2, uptake="partly", note=NOTE, on=date(2026, 3, 1)
    )
    s3 = make_study(
        world,
        title_kk="S3",
        partner=akimat,
        lead_unit=world["a_network_unit"],
        starts_on=date(2025, 9, 1),
        ends_on=None,
        sdgs=[1],
    )
    services.record_uptake(
        actor=world["erin"], study=s3, uptake="not_taken_up", note=NOTE, on=date(2026, 2, 1)
    )
    s4 = make_study(world, title_kk="S4", starts_on=date(2026, 8, 1), ends_on=None, sdgs=[11])
    outputs = [
        _output(world, s1, "report", date(2026, 3, 1)),
        _output(world, s1, "article", date(2026, 4, 1)),
        _output(world, s1, "dataset", date(2025, 11, 1)),
        _output(world, s1, "policy_brief", None),
        _output(world, s3, "report", date(2026, 6, 30)),
    ]
    need = published_need(world)
    second = _student(world, "erlan")
    q1 = make_question(world, need=need, question_kk="Q1", question_en="Q1")
    _take(q1, world["dana"], date(2026, 2, 1))
    _take(q1, second, date(2026, 3, 1))
    q2 = make_question(
        world, need=need, question_kk="Q2", kind="master_thesis", unit=world["a_faculty"]
    )
    _take(q2, world["dana"], date(2025, 12, 1))
    _take(q2, second, date(2026, 2, 1))
    q3 = make_question(world, need=need, question_kk="Q3")
    _take(q3, world["dana"], date(2026, 7, 10))
    make_question(world, need=need, question_kk="Q4")

    sb = services.save_study(
        actor=world["charlie"],
        university=world["b"],
        values=study_values(world, title_kk="SB", lead_unit=world["b_public"]),
    )
    services.record_uptake(
        actor=world["charlie"], study=sb, uptake="taken_up", note=NOTE, on=date(2026, 5, 1)
    )
    _output(world, sb, "report", date(2026, 3, 1), actor="charlie")
    b_need = post_need(world["b"], poster=world["bianca"])
    b_need = need_services.moderate_need(actor=world["charlie"], need=b_need, publish=True)
    qb = services.create_question(
        actor=world["charlie"],
        need=b_need,
        values=question_values(world, unit=world["b_public"], supervisor=world["bianca"]),
    )
    _take(qb, _student(world, "bota", university="b"), date(2026, 2, 1))
    return {
        "s1": s1,
        "s2": s2,
        "s3": s3,
        "s4": s4,
        "sb": sb,
        "q1": q1,
        "qb": qb,
        "outputs": outputs,
    }


def _scope(world, unit_ids=None, university="a", **filters):
    return MeasureScope(
        university_id=world[university].pk,
        starts_on=STARTS_ON,
        ends_on=ENDS_ON,
        unit_ids=frozenset(unit_ids) if unit_ids is not None else None,
        filters={key: tuple(values) for key, values in filters.items()},
    )


def _value(key, scope):
    measure = qogam.core.measures.measure(key)
    with university_scope(scope.university_id):
        value = measure.value(scope)
        listed = list(measure.provenance(scope))
        assert measure.recount(listed) == value
        assert all(measure.row(record).url for record in listed)
    return value


def _listed(key, scope):
    measure = qogam.core.measures.measure(key)
    with university_scope(scope.university_id):
        return sorted(r.pk for r in measure.provenance(scope))


def test_research_studies_count_studies_overlapping_period(world, research):
    assert _listed("research.studies", _scope(world)) == sorted(
        [research["s1"].pk, research["s3"].pk]
    )
    assert _value("research.studies", _scope(world)) == Decimal(2)
    assert _listed("research.studies", _scope(world, university="b")) == [research["sb"].pk]


def test_research_studies_filter_by_sdg_and_partner_kind(world, research):
    assert _listed("research.studies", _scope(world, sdg=["11"])) == [research["s1"].pk]
    # SDG 1 is not SDG 11.
    assert _listed("research.studies", _scope(world, sdg=["1"])) == [research["s3"].pk]
    assert _value("research.studies", _scope(world, sdg=["2"])) == Decimal(0)
    assert _value("research.studies", _scope(world, partner_kind=["business"])) == Decimal(1)
    assert _value("research.studies", _scope(world, partner_kind=["ngo"])) == Decimal(0)


def test_research_studies_filter_by_lead_or_other_unit_once(world, research):
    network = world["a_network_unit"].pk
    assert _value("research.studies", _scope(world, unit_ids=[network])) == Decimal(2)
    both = [network, world["a_faculty"].pk]
    assert _value("research.studies", _scope(world, unit_ids=both)) == Decimal(2)
    department = [world["a_department"].pk]
    assert _value("research.studies", _scope(world, unit_ids=department)) == Decimal(0)


def test_research_studies_taken_up_count_uptake_known_in_period(world, research):
    assert _listed("research.studies_taken_up", _scope(world)) == sorted(
        [research["s1"].pk, research["s2"].pk]
    )
    assert _value("research.studies_taken_up", _scope(world)) == Decimal(2)
    department = [world["a_department"].pk]
    assert _value("research.studies_taken_up", _scope(world, unit_ids=department)) == Decimal(1)
    assert _value("research.studies_taken_up", _scope(world, university="b")) == Decimal(1)


def test_research_outputs_count_published_in_period(world, research):
    assert _value("research.outputs", _scope(world)) == Decimal(3)
    assert _value("research.outputs", _scope(world, kind=["report"])) == Decimal(2)
    assert _value("research.outputs", _scope(world, partner_kind=["business"])) == Decimal(2)
    assert _value("research.outputs", _scope(world, sdg=["1"])) == Decimal(1)
    assert _value("research.outputs", _scope(world, university="b")) == Decimal(1)


def test_research_questions_taken_count_first_taking_in_period(world, research):
    assert _listed("research.questions_taken", _scope(world)) == [research["q1"].pk]
    assert _value("research.questions_taken", _scope(world)) == Decimal(1)
    assert _value("research.questions_taken", _scope(world, kind=["master_thesis"])) == Decimal(0)
    faculty = [world["a_faculty"].pk]
    assert _value("research.questions_taken", _scope(world, unit_ids=faculty)) == Decimal(0)
    assert _listed("research.questions_taken", _scope(world, university="b")) == [research["qb"].pk]


def test_research_questions_taken_row_dates_first_taking(world, research):
    measure = qogam.core.measures.measure("research.questions_taken")
    with university_scope(world["a"]):
        row = measure.row(measure.provenance(_scope(world)).get())
    assert (row.title, row.on, row.detail) == ("Q1", date(2026, 2, 1), "Bachelor's thesis · Open")


def test_research_measures_name_unknown_filters(world):
    measure = qogam.core.measures.measure("research.outputs")
    assert measure.filter_errors({"component": ["research"]}) == [
        "The measure “study outputs published” cannot be filtered by “Model 4.0 component”."
    ]
    assert measure.filter_errors({"kind": ["poem"], "sdg": ["18"]}) == [
        "“poem” is not a choice of the filter “kind”.",
        "“18” is not a choice of the filter “Sustainable Development Goal”.",
    ]
    assert measure.filter_errors({"kind": ["report"], "partner_kind": ["business"]}) == []


def test_research_measures_list_rows_in_constant_queries(world, django_assert_max_num_queries):
    need = published_need(world)
    students = [_student(world, f"student{n}") for n in range(3)]
    for n in range(4):
        study = make_study(world, title_kk=f"Study {n}", starts_on=date(2026, 2, 1))
        services.record_uptake(
            actor=world["erin"], study=study, uptake="taken_up", note=NOTE, on=date(2026, 5, 1)
        )
        _output(world, study, "report", date(2026, 3, 1))
        question = make_question(world, need=need, question_kk=f"Q {n}")
        for student in students:
            _take(question, student, date(2026, 2, 1))
    keys = [m.key for m in registered_measures() if m.key.startswith("research.")]
    assert len(keys) == 4
    with university_scope(world["a"]):
        for key in keys:
            measure = qogam.core.measures.measure(key)
            with django_assert_max_num_queries(1):
                rows = [measure.row(r) for r in measure.provenance(_scope(world))]
            assert len(rows) == 4
