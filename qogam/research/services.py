"""Writes about regional research: studies, their outputs and uptake, and science-shop topics."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qogam.core.enums import NETWORK_MEMBER_ROLES
from qogam.core.i18n import CONTENT_LANGUAGES, require_translations
from qogam.core.tenancy import university_scope
from qogam.core.visibility import can_read, viewer_of
from qogam.research.enums import JOINABLE, QuestionStatus, Uptake
from qogam.research.models import QuestionTaker, ResearchQuestion, Study, StudyOutput, is_member

# Fields a study's form and API set; uptake has its own service.
UPTAKE_FIELDS = {"uptake", "uptake_on", "uptake_recorded_by"} | {
    f"uptake_note_{code}" for code in CONTENT_LANGUAGES
}


def _set_texts(obj, field: str, texts: dict[str, str] | None) -> None:
    for code in CONTENT_LANGUAGES:
        setattr(obj, f"{field}_{code}", ((texts or {}).get(code) or "").strip())


def _check_links(university_id: int, *, authors, units, needs) -> None:
    """People, units and needs linked to a study must all be the study's university's."""
    errors = {}
    for person in authors or []:
        if not is_member(person.pk, university_id, NETWORK_MEMBER_ROLES):
            errors["authors"] = _(
                "%(name)s is not a member of this university; add them as an external author."
            ) % {"name": person.get_full_name() or person.email}
            break
    if any(unit.university_id != university_id for unit in units or []):
        errors["units"] = _("A unit belongs to another university.")
    if any(need.university_id != university_id for need in needs or []):
        errors["needs"] = _("A need was posted to another university.")
    if errors:
        raise ValidationError(errors)


def save_study(
    *,
    actor,
    university=None,
    values: dict,
    study: Study | None = None,
    authors: Iterable | None = None,
    units: Iterable | None = None,
    needs: Iterable | None = None,
) -> Study:
    """Create a study at `university`, or change `study`; links are checked to be its own."""
    values = {k: v for k, v in values.items() if k not in UPTAKE_FIELDS}
    if study is None:
        if university is None:
            raise ValueError("A new study needs its university.")
        study = Study(university=university)
    creating = study.pk is None
    for name, value in values.items():
        setattr(study, name, value)
    permission = "research.add_study" if creating else "research.change_study"
    if actor is None or not actor.has_perm(permission, study):
        raise PermissionDenied(_("You may not record studies for this unit."))
    authors = list(authors) if authors is not None else None
    units = list(units) if units is not None else None
    needs = list(needs) if needs is not None else None
    _check_links(study.university_id, authors=authors, units=units, needs=needs)
    with transaction.atomic(), university_scope(study.university_id):
        study.full_clean()
        require_translations(study, "title")
        study.save()
        if authors is not None:
            study.authors.set(authors)
        if units is not None:
            study.units.set([u for u in units if u.pk != study.lead_unit_id])
        if needs is not None:
            study.needs.set(needs)
    return study


def record_uptake(
    *, actor, study: Study, uptake: str, note: dict[str, str] | None = None, on: date | None = None
) -> Study:
    """Record whether the study's recommendations were taken up, with a note and a date."""
    if actor is None or not actor.has_perm("research.change_study", study):
        raise PermissionDenied(_("You may not change this study."))
    with transaction.atomic(), university_scope(study.university_id):
        locked = Study.objects.with_scopes_disabled().select_for_update().get(pk=study.pk)
        locked.uptake = uptake
        locked.uptake_on = on
        _set_texts(locked, "uptake_note", note)
        locked.uptake_recorded_by = actor
        locked.full_clean()
        if uptake != Uptake.UNKNOWN:
            require_translations(locked, "uptake_note")
        locked.save()
    return locked


def delete_study(*, actor, study: Study) -> None:
    if actor is None or not actor.has_perm("research.delete_study", study):
        raise PermissionDenied(_("You may not delete this study."))
    with transaction.atomic(), university_scope(study.university_id):
        ResearchQuestion.objects.filter(study=study).update(study=None)
        study.delete()


def add_output(*, actor, study: Study, values: dict) -> StudyOutput:
    """Add a report, article, brief or dataset: a PDF (checked), a DOI or a link."""
    if actor is None or not actor.has_perm("research.change_study", study):
        raise PermissionDenied(_("You may not change this study."))
    output = StudyOutput(study=study, university_id=study.university_id, **values)
    with transaction.atomic(), university_scope(study.university_id):
        output.full_clean()
        require_translations(output, "title")
        output.save()
    return output


