"""Values from measures, ratios, entered values, evidence items and self-assessments."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from qogam.accounts.models import Membership
from qogam.core.enums import Role
from qogam.core.measures import (
    DISTINCT,
    Measure,
    MeasureScope,
    ProvenanceRow,
    _measures,
    register_measure,
)
from qogam.core.tenancy import university_scope
from qogam.indicators import compute
from qogam.indicators.enums import (
    AssessmentStatus,
    Direction,
    IndicatorUnit,
    Method,
    PeriodType,
    TrafficLight,
    ValueStatus,
)
from qogam.indicators.models import (
    AssessmentScore,
    ManualValue,
    SelfAssessment,
    Target,
    ValueEvidence,
)
from qogam.indicators.periods import Period
from qogam.indicators.tests.records import make_indicator

YEAR = Period(PeriodType.ACADEMIC_YEAR, 2025)


def _memberships(scope: MeasureScope, role: str) -> QuerySet:
    records = Membership.objects.filter(university_id=scope.university_id, role=role)
    if scope.unit_ids is not None:
        records = records.filter(unit_id__in=scope.unit_ids)
    return records


@pytest.fixture
def test_measures():
    """Two measures over memberships, so the tests do not depend on any domain app's."""
    added = [
        register_measure(
            Measure(
                key=f"test.{role}s",
                label=role,
                description=role,
                records=lambda scope, role=role: _memberships(scope, role),
                row=lambda m: ProvenanceRow(title=str(m.user), counted=m.user_id),
                how=DISTINCT,
                counted_field="user_id",
                filters={"unit": None},
            )
        )
        for role in (Role.STUDENT, Role.STAFF)
    ]
    yield added
    for measure in added:
        _measures.pop(measure.key)


def _share(world, **values):
    defaults = {
        "code": "T-SHARE",
        "unit": IndicatorUnit.PERCENT,
        "method": Method.COMPUTED,
        "measure": "test.students",
        "denominator": "test.staffs",
        "scale": Decimal(100),
    }
    defaults.update(values)
    return make_indicator(world["a"], **defaults)


def test_compute_ratio_of_two_measures_times_scale(world, test_measures):
    # A has one student (dana) and one staff member (bob) in a_department.
    with university_scope(world["a"]):
        value = compute.evaluate_one(_share(world), university_id=world["a"].pk, period=YEAR)
    assert (value.numerator, value.denominator, value.value) == (1, 1, Decimal(100))


def test_compute_zero_denominator_is_no_data_not_zero(world, test_measures):
    with university_scope(world["a"]):
        indicator = _share(world, denominator="test.students", measure="test.staffs")
        Membership.objects.filter(role=Role.STUDENT).delete()
        value = compute.evaluate_one(indicator, university_id=world["a"].pk, period=YEAR)
    assert value.value is None
    assert value.denominator == 0
    assert "denominator is zero" in value.note
    assert value.status == TrafficLight.NONE


def test_compute_unit_counts_the_unit_and_those_beneath(world, test_measures):
    with university_scope(world["a"]):
        indicator = _share(world, denominator="", scale=Decimal(1), unit=IndicatorUnit.COUNT)
        in_faculty = compute.evaluate_one(
            indicator, university_id=world["a"].pk, period=YEAR, unit=world["a_faculty"]
        )
        elsewhere = compute.evaluate_one(
            indicator, university_id=world["a"].pk, period=YEAR, unit=world["a_network_unit"]
        )
    assert (in_faculty.value, elsewhere.value) == (1, 0)


def test_compute_provenance_recounts_to_the_value(world, test_measures):
    with university_scope(world["a"]):
        indicator = _share(world)
        measure, records = compute.provenance(
            indicator, university_id=world["a"].pk, period=YEAR, part=compute.DENOMINATOR
        )
        value = compute.evaluate_one(indicator, university_id=world["a"].pk, period=YEAR)
        assert measure.recount(list(records)) == value.denominator


def test_compute_manual_value_counts_only_once_approved(world):
    a = world["a"]
    with university_scope(a):
        indicator = make_indicator(a, code="T-MAN")
        entry = ManualValue.objects.create(
            university=a, indicator=indicator, period=YEAR.key, value=Decimal("12.5")
        )
        pending = compute.evaluate_one(indicator, university_id=a.pk, period=YEAR)
        entry.status = ValueStatus.APPROVED
        entry.save()
        Target.objects.create(university=a, indicator=indicator, period=YEAR.key, value=20)
        approved = compute.evaluate_one(indicator, university_id=a.pk, period=YEAR)
    assert pending.value is None
    assert (approved.value, approved.target, approved.status) == (
        Decimal("12.5"),
        20,
        TrafficLight.RED,
    )


