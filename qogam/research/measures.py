"""Measures of regional research that indicators count (see qogam.core.measures)."""

from datetime import datetime, time, timedelta

from django.db.models import DateTimeField, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qogam.core.i18n import translated
from qogam.core.measures import (
    Measure,
    MeasureScope,
    ProvenanceRow,
    register_measure,
    sdg_choices,
    with_sdgs,
)
from qogam.organisations.queries import counted_units
from qogam.partners.measures import partner_kinds
from qogam.research.enums import OutputKind, QuestionKind, Uptake
from qogam.research.models import QuestionTaker, ResearchQuestion, Study, StudyOutput

# Recommendations that changed something, wholly or in part.
TAKEN_UP = (Uptake.TAKEN_UP, Uptake.PARTLY)


def _output_kinds():
    return OutputKind.choices


def _question_kinds():
    return QuestionKind.choices


def _moments(scope: MeasureScope) -> tuple[datetime, datetime]:
    """The period as [first moment, moment after the last day) in the local time zone."""
    start = timezone.make_aware(datetime.combine(scope.starts_on, time.min))
    end = timezone.make_aware(datetime.combine(scope.ends_on + timedelta(days=1), time.min))
    return start, end


def _study_filter(scope: MeasureScope) -> QuerySet[Study]:
    """Studies of the university narrowed by units, SDGs and the commissioning partner."""
    qs = Study.objects.filter(university_id=scope.university_id)
    units = counted_units(scope)
    if units is not None:
        # The lead unit or one of the other units; a subquery keeps each study once.
        others = Study.objects.filter(units__in=sorted(units)).values("pk")
        qs = qs.filter(Q(lead_unit_id__in=sorted(units)) | Q(pk__in=Subquery(others)))
    if scope.values("sdg"):
        qs = with_sdgs(qs, scope.values("sdg"))
    if scope.values("partner_kind"):
        qs = qs.filter(partner__kind__in=scope.values("partner_kind"))
    return qs


def _studies(scope: MeasureScope) -> QuerySet[Study]:
    return (
        _study_filter(scope)
        .filter(starts_on__lte=scope.ends_on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=scope.starts_on))
    )


def _studies_taken_up(scope: MeasureScope) -> QuerySet[Study]:
    return _study_filter(scope).filter(
        uptake__in=TAKEN_UP, uptake_on__gte=scope.starts_on, uptake_on__lte=scope.ends_on
    )


def _outputs(scope: MeasureScope) -> QuerySet[StudyOutput]:
    qs = StudyOutput.objects.filter(
        university_id=scope.university_id,
        published_on__gte=scope.starts_on,
        published_on__lte=scope.ends_on,
    )
    if counted_units(scope) is not None or scope.values("sdg") or scope.values("partner_kind"):
        qs = qs.filter(study__in=Subquery(_study_filter(scope).values("pk")))
    if scope.values("kind"):
        qs = qs.filter(kind__in=scope.values("kind"))
    return qs


def _questions_taken(scope: MeasureScope) -> QuerySet[ResearchQuestion]:
    start, end = _moments(scope)
    first_taken = Subquery(
        QuestionTaker.objects.filter(question=OuterRef("pk"))
        .order_by("created_at", "pk")
        .values("created_at")[:1],
        output_field=DateTimeField(),
    )
    qs = (
        ResearchQuestion.objects.filter(university_id=scope.university_id)
        .annotate(taken_at=first_taken)
        .filter(taken_at__gte=start, taken_at__lt=end)
    )
    units = counted_units(scope)
    if units is not None:
        qs = qs.filter(unit_id__in=sorted(units))
    if scope.values("kind"):
        qs = qs.filter(kind__in=scope.values("kind"))
    return qs


def _study_row(study: Study) -> ProvenanceRow:
    return ProvenanceRow(
        title=translated(study, "title").text,
        url=study.get_absolute_url(),
        on=study.starts_on,
        detail=f"{study.get_status_display()} · {translated(study.lead_unit, 'name').text}",
    )


def _uptake_row(study: Study) -> ProvenanceRow:
    return ProvenanceRow(
        title=translated(study, "title").text,
        url=study.get_absolute_url(),
        on=study.uptake_on,
        detail=study.get_uptake_display(),
    )


def _output_row(output: StudyOutput) -> ProvenanceRow:
    return ProvenanceRow(
        title=translated(output, "title").text,
        url=output.study.get_absolute_url(),
        on=output.published_on,
        detail=f"{output.get_kind_display()} · {translated(output.study, 'title').text}",
    )


def _question_row(question: ResearchQuestion) -> ProvenanceRow:
    return ProvenanceRow(
        title=translated(question, "question").text,
        url=question.get_absolute_url(),
        on=timezone.localdate(question.taken_at),
        detail=f"{question.get_kind_display()} · {question.get_status_display()}",
    )


STUDY_FILTERS = {"unit": None, "sdg": sdg_choices, "partner_kind": partner_kinds}

register_measure(
    Measure(
        key="research.studies",
        label=_("regional studies under way"),
        description=_(
            "Studies of the city and region whose dates overlap the period: started on or "
            "before its last day and not ended before its first, whatever their status."
        ),
        records=_studies,
        row=_study_row,
        filters=STUDY_FILTERS,
        counts="studies",
        related=("lead_unit",),
        order=500,
    )
)

register_measure(
    Measure(
        key="research.studies_taken_up",
        label=_("studies whose recommendations were taken up"),
        description=_(
            "Studies whose recommendations were recorded as taken up, wholly or in part, "
            "with the date the uptake became known within the period."
        ),
        records=_studies_taken_up,
        row=_uptake_row,
        filters=STUDY_FILTERS,
        counts="studies",
        order=501,
    )
)

register_measure(
    Measure(
        key="research.outputs",
        label=_("study outputs published"),
        description=_(
            "Reports, articles, policy briefs, theses and datasets of the studies, published "
            "within the period (by their publication date); outputs without a date are not "
            "counted."
        ),
        records=_outputs,
        row=_output_row,
        filters={**STUDY_FILTERS, "kind": _output_kinds},
        counts="outputs",
        related=("study",),
        order=502,
    )
)

register_measure(
    Measure(
        key="research.questions_taken",
        label=_("science-shop topics taken"),
        description=_(
            "Science-shop topics first taken by a student within the period, by the date the "
            "first student took the topic; a topic taken by several students counts once."
        ),
        records=_questions_taken,
        row=_question_row,
        filters={"unit": None, "kind": _question_kinds},
        counts="topics",
        order=503,
    )
)
