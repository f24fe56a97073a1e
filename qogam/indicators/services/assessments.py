"""Self-assessments: a framework's rubric (KEF public and community engagement, the TEFCE
heat-map) scored for an academic year by a panel, with narratives and evidence.

The office starts an assessment, the panel's scores are entered and the office records that
the panel agreed them. Only agreed assessments feed the assessment indicators (compute), so a
half-scored draft never shows as a figure. Changing an agreed assessment makes it a draft
again. SelfAssessment and AssessmentScore are under the audit trail.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qogam.accounts.queries import is_staff_at
from qogam.core.tenancy import university_scope
from qogam.indicators.enums import AssessmentStatus, PeriodType
from qogam.indicators.models import AssessmentScore, SelfAssessment
from qogam.indicators.periods import parse_period
from qogam.indicators.rubrics import Rubric, rubric

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def word_count(*texts: str) -> int:
    """Words as a reader counts them: runs of letters or digits, "co-created" is one."""
    return sum(len(_WORD.findall(text or "")) for text in texts)


def _require(actor, record, message: str) -> None:
    if not actor.has_perm("indicators.change_selfassessment", record):
        raise PermissionDenied(message)


def _rubric_or_error(key: str) -> Rubric:
    found = rubric(key)
    if found is None:
        raise ValidationError(
            {"rubric": _("There is no self-assessment framework “%(key)s”.") % {"key": key}},
            code="unknown_rubric",
        )
    return found


def _check_panel(university_id: int, panel: Iterable) -> list:
    people = list(panel or [])
    outsiders = [p for p in people if not is_staff_at(p, university_id)]
    if outsiders:
        raise ValidationError(
            {
                "panel": _(
                    "%(names)s are not staff of the university; add people from outside as "
                    "external panellists."
                )
                % {"names": ", ".join(p.full_name or p.email for p in outsiders)}
            },
            code="not_staff",
        )
    return people


def start_assessment(
    *,
    actor,
    university,
    rubric_key: str,
    period: str,
    unit=None,
    panel: Iterable = (),
    external_panellists: str = "",
) -> SelfAssessment:
    """A new, unscored self-assessment of a framework for an academic year."""
    university_id = getattr(university, "pk", university)
    candidate = SelfAssessment(university_id=university_id, unit=unit, rubric=rubric_key)
    _require(actor, candidate, _("Only the third-mission office starts self-assessments."))
    _rubric_or_error(rubric_key)
    try:
        key = parse_period(PeriodType.ACADEMIC_YEAR, period).key
    except ValueError as exc:
        raise ValidationError({"period": str(exc)}, code="bad_period") from exc
    people = _check_panel(university_id, panel)
    with transaction.atomic(), university_scope(university_id):
        candidate.period = key
        candidate.external_panellists = (external_panellists or "").strip()
        candidate.full_clean()
        candidate.save()
        candidate.panel.set(people)
    return candidate


@dataclass(frozen=True)
class ScoreInput:
    score: int | None
    narrative: str = ""
    evidence: str = ""


def _score_or_error(item_key: str, value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= 5:
        raise ValidationError(
            {"scores": _("The score of “%(item)s” must be from 1 to 5.") % {"item": item_key}},
            code="bad_score",
        )
    return number


def save_assessment(
    *,
    actor,
    assessment: SelfAssessment,
    scores: Mapping[str, ScoreInput],
    narrative: str = "",
    panel: Iterable | None = None,
    external_panellists: str | None = None,
) -> SelfAssessment:
    """Write the scores, narratives and evidence. An item without a score is removed; the
    rubric's word limit holds over all narratives together."""
    _require(actor, assessment, _("Only the third-mission office edits self-assessments."))
    found = _rubric_or_error(assessment.rubric)
    unknown = sorted(set(scores) - {item.key for item in found.items})
    if unknown:
        raise ValidationError(
            {"scores": _("The framework has no aspect “%(key)s”.") % {"key": ", ".join(unknown)}},
            code="unknown_item",
        )
    cleaned = {key: _score_or_error(key, given.score) for key, given in scores.items()}
    narrative = (narrative or "").strip()
    words = word_count(narrative, *(given.narrative for given in scores.values()))
    if words > found.word_limit:
        raise ValidationError(
            {
                "narrative": _(
                    "The narratives have %(count)d words together; the limit is %(limit)d."
                )
                % {"count": words, "limit": found.word_limit}
            },
            code="too_long",
        )
    people = _check_panel(assessment.university_id, panel) if panel is not None else None
    with transaction.atomic(), university_scope(assessment.university_id):
        assessment = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
        assessment.narrative = narrative
        if external_panellists is not None:
            assessment.external_panellists = external_panellists.strip()
        if assessment.status == AssessmentStatus.AGREED:
            assessment.status = AssessmentStatus.DRAFT
            assessment.agreed_by = None
            assessment.agreed_at = None
        assessment.full_clean()
        assessment.save()
        if people is not None:
            assessment.panel.set(people)
        existing = {score.item: score for score in assessment.scores.all()}
        for key, given in scores.items():
            row = existing.get(key)
            if cleaned[key] is None:
                if row is not None:
                    row.delete()
                continue
            if row is None:
                row = AssessmentScore(
                    university_id=assessment.university_id, assessment=assessment, item=key
                )
            changed = (row.score, row.narrative, row.evidence) != (
                cleaned[key],
                given.narrative.strip(),
                given.evidence.strip(),
            )
            if row.pk is None or changed:
                row.score = cleaned[key]
                row.narrative = given.narrative.strip()
                row.evidence = given.evidence.strip()
                row.full_clean(exclude=["assessment"])
                row.save()
    return assessment