@pytest.mark.parametrize(
    ("answer", "options", "evidence", "expected"),
    [
        ("no", [], [("https://a.kz/p", True)], 0),
        ("yes", [], [], 1),
        ("yes", [], [("", False)], 2),
        ("yes", [], [("https://a.kz/p", True)], 3),
        ("", ["volunteering"], [("https://a.kz/p", True)], Decimal(1) / 3 + 2),
    ],
)
def test_compute_evidence_score(world, answer, options, evidence, expected):
    a = world["a"]
    kind = "options" if options else "yes_no"
    with university_scope(a):
        indicator = make_indicator(
            a,
            code="T-EV",
            method=Method.EVIDENCE,
            unit=IndicatorUnit.SCORE,
            answer_kind=kind,
            options=[{"key": k} for k in ("volunteering", "research", "education")]
            if options
            else [],
        )
        entry = ManualValue.objects.create(
            university=a,
            indicator=indicator,
            period=YEAR.key,
            answer=answer,
            options=options,
            status=ValueStatus.APPROVED,
        )
        for url, public in evidence:
            ValueEvidence.objects.create(
                university=a,
                value=entry,
                title="e",
                url=url or "https://intranet.a.kz/x",
                is_public=public,
            )
        value = compute.evaluate_one(indicator, university_id=a.pk, period=YEAR)
    assert value.value == expected


def test_compute_assessment_reads_agreed_scores_only(world):
    a = world["a"]
    with university_scope(a):
        mean = make_indicator(
            a, code="T-KEF", method=Method.ASSESSMENT, unit=IndicatorUnit.SCORE, rubric="kef-pce"
        )
        aspect = make_indicator(
            a,
            code="T-KEF-S",
            method=Method.ASSESSMENT,
            unit=IndicatorUnit.SCORE,
            rubric="kef-pce",
            rubric_item="strategy",
        )
        assessment = SelfAssessment.objects.create(university=a, rubric="kef-pce", period=YEAR.key)
        for item, score in (("strategy", 2), ("support", 3), ("activity", 5)):
            AssessmentScore.objects.create(
                university=a, assessment=assessment, item=item, score=score
            )
        draft = compute.evaluate_one(mean, university_id=a.pk, period=YEAR)
        assessment.status = AssessmentStatus.AGREED
        assessment.save()
        values = compute.evaluate([mean, aspect], university_id=a.pk, period_for=lambda _i: YEAR)
    assert draft.value is None
    assert [v.value for v in values] == [Decimal(10) / 3, 2]


@pytest.mark.parametrize(
    ("direction", "value", "target", "light"),
    [
        (Direction.HIGHER, 10, 10, TrafficLight.GREEN),
        (Direction.HIGHER, 9, 10, TrafficLight.AMBER),
        (Direction.HIGHER, 8, 10, TrafficLight.RED),
        (Direction.LOWER, 10, 10, TrafficLight.GREEN),
        (Direction.LOWER, 11, 10, TrafficLight.AMBER),
        (Direction.LOWER, 12, 10, TrafficLight.RED),
        (Direction.HIGHER, None, 10, TrafficLight.NONE),
        (Direction.HIGHER, 5, None, TrafficLight.NONE),
    ],
)
def test_compute_traffic_light(direction, value, target, light):
    value = None if value is None else Decimal(value)
    target = None if target is None else Decimal(target)
    assert compute.traffic_light(direction, value, target) == light


def test_definition_with_unknown_measure_is_refused_by_field(world):
    with pytest.raises(ValidationError) as raised:
        make_indicator(world["a"], code="T-BAD", method=Method.COMPUTED, measure="nope.nothing")
    assert raised.value.message_dict["measure"] == ["There is no measure “nope.nothing”."]


def test_definition_with_unknown_filter_is_refused(world, test_measures):
    with pytest.raises(ValidationError) as raised:
        make_indicator(
            world["a"],
            code="T-BAD",
            method=Method.COMPUTED,
            measure="test.students",
            measure_filters={"sdg": ["4"]},
        )
    assert list(raised.value.message_dict) == ["measure_filters"]


def test_definition_own_code_may_not_hide_a_shipped_one(world):
    make_indicator(None, code="VOL-99")
    with pytest.raises(ValidationError) as raised:
        make_indicator(world["a"], code="VOL-99")
    assert list(raised.value.message_dict) == ["code"]


def test_period_keys_and_bounds():
    from qogam.indicators.periods import parse_period  # noqa: PLC0415

    quarter = parse_period(PeriodType.QUARTER, "2026-Q1")
    assert (quarter.starts_on, quarter.ends_on) == (date(2026, 1, 1), date(2026, 3, 31))
    assert quarter.shifted(-1).key == "2025-Q4"
    year = parse_period(PeriodType.ACADEMIC_YEAR, "2025/26")
    assert (year.starts_on, year.ends_on, year.shifted(1).key) == (
        date(2025, 9, 1),
        date(2026, 8, 31),
        "2026/27",
    )
    with pytest.raises(ValueError, match="2026/27"):
        parse_period(PeriodType.ACADEMIC_YEAR, "2025/27")
