"""Bulk tagging pages: the runs, a run's progress, and the review queue of suggestions.

A run's page polls its progress partial with HTMX every two seconds while the run waits or
reads; the partial it gets back stops the polling once the run has finished. Accepting or
rejecting a suggestion is a plain form POST that redirects back to the queue; with HTMX the
decided row alone is swapped.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qogam.core.forms import add_service_error
from qogam.organisations.models import University
from qogam.organisations.queries import choose_university
from qogam.sdg import bulk, registry, services
from qogam.sdg.enums import RunStatus
from qogam.sdg.forms_bulk import ReviewFilterForm, TaggingRunForm
from qogam.sdg.models import TaggingRun
from qogam.sdg.rules import TAGGING_ROLES
from qogam.sdg.tagger import CONFIDENT

RUNS_PER_PAGE = 20


def _university(request) -> University:
    """The university whose runs and suggestions the page shows: ?university=<slug> among
    those whose office (or administration) the person belongs to, else the first of them."""
    ids = sorted(request.viewer.university_ids_with(*TAGGING_ROLES))
    universities = University.objects.filter(is_active=True, pk__in=ids).order_by("pk")
    university = choose_university(universities, request.GET.get("university"))
    if university is None:
        raise PermissionDenied
    return university


def _kind_labels(keys) -> list[str]:
    labels = []
    for key in keys:
        kind = registry.taggable(key)
        labels.append(str(kind.label) if kind else key)
    return labels


@login_required
@require_http_methods(["GET", "POST"])
def run_list(request):
    if not request.user.has_perm("sdg.run_tagging"):
        raise PermissionDenied
    university = _university(request)
    form = TaggingRunForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            run, created = bulk.start_tagging_run(
                actor=request.user,
                university=university,
                kinds=form.cleaned_data["kinds"],
                only_untagged=form.cleaned_data["only_untagged"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            if created:
                messages.success(
                    request, _("The run has started: the records are read in the background.")
                )
            else:
                messages.info(
                    request,
                    _("A run is already under way for this university; here is its progress."),
                )
            return redirect(run)
    runs = TaggingRun.objects.filter(university=university).select_related("requested_by")
    page = Paginator(runs, RUNS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "sdg/run_list.html",
        {
            "university": university,
            "form": form,
            "page": page,
            "runs": [(run, _kind_labels(run.kinds)) for run in page.object_list],
            "waiting": bulk.waiting_suggestions(university_id=university.pk).count(),
        },
    )


def _run(request, public_id) -> TaggingRun:
    run = (
        TaggingRun.objects.filter(public_id=public_id)
        .select_related("requested_by", "university")
        .first()
    )
    if run is None or not request.user.has_perm("sdg.run_tagging", run):
        raise Http404
    return run


def _progress_context(run: TaggingRun) -> dict:
    return {
        "run": run,
        "polling": run.status in bulk.UNFINISHED,
        "is_done": run.status == RunStatus.DONE,
        "is_failed": run.status == RunStatus.FAILED,
    }


@login_required
@require_GET
def run_detail(request, public_id):
    run = _run(request, public_id)
    context = _progress_context(run)
    context["kind_labels"] = _kind_labels(run.kinds)
    return render(request, "sdg/run_detail.html", context)


@login_required
@require_GET
def run_progress(request, public_id):
    return render(request, "sdg/_run_progress.html", _progress_context(_run(request, public_id)))


@login_required
@require_GET
def review(request):
    if not request.user.has_perm("sdg.run_tagging"):
        raise PermissionDenied
    university = _university(request)
    form = ReviewFilterForm(request.GET or None)
    kind, goal = "", None
    if form.is_valid():
        kind, goal = form.cleaned_data["kind"], form.cleaned_data["goal"]
    page, items = bulk.review_page(
        university_id=university.pk,
        kind_key=kind,
        goal=goal,
        page_number=request.GET.get("page"),
    )
    return render(
        request,
        "sdg/review.html",
        {
            "university": university,
            "form": form,
            "page": page,
            "items": items,
            "confident": CONFIDENT,
            "next": request.get_full_path(),
        },
    )


def _next_url(request) -> str:
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("sdg:review")


@login_required
@require_POST
def decide(request, public_id):
    row = bulk.suggestion_of(university_ids=request.viewer.university_ids, public_id=public_id)
    if row is None or not request.user.has_perm("sdg.run_tagging", row):
        raise Http404
    decision = request.POST.get("decision")
    error = ""
    if decision not in {"accept", "reject"}:
        error = _("Choose whether to accept or reject the suggestion.")
    else:
        try:
            services.decide_suggestion(actor=request.user, row=row, accept=decision == "accept")
        except ValidationError as exc:
            error = " ".join(exc.messages)
        except PermissionDenied as exc:
            error = str(exc) or _("You may not change this record's goals.")
    if request.htmx:
        row.refresh_from_db()
        return render(
            request,
            "sdg/review_row.html",
            {"row": row, "error": error, "confident": CONFIDENT, "next": _next_url(request)},
        )
    if error:
        messages.error(request, error)
    elif decision == "accept":
        messages.success(request, _("The goal is added to the record."))
    else:
        messages.success(request, _("The suggestion is rejected; it will not be made again."))
    return redirect(_next_url(request))