def delete_output(*, actor, output: StudyOutput) -> None:
    if actor is None or not actor.has_perm("research.change_study", output.study):
        raise PermissionDenied(_("You may not change this study."))
    with transaction.atomic(), university_scope(output.university_id):
        output.file.delete(save=False)
        output.delete()


# --- the science shop -------------------------------------------------------------------------


def _lock(question: ResearchQuestion) -> ResearchQuestion:
    return (
        ResearchQuestion.objects.with_scopes_disabled()
        .select_for_update()
        .select_related("university", "need")
        .get(pk=question.pk)
    )


def _require_status(question: ResearchQuestion, *allowed: str) -> None:
    if question.status not in allowed:
        raise ValidationError(
            _("Not possible while the topic is “%(status)s”.")
            % {"status": QuestionStatus(question.status).label},
            code="invalid_transition",
        )


def create_question(*, actor, need, values: dict) -> ResearchQuestion:
    """Turn a published community need into a research question or thesis topic."""
    question = ResearchQuestion(university_id=need.university_id, need=need, **values)
    if actor is None or not actor.has_perm("research.add_researchquestion", question):
        raise PermissionDenied(_("You may not propose topics for this unit."))
    if not need.is_public:
        raise ValidationError(
            {"need": _("Only a published community need can become a science-shop topic.")},
            code="need_not_public",
        )
    with transaction.atomic(), university_scope(need.university_id):
        question.full_clean()
        require_translations(question, "question")
        question.save()
    return question


def update_question(*, actor, question: ResearchQuestion, values: dict) -> ResearchQuestion:
    if actor is None or not actor.has_perm("research.change_researchquestion", question):
        raise PermissionDenied(_("You may not change this topic."))
    with transaction.atomic(), university_scope(question.university_id):
        locked = _lock(question)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.full_clean()
        require_translations(locked, "question")
        locked.save()
    return locked


def take_question(*, actor, question: ResearchQuestion) -> QuestionTaker:
    """A student of the topic's university takes it; the supervisor confirms them."""
    if actor is None or not actor.has_perm("research.take_question", question):
        raise PermissionDenied(_("Only students of the topic's university may take it."))
    if not can_read(viewer_of(actor), question):
        raise PermissionDenied(_("Only students of the topic's university may take it."))
    with transaction.atomic(), university_scope(question.university_id):
        locked = _lock(question)
        _require_status(locked, *JOINABLE)
        taker = QuestionTaker(university_id=locked.university_id, question=locked, student=actor)
        taker.full_clean()
        taker.save()
    return taker


def confirm_taker(*, actor, taker: QuestionTaker) -> QuestionTaker:
    """The supervisor (or the topic's managers) confirms a student; the topic is then taken."""
    question = taker.question
    if actor is None or not actor.has_perm("research.change_researchquestion", question):
        raise PermissionDenied(_("You may not change this topic."))
    with transaction.atomic(), university_scope(question.university_id):
        locked = _lock(question)
        _require_status(locked, *JOINABLE)
        taker = QuestionTaker.objects.select_for_update().get(pk=taker.pk)
        if taker.confirmed_at is None:
            taker.confirmed_at = timezone.now()
            taker.confirmed_by = actor
            taker.save()
        if locked.status == QuestionStatus.OPEN:
            locked.status = QuestionStatus.TAKEN
            locked.save()
    return taker


def complete_question(
    *, actor, question: ResearchQuestion, summary: dict[str, str], study: Study | None = None
) -> ResearchQuestion:
    """Finish the work with a plain-language summary, which goes on the need's timeline."""
    if actor is None or not actor.has_perm("research.change_researchquestion", question):
        raise PermissionDenied(_("You may not change this topic."))
    with transaction.atomic(), university_scope(question.university_id):
        locked = _lock(question)
        _require_status(locked, QuestionStatus.TAKEN)
        _set_texts(locked, "summary", summary)
        locked.study = study
        locked.status = QuestionStatus.COMPLETED
        locked.completed_at = timezone.now()
        locked.full_clean()
        require_translations(locked, "summary")
        locked.save()
    return locked


def withdraw_question(*, actor, question: ResearchQuestion) -> ResearchQuestion:
    if actor is None or not actor.has_perm("research.change_researchquestion", question):
        raise PermissionDenied(_("You may not change this topic."))
    with transaction.atomic(), university_scope(question.university_id):
        locked = _lock(question)
        _require_status(locked, *JOINABLE)
        locked.status = QuestionStatus.WITHDRAWN
        locked.save()
    return locked