def agree_assessment(*, actor, assessment: SelfAssessment) -> SelfAssessment:
    """The panel agreed the scores: the assessment now feeds its indicators."""
    _require(actor, assessment, _("Only the third-mission office records the agreement."))
    found = _rubric_or_error(assessment.rubric)
    with transaction.atomic(), university_scope(assessment.university_id):
        assessment = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
        if assessment.status == AssessmentStatus.AGREED:
            raise ValidationError(_("The self-assessment is agreed already."), code="agreed")
        scored = set(assessment.scores.values_list("item", flat=True))
        missing = [item for item in found.items if item.key not in scored]
        if missing:
            raise ValidationError(
                {
                    "scores": _("Score every aspect before agreeing: %(count)d are not scored.")
                    % {"count": len(missing)}
                },
                code="unscored",
            )
        assessment.status = AssessmentStatus.AGREED
        assessment.agreed_by = actor
        assessment.agreed_at = timezone.now()
        assessment.save()
    return assessment


# --- Reading ----------------------------------------------------------------------------------


def level_class(score: int | None) -> str:
    """The CSS class of a heat-map cell: level-1 … level-5, level-none when not scored."""
    return f"level-{score}" if score else "level-none"


@dataclass
class HistoryRow:
    key: str
    label: Any
    cells: list  # [(score | None, css class)] one per assessment, oldest first


def history(assessments: Sequence[SelfAssessment], found: Rubric) -> list[HistoryRow]:
    """Each item's score in each assessment, side by side (assessments oldest first, with
    their scores prefetched)."""
    by_assessment = [{s.item: s.score for s in a.scores.all()} for a in assessments]
    rows = []
    for item in found.items:
        found_scores = [scores.get(item.key) for scores in by_assessment]
        cells = [(score, level_class(score)) for score in found_scores]
        rows.append(HistoryRow(item.key, item.label, cells))
    return rows


def heat_map(assessment: SelfAssessment, found: Rubric) -> list[tuple[Any, list]]:
    """A heat-map rubric as rows (dimensions) of cells (criteria): (row label, [(score,
    css class)])."""
    scores = {s.item: s.score for s in assessment.scores.all()}
    return [
        (
            row.label,
            [
                (
                    scores.get(f"{row.key}:{column.key}"),
                    level_class(scores.get(f"{row.key}:{column.key}")),
                )
                for column in found.columns
            ],
        )
        for row in found.rows
    ]


def mean_score(assessment: SelfAssessment) -> float | None:
    scores = [s.score for s in assessment.scores.all()]
    return sum(scores) / len(scores) if scores else None
