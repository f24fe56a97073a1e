"""Self-assessments: starting, scoring within the word limit, agreeing, the history, and the
agreed mean feeding an assessment indicator."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from qogam.core.tenancy import all_universities, university_scope
from qogam.indicators import compute
from qogam.indicators.enums import AssessmentStatus, IndicatorUnit, Method
from qogam.indicators.models import AssessmentScore, SelfAssessment
from qogam.indicators.periods import parse_period
from qogam.indicators.rubrics import KEF_PCE, TEFCE
from qogam.indicators.services import assessments
from qogam.indicators.services.assessments import ScoreInput
from qogam.indicators.tests.records import make_indicator


def _start(world, rubric="kef-pce", period="2025/26", actor="erin", panel=("bob",)):
    return assessments.start_assessment(
        actor=world[actor],
        university=world["a"],
        rubric_key=rubric,
        period=period,
        panel=[world[name] for name in panel],
        external_panellists="Aigerim, Aqtobe city akimat",
    )


def _kef_scores(*scores):
    return {
        item.key: ScoreInput(score, narrative="Steady work.", evidence="https://example.kz/x")
        for item, score in zip(KEF_PCE.items, scores, strict=True)
    }


def _scored(world, scores=(1, 2, 3, 4, 5), **start):
    assessment = _start(world, **start)
    return assessments.save_assessment(
        actor=world["erin"],
        assessment=assessment,
        scores=_kef_scores(*scores),
        narrative="We engage.",
    )


def _fresh(assessment) -> SelfAssessment:
    with all_universities():
        return SelfAssessment.objects.get(pk=assessment.pk)


def test_start_assessment_cora_refused(world):
    with pytest.raises(PermissionDenied):
        _start(world, actor="cora")


def test_start_assessment_panel_from_other_university_refused(world):
    with pytest.raises(ValidationError) as exc:
        _start(world, panel=("bob", "charlie"))
    assert list(exc.value.message_dict) == ["panel"]
    with all_universities():
        assert SelfAssessment.objects.count() == 0


def test_start_assessment_bad_year_names_period(world):
    with pytest.raises(ValidationError) as exc:
        _start(world, period="2025")
    assert exc.value.message_dict == {"period": ["Write an academic year as 2026/27."]}


def test_save_assessment_over_word_limit_names_field_and_count(world):
    assessment = _start(world)
    long = " ".join(["word"] * (KEF_PCE.word_limit - 3))
    with pytest.raises(ValidationError) as exc:
        assessments.save_assessment(
            actor=world["erin"],
            assessment=assessment,
            scores=_kef_scores(3, 3, 3, 3, 3),  # five narratives of two words
            narrative=long,
        )
    assert exc.value.message_dict == {
        "narrative": ["The narratives have 2007 words together; the limit is 2000."]
    }
    with all_universities():
        assert AssessmentScore.objects.filter(assessment=assessment).count() == 0


def test_word_count_counts_hyphenated_words_once():
    assert assessments.word_count("Co-created work, with партнёрами.", "Two more") == 6


def test_agree_assessment_needs_every_aspect(world):
    assessment = _start(world)
    assessments.save_assessment(
        actor=world["erin"],
        assessment=assessment,
        scores={"strategy": ScoreInput(3)},
    )
    with pytest.raises(ValidationError) as exc:
        assessments.agree_assessment(actor=world["erin"], assessment=assessment)
    assert exc.value.message_dict == {
        "scores": ["Score every aspect before agreeing: 4 are not scored."]
    }
    assert _fresh(assessment).status == AssessmentStatus.DRAFT


def test_agreed_mean_feeds_the_assessment_indicator(world):
    mean = make_indicator(
        world["a"],
        code="A-KEF",
        unit=IndicatorUnit.SCORE,
        method=Method.ASSESSMENT,
        rubric="kef-pce",
    )
    aspect = make_indicator(
        world["a"],
        code="A-KEF-S",
        unit=IndicatorUnit.SCORE,
        method=Method.ASSESSMENT,
        rubric="kef-pce",
        rubric_item="results",
    )
    assessment = _scored(world, (1, 2, 3, 4, 5))
    period = parse_period(mean.period_type, "2025/26")

    def values():
        with university_scope(world["a"]):
            return [
                compute.evaluate_one(i, university_id=world["a"].pk, period=period).value
                for i in (mean, aspect)
            ]

    draft_values = values()
    assessments.agree_assessment(actor=world["erin"], assessment=assessment)
    assert (draft_values, values()) == ([None, None], [Decimal(3), Decimal(4)])


def test_agree_page_audited_with_the_office_as_actor(world, client_for):
    assessment = _scored(world)
    response = client_for(world["erin"]).post(
        reverse("indicators:assessment_agree", kwargs={"public_id": assessment.public_id})
    )
    assert response.status_code == 302
    saved = _fresh(assessment)
    assert (saved.status, saved.agreed_by_id) == (AssessmentStatus.AGREED, world["erin"].pk)
    log = LogEntry.objects.get_for_object(saved).order_by("-timestamp", "-pk").first()
    assert (log.actor_id, log.changes_dict["status"]) == (world["erin"].pk, ["draft", "agreed"])


def test_agree_page_bob_forbidden(world, client_for):
    assessment = _scored(world)
    response = client_for(world["bob"]).post(
        reverse("indicators:assessment_agree", kwargs={"public_id": assessment.public_id})
    )
    assert response.status_code == 403
    assert _fresh(assessment).status == AssessmentStatus.DRAFT


def test_save_agreed_assessment_returns_it_to_draft(world):
    assessment = _scored(world)
    assessments.agree_assessment(actor=world["erin"], assessment=assessment)
    assessments.save_assessment(
        actor=world["erin"], assessment=assessment, scores=_kef_scores(2, 2, 3, 4, 5)
    )
    saved = _fresh(assessment)
    assert (saved.status, saved.agreed_by_id) == (AssessmentStatus.DRAFT, None)


def test_edit_page_saves_scores_from_the_form(world, client_for):
    assessment = _start(world)
    data = {"narrative": "Overall.", "panel": [world["bob"].pk], "external_panellists": ""}
    for index, score in enumerate((5, 4, 3, 2, 1)):
        data[f"score_{index}"] = str(score)
        data[f"narrative_{index}"] = "Because."
        data[f"evidence_{index}"] = ""
    response = client_for(world["erin"]).post(
        reverse("indicators:assessment_edit", kwargs={"public_id": assessment.public_id}), data
    )
    assert response.status_code == 302
    with all_universities():
        assert dict(
            AssessmentScore.objects.filter(assessment=assessment).values_list("item", "score")
        ) == {"strategy": 5, "support": 4, "activity": 3, "results": 2, "acknowledgement": 1}


def test_edit_page_shows_the_anchors(world, client_for):
    assessment = _start(world)
    response = client_for(world["erin"]).get(
        reverse("indicators:assessment_edit", kwargs={"public_id": assessment.public_id})
    )
    body = response.content.decode()
    assert body.count('class="assess-anchors"') == 5
    assert "No articulated strategy; engagement is ad hoc." in body


def test_history_page_scores_of_each_year_side_by_side(world, client_for):
    first = _scored(world, (2, 2, 2, 2, 2), period="2024/25")
    second = _scored(world, (4, 3, 3, 3, 3), period="2025/26")
    for assessment in (first, second):
        assessments.agree_assessment(actor=world["erin"], assessment=assessment)
    response = client_for(world["bob"]).get(
        reverse("indicators:assessment_history") + "?rubric=kef-pce"
    )
    assert [a.period for a in response.context["assessments"]] == ["2024/25", "2025/26"]
    assert response.context["rows"][0].cells == [(2, "level-2"), (4, "level-4")]
    assert response.context["means"] == [2.0, 3.2]


def test_tefce_heat_map_is_coloured_by_class_without_inline_style(world, client_for):
    assessment = _start(world, rubric="tefce")
    scores = {item.key: ScoreInput(index % 5 + 1) for index, item in enumerate(TEFCE.items)}
    assessments.save_assessment(actor=world["erin"], assessment=assessment, scores=scores)
    response = client_for(world["bob"]).get(
        reverse("indicators:assessment_history") + "?rubric=tefce"
    )
    ((_assessment, rows),) = response.context["heat_maps"]
    assert [len(cells) for _label, cells in rows] == [5] * 7
    assert rows[0][1][:2] == [(1, "level-1"), (2, "level-2")]
    body = response.content.decode()
    assert body.count('<td class="level-') == 35
    assert "style=" not in body


@pytest.mark.parametrize("persona", ["charlie", "bianca", "pavel"])
def test_assessment_detail_other_university_and_partner_404(world, client_for, persona):
    assessment = _scored(world)
    response = client_for(world[persona]).get(assessment.get_absolute_url())
    assert response.status_code == 404


def test_assessment_list_query_count(world, client_for, django_assert_max_num_queries):
    _scored(world, period="2024/25")
    _scored(world, period="2025/26")
    client = client_for(world["erin"])
    with django_assert_max_num_queries(15):
        response = client.get(reverse("indicators:assessments"))
    kef = response.context["groups"][0]
    assert [(a.period, mean) for a, mean in kef["assessments"]] == [
        ("2025/26", 3.0),
        ("2024/25", 3.0),
    ]


def test_assessment_list_charlie_sees_b_only(world, client_for):
    _scored(world)
    response = client_for(world["charlie"]).get(reverse("indicators:assessments"))
    assert [g["assessments"] for g in response.context["groups"]] == [[], []]
