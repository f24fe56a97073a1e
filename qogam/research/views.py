"""Pages of regional research: studies (list, export, record, forms) and the science shop.

Views parse, check permission, call one service or query and render.
"""

import posixpath
from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from openpyxl import Workbook

from qogam.accounts.models import User
from qogam.core.enums import STAFF_ROLES
from qogam.core.i18n import translated
from qogam.core.measures import with_sdgs
from qogam.core.related import related_sections
from qogam.core.visibility import viewer_of
from qogam.needs import queries as need_queries
from qogam.needs.enums import PUBLIC_STATES
from qogam.needs.models import Need
from qogam.organisations.models import Unit
from qogam.organisations.queries import units_visible_to
from qogam.partners.models import PartnerOrganisation
from qogam.partners.queries import organisations_visible_to
from qogam.research import queries, services
from qogam.research.enums import JOINABLE, QuestionStatus
from qogam.research.forms import (
    QUESTION_SORTS,
    STUDY_SORTS,
    CompleteForm,
    OutputForm,
    QuestionFilterForm,
    QuestionForm,
    StudyFilterForm,
    StudyForm,
    UptakeForm,
    add_service_error,
)
from qogam.research.models import QuestionTaker, ResearchQuestion, Study, StudyOutput
from qogam.research.rules import PROPOSER_ROLES

PER_PAGE = 25


def _own_units(viewer):
    return units_visible_to(viewer).filter(university__in=sorted(viewer.staff_university_ids))


def _proposer_university_ids(viewer) -> list[int] | None:
    if viewer.is_network_admin:
        return None
    return sorted(viewer.university_ids_with(*PROPOSER_ROLES))


def _of(manager, ids: list[int] | None):
    qs = manager.with_scopes_disabled()
    return qs.all() if ids is None else qs.filter(university__in=ids)


# --- studies ----------------------------------------------------------------------------------


def filtered_studies(request):
    """The studies the viewer may read, narrowed by the query string: list and export alike."""
    viewer = request.viewer
    own = sorted(viewer.staff_university_ids)
    form = StudyFilterForm(
        request.GET or None,
        units=_own_units(viewer),
        partners=organisations_visible_to(viewer).filter(university__in=own).order_by("name"),
    )
    qs = queries.studies_visible_to(viewer)
    sort = "newest"
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            term = data["q"].strip()
            match = queries.search_texts("title", term) | queries.search_texts("abstract", term)
            match |= Q(external_authors__icontains=term)
            match |= Q(authors__full_name__icontains=term)
            qs = qs.filter(match)
        if data["status"]:
            qs = qs.filter(status=data["status"])
        if data["unit"]:
            qs = qs.filter(Q(lead_unit=data["unit"]) | Q(units=data["unit"]))
        if data["sdg"]:
            qs = with_sdgs(qs, [data["sdg"]])
        if data["year"]:
            year = data["year"]
            qs = qs.filter(starts_on__year__lte=year).filter(
                Q(ends_on__isnull=True) | Q(ends_on__year__gte=year)
            )
        if data["partner"]:
            qs = qs.filter(partner=data["partner"])
        if data["uptake"]:
            qs = qs.filter(uptake=data["uptake"])
        sort = data["sort"] or "newest"
    qs = queries.with_display(qs, "title")
    return form, qs.order_by(STUDY_SORTS[sort][0], "display_title", "pk")


def study_list(request):
    form, qs = filtered_studies(request)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "research/study_list.html",
        {
            "form": form,
            "page": page,
            "show_units": form.fields["unit"].queryset.exists(),
            "show_partners": bool(request.viewer.staff_university_ids),
            "can_add": request.user.has_perm("research.propose"),
        },
    )


EXPORT_COLUMNS = (
    "id", "university", "title_kk", "title_ru", "title_en", "status", "lead_unit", "partner",
    "starts_on", "ends_on", "sdgs", "uptake", "external_authors", "visibility",
)  # fmt: skip


