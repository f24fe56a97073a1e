"""Reads about regional research shared by pages, the export, the API and the registries."""

from django.db.models import CharField, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext as _

from qogam.core.i18n import CONTENT_LANGUAGES, fallback_order, translated
from qogam.core.partnership import Activity
from qogam.core.related import RelatedRecord, TimelineEntry
from qogam.core.visibility import Viewer, visible_to
from qogam.research.enums import SHOWN_WITH_NEED, QuestionStatus
from qogam.research.models import QuestionTaker, ResearchQuestion, Study


def studies_visible_to(viewer: Viewer) -> QuerySet[Study]:
    """Studies the viewer may read; an internal author also reads their own."""
    qs = visible_to(Study, viewer)
    if viewer.user_id:
        qs = qs | Study.objects.with_scopes_disabled().filter(authors__id=viewer.user_id)
    return qs.distinct().select_related("university", "lead_unit", "partner")


def questions_visible_to(viewer: Viewer) -> QuerySet[ResearchQuestion]:
    """Topics the viewer may read; their supervisor and students always read them."""
    qs = visible_to(ResearchQuestion, viewer)
    if viewer.user_id:
        taken = QuestionTaker.objects.with_scopes_disabled().filter(student_id=viewer.user_id)
        qs = qs | ResearchQuestion.objects.with_scopes_disabled().filter(
            Q(supervisor_id=viewer.user_id) | Q(pk__in=taken.values("question_id"))
        )
    return qs.distinct().select_related("university", "unit", "supervisor", "need")


def with_display(qs: QuerySet, field: str) -> QuerySet:
    """Annotate `display_<field>`: the text as the reader sees it, for sorting."""
    return qs.annotate(
        **{
            f"display_{field}": Coalesce(
                *[NullIf(F(f"{field}_{code}"), Value("")) for code in fallback_order()],
                output_field=CharField(),
            )
        }
    )


def search_texts(field: str, term: str) -> Q:
    match = Q()
    for code in CONTENT_LANGUAGES:
        match |= Q(**{f"{field}_{code}__icontains": term})
    return match


def study_activities(organisation, viewer: Viewer) -> list[Activity]:
    """Studies the partner commissioned, for its partnership view."""
    studies = studies_visible_to(viewer).filter(partner=organisation)
    return [
        Activity(
            on=s.starts_on,
            title=translated(s, "title").text,
            url=s.get_absolute_url(),
            kind=_("Commissioned study"),
        )
        for s in studies
    ]


def need_records(need, viewer: Viewer) -> list[RelatedRecord]:
    """The studies answering a need and its science-shop topics, as the viewer may see them."""
    order = fallback_order()
    records = []
    studies = studies_visible_to(viewer).filter(needs=need).order_by("-starts_on", "pk")
    for study in studies:
        title = translated(study, "title")
        records.append(
            RelatedRecord(
                title=title.text,
                url=study.get_absolute_url(),
                kind=_("Study"),
                status=study.get_status_display(),
                on=study.starts_on,
                language=title.language if title.language != order[0] else "",
            )
        )
    questions = (
        questions_visible_to(viewer)
        .filter(need=need, status__in=SHOWN_WITH_NEED)
        .order_by("created_at", "pk")
    )
    for question in questions:
        text = translated(question, "question")
        records.append(
            RelatedRecord(
                title=text.text,
                url=question.get_absolute_url(),
                kind=question.get_kind_display(),
                status=question.get_status_display(),
                language=text.language if text.language != order[0] else "",
            )
        )
    return records


def need_timeline(need, viewer: Viewer) -> list[TimelineEntry]:
    """Each completed topic's plain-language summary, on the need's timeline."""
    order = fallback_order()
    entries = []
    completed = questions_visible_to(viewer).filter(
        need=need, status=QuestionStatus.COMPLETED, completed_at__isnull=False
    )
    for question in completed:
        if question.completed_at is None:  # the filter above keeps none; mypy cannot know
            continue
        title = translated(question, "question")
        summary = translated(question, "summary")
        # One `lang` for the entry: the summary's, when it is not the reader's language.
        language = summary.language if summary.language != order[0] else ""
        if not language and title.language != order[0]:
            language = title.language
        entries.append(
            TimelineEntry(
                at=question.completed_at,
                kind=_("Science shop: research completed"),
                title=title.text,
                body=summary.text,
                url=question.get_absolute_url(),
                language=language,
            )
        )
    return entries


def topics_of(user) -> QuerySet[ResearchQuestion]:
    """Topics the person supervises or has taken, whatever their status."""
    taken = QuestionTaker.objects.with_scopes_disabled().filter(student=user)
    return (
        ResearchQuestion.objects.with_scopes_disabled()
        .filter(Q(supervisor=user) | Q(pk__in=taken.values("question_id")))
        .select_related("university", "unit")
        .order_by("status", "-created_at")
    )


def takers_of(question: ResearchQuestion) -> list[QuestionTaker]:
    return list(
        QuestionTaker.objects.with_scopes_disabled()
        .filter(question=question)
        .select_related("student", "confirmed_by")
        .order_by("created_at", "pk")
    )
