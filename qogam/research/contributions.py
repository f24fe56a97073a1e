"""The staff roll-up's view of regional research (core.contributions): the studies a person
wrote, and the science-shop topics they supervised, within a period."""

from datetime import date

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    Min,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from qogam.core.contributions import Contribution, ContributionSource, register_contribution_source
from qogam.core.i18n import translated
from qogam.core.tenancy import university_scope
from qogam.research.enums import QuestionKind, QuestionStatus, StudyStatus
from qogam.research.models import ResearchQuestion, Study, StudyOutput

STUDIES = "research.studies"
SUPERVISION = "research.supervision"

# A topic's text is a question, sometimes a long one: the roll-up shows its beginning.
TITLE_CHARS = 160


def study_contributions(
    university_id: int, person_ids: list[int], starts_on: date, ends_on: date
) -> list[Contribution]:
    """One per study of the university a person is an author of that was under way in the
    period (begun, and not ended before it; a study still only planned is not) or had an
    output published in it. One query."""
    with university_scope(university_id):
        published = StudyOutput.objects.filter(
            study=OuterRef("study"), published_on__gte=starts_on, published_on__lte=ends_on
        )
        first_published = Subquery(published.order_by("published_on").values("published_on")[:1])
        under_way = (
            Q(study__starts_on__lte=ends_on)
            & (Q(study__ends_on__isnull=True) | Q(study__ends_on__gte=starts_on))
            & ~Q(study__status=StudyStatus.PLANNED)
        )
        Authors = Study.authors.through
        rows = (
            Authors.objects.filter(study__university_id=university_id, user_id__in=person_ids)
            .annotate(
                under_way=ExpressionWrapper(under_way, output_field=BooleanField()),
                has_output=Exists(published),
                first_published=first_published,
            )
            .filter(Q(under_way=True) | Q(has_output=True))
            .select_related("study")
            .order_by("study__starts_on", "pk")
        )
        return [
            Contribution(
                person_id=row.user_id,
                source=STUDIES,
                on=max(row.study.starts_on, starts_on) if row.under_way else row.first_published,  # type: ignore[attr-defined]  # annotated
                title=translated(row.study, "title").text,
                url=row.study.get_absolute_url(),
                role=_("Author"),
                category=row.study.status,
            )
            for row in rows
        ]


def supervision_contributions(
    university_id: int, person_ids: list[int], starts_on: date, ends_on: date
) -> list[Contribution]:
    """One per science-shop topic a person supervised that students were working on during
    the period: taken (a student confirmed) by its end, and not completed before its start.
    A withdrawn topic is left out. One query."""
    with university_scope(university_id):
        confirmed = Q(takers__confirmed_at__isnull=False)
        questions = (
            ResearchQuestion.objects.filter(
                university_id=university_id,
                supervisor_id__in=person_ids,
                status__in=[QuestionStatus.TAKEN, QuestionStatus.COMPLETED],
            )
            .filter(Q(completed_at__isnull=True) | Q(completed_at__date__gte=starts_on))
            .annotate(
                taken_at=Coalesce(Min("takers__confirmed_at", filter=confirmed), "created_at"),
                students=Count("takers", filter=confirmed),
            )
            .filter(taken_at__date__lte=ends_on)
            .order_by("taken_at", "pk")
        )
        return [
            Contribution(
                person_id=q.supervisor_id,
                source=SUPERVISION,
                on=max(timezone.localdate(q.taken_at), starts_on),
                title=Truncator(translated(q, "question").text).chars(TITLE_CHARS),
                url=q.get_absolute_url(),
                role=ngettext(
                    "Supervisor of %(count)d student",
                    "Supervisor of %(count)d students",
                    q.students,
                )
                % {"count": q.students},
                category=q.kind,
            )
            for q in questions
        ]


register_contribution_source(
    ContributionSource(
        STUDIES,
        _("Regional studies"),
        study_contributions,
        categories=lambda: list(StudyStatus.choices),
        order=40,
    )
)
register_contribution_source(
    ContributionSource(
        SUPERVISION,
        _("Science-shop topics supervised"),
        supervision_contributions,
        categories=lambda: list(QuestionKind.choices),
        order=41,
    )
)