@login_required
@require_GET
def study_export(request):
    """The listed studies as an Excel workbook, in the list's order."""
    _form, qs = filtered_studies(request)
    book = Workbook()
    sheet = book.active
    sheet.title = "studies"
    sheet.append(list(EXPORT_COLUMNS))
    for study in qs:
        sheet.append(
            [
                str(study.public_id),
                study.university.slug,
                study.title_kk or "",
                study.title_ru or "",
                study.title_en or "",
                study.status,
                translated(study.lead_unit, "name").text,
                translated(study.partner, "name").text if study.partner else "",
                study.starts_on,
                study.ends_on,
                ", ".join(str(n) for n in study.sdgs or []),
                study.uptake,
                study.external_authors,
                study.visibility,
            ]
        )
    out = BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"studies-{timezone.localdate().isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _visible_study(request, public_id) -> Study:
    return get_object_or_404(queries.studies_visible_to(request.viewer), public_id=public_id)


def study_detail(request, public_id):
    viewer = request.viewer
    study = _visible_study(request, public_id)
    user = request.user
    through = Study.units.through.objects.filter(study_id=study.pk)
    return render(
        request,
        "research/study_detail.html",
        {
            "study": study,
            "units": units_visible_to(viewer).filter(pk__in=through.values("unit_id")),
            "authors": list(study.authors.order_by("full_name")),
            "needs": need_queries.readable_needs(viewer).filter(
                pk__in=Study.needs.through.objects.filter(study_id=study.pk).values("need_id")
            ),
            "outputs": list(StudyOutput.objects.with_scopes_disabled().filter(study=study)),
            "questions": queries.questions_visible_to(viewer).filter(study=study),
            "related": related_sections(study, viewer),
            "can_change": user.has_perm("research.change_study", study),
        },
    )


def _study_form(request, *, study=None):
    viewer = request.viewer
    ids = [study.university_id] if study else _proposer_university_ids(viewer)
    return StudyForm(
        request.POST or None,
        instance=study,
        units=_of(Unit.objects, ids).order_by("name"),
        partners=_of(PartnerOrganisation.objects, ids).order_by("name"),
        needs=_of(Need.objects, ids).filter(state__in=PUBLIC_STATES).order_by("-created_at"),
    )


def _save_study(request, form, study=None):
    data = form.cleaned_data
    try:
        with transaction.atomic():
            saved = services.save_study(
                actor=request.user,
                university=data["lead_unit"].university if study is None else None,
                study=study,
                values=form.values(),
                authors=data["authors"],
                units=data["units"],
                needs=data["needs"],
            )
            form.save_sdg_choices(saved, request.user)
            return saved
    except PermissionDenied:
        form.add_error("lead_unit", _("You may not record studies for this unit."))
    except ValidationError as exc:
        add_service_error(form, exc)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def study_create(request):
    if not request.user.has_perm("research.propose"):
        raise PermissionDenied
    form = _study_form(request)
    if request.method == "POST" and form.is_valid():
        study = _save_study(request, form)
        if study is not None:
            messages.success(request, _("The study has been recorded."))
            return redirect(study)
    return render(request, "research/study_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def study_edit(request, public_id):
    study = _visible_study(request, public_id)
    if not request.user.has_perm("research.change_study", study):
        raise PermissionDenied
    form = _study_form(request, study=study)
    if request.method == "POST" and form.is_valid():
        saved = _save_study(request, form, study=study)
        if saved is not None:
            messages.success(request, _("The study has been saved."))
            return redirect(saved)
    return render(request, "research/study_form.html", {"form": form, "study": study})


@login_required
@require_http_methods(["GET", "POST"])
def study_uptake(request, public_id):
    study = _visible_study(request, public_id)
    if not request.user.has_perm("research.change_study", study):
        raise PermissionDenied
    initial = {
        "uptake": study.uptake,
        "uptake_on": study.uptake_on,
        **{f"uptake_note_{c}": getattr(study, f"uptake_note_{c}") for c in ("kk", "ru", "en")},
    }
    form = UptakeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_uptake(
                actor=request.user,
                study=study,
                uptake=form.cleaned_data["uptake"],
                note=form.note(),
                on=form.cleaned_data["uptake_on"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The uptake has been recorded."))
            return redirect(study)
    return render(request, "research/uptake_form.html", {"form": form, "study": study})


@login_required
@require_http_methods(["GET", "POST"])
def output_create(request, public_id):
    study = _visible_study(request, public_id)
    if not request.user.has_perm("research.change_study", study):
        raise PermissionDenied
    form = OutputForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_output(actor=request.user, study=study, values=form.values())
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The output has been added."))
            return redirect(study)
    return render(request, "research/output_form.html", {"form": form, "study": study})


def _output(request, public_id, output_id) -> StudyOutput:
    study = _visible_study(request, public_id)
    return get_object_or_404(
        StudyOutput.objects.with_scopes_disabled().select_related("study"),
        study=study,
        public_id=output_id,
    )


@login_required
@require_POST
def output_delete(request, public_id, output_id):
    output = _output(request, public_id, output_id)
    services.delete_output(actor=request.user, output=output)
    messages.success(request, _("The output has been removed."))
    return redirect(output.study)


@require_GET
def output_file(request, public_id, output_id):
    """The output's PDF, to those who may read the study; never a public file URL."""
    output = _output(request, public_id, output_id)
    if not output.file:
        raise Http404
    try:
        handle = output.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, filename=posixpath.basename(output.file.name))


# --- the science shop ------------------------------------------------------------------------


def question_list(request):
    """The science shop: open topics by default, for students to browse."""
    viewer = request.viewer
    form = QuestionFilterForm(request.GET or None, units=_own_units(viewer))
    qs = queries.questions_visible_to(viewer)
    status, sort = QuestionStatus.OPEN, "newest"
    if form.is_valid():
        data = form.cleaned_data
        status = data["status"] or QuestionStatus.OPEN
        if data["q"]:
            qs = qs.filter(queries.search_texts("question", data["q"].strip()))
        if data["kind"]:
            qs = qs.filter(kind=data["kind"])
        if data["unit"]:
            qs = qs.filter(unit=data["unit"])
        sort = data["sort"] or "newest"
    if status != "all":
        qs = qs.filter(status=status)
    qs = queries.with_display(qs, "question").order_by(QUESTION_SORTS[sort][0], "pk")
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "research/question_list.html",
        {
            "form": form,
            "page": page,
            "show_units": form.fields["unit"].queryset.exists(),
            "needs_to_turn": _needs_to_turn(request),
        },
    )


# The science shop offers this many recent published needs to turn into topics.
NEEDS_OFFERED = 10


def _needs_to_turn(request) -> list[Need]:
    """For those who propose topics: recent published needs of their universities."""
    if not request.user.has_perm("research.propose"):
        return []
    ids = _proposer_university_ids(request.viewer)
    return list(
        _of(Need.objects, ids)
        .filter(state__in=PUBLIC_STATES, is_hidden=False)
        .order_by("-published_at", "-pk")[:NEEDS_OFFERED]
    )


def _visible_question(request, public_id) -> ResearchQuestion:
    return get_object_or_404(queries.questions_visible_to(request.viewer), public_id=public_id)


def question_detail(request, public_id):
    viewer = request.viewer
    question = _visible_question(request, public_id)
    user = request.user
    takers = queries.takers_of(question)
    can_manage = user.has_perm("research.change_researchquestion", question)
    return render(
        request,
        "research/question_detail.html",
        {
            "question": question,
            "need": need_queries.readable_needs(viewer).filter(pk=question.need_id).first(),
            # Students' names are personal data: their supervisor and managers see them.
            "takers": takers if can_manage else [],
            "taker_count": sum(1 for t in takers if t.confirmed_at),
            "has_taken": any(t.student_id == user.pk for t in takers),
            "can_manage": can_manage,
            "can_take": question.status in JOINABLE
            and user.has_perm("research.take_question", question),
            "joinable": question.status in JOINABLE,
            "Statuses": QuestionStatus,
            "related": related_sections(question, viewer),
        },
    )


def _supervisors(university_id: int):
    return (
        User.objects.filter(
            memberships__university_id=university_id,
            memberships__role__in=sorted(STAFF_ROLES),
            is_active=True,
        )
        .distinct()
        .order_by("full_name", "email")
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_create(request, need_id):
    need = get_object_or_404(need_queries.readable_needs(request.viewer), public_id=need_id)
    if not request.user.has_perm("research.propose_at", need.university):
        raise PermissionDenied
    form = QuestionForm(
        request.POST or None,
        units=Unit.objects.with_scopes_disabled()
        .filter(university_id=need.university_id)
        .order_by("name"),
        supervisors=_supervisors(need.university_id),
        initial={"visibility": "public"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            question = services.create_question(actor=request.user, need=need, values=form.values())
        except PermissionDenied:
            form.add_error("unit", _("You may not propose topics for this unit."))
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The topic is in the science shop."))
            return redirect(question)
    return render(request, "research/question_form.html", {"form": form, "need": need})


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, public_id):
    question = _visible_question(request, public_id)
    if not request.user.has_perm("research.change_researchquestion", question):
        raise PermissionDenied
    form = QuestionForm(
        request.POST or None,
        instance=question,
        units=Unit.objects.with_scopes_disabled()
        .filter(university_id=question.university_id)
        .order_by("name"),
        supervisors=_supervisors(question.university_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            question = services.update_question(
                actor=request.user, question=question, values=form.values()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The topic has been saved."))
            return redirect(question)
    return render(
        request,
        "research/question_form.html",
        {"form": form, "question": question, "need": question.need},
    )


def _act(request, question, run, done: str):
    try:
        run()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect(question)


@login_required
@require_POST
def question_take(request, public_id):
    question = _visible_question(request, public_id)
    if not request.user.has_perm("research.take_question", question):
        raise PermissionDenied
    return _act(
        request,
        question,
        lambda: services.take_question(actor=request.user, question=question),
        _("You have taken the topic; your supervisor will confirm it."),
    )


@login_required
@require_POST
def question_confirm(request, public_id, taker_id):
    question = _visible_question(request, public_id)
    if not request.user.has_perm("research.change_researchquestion", question):
        raise PermissionDenied
    taker = get_object_or_404(
        QuestionTaker.objects.with_scopes_disabled().select_related("question"),
        question=question,
        public_id=taker_id,
    )
    return _act(
        request,
        question,
        lambda: services.confirm_taker(actor=request.user, taker=taker),
        _("The student is confirmed on the topic."),
    )


@login_required
@require_POST
def question_withdraw(request, public_id):
    question = _visible_question(request, public_id)
    if not request.user.has_perm("research.change_researchquestion", question):
        raise PermissionDenied
    return _act(
        request,
        question,
        lambda: services.withdraw_question(actor=request.user, question=question),
        _("The topic has been withdrawn."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_complete(request, public_id):
    question = _visible_question(request, public_id)
    if not request.user.has_perm("research.change_researchquestion", question):
        raise PermissionDenied
    studies = queries.studies_visible_to(viewer_of(request.user)).filter(
        university_id=question.university_id
    )
    form = CompleteForm(request.POST or None, studies=studies)
    if request.method == "POST" and form.is_valid():
        try:
            services.complete_question(
                actor=request.user,
                question=question,
                summary=form.summary(),
                study=form.cleaned_data["study"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, _("The topic is completed; its summary is on the need's timeline.")
            )
            return redirect(question)
    return render(request, "research/question_complete.html", {"form": form, "question": question})
