"""The network's pages: conferences, the resolutions they adopt, the implementation of each
recommendation across the members, and each member's responses."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from qogam.core.forms import add_service_error
from qogam.core.i18n import translated
from qogam.network import exports
from qogam.network import queries_conferences as queries
from qogam.network.forms_conferences import (
    ConferenceForm,
    ParticipantForm,
    RecommendationForm,
    ResolutionForm,
    ResponseForm,
    SectionForm,
)
from qogam.network.models import RecommendationResponse
from qogam.network.rules import OFFICE_ROLES
from qogam.network.services import conferences as services
from qogam.organisations.models import University


def _conference_or_404(request, public_id):
    conference = queries.readable_conference(request.viewer, public_id)
    if conference is None:
        raise Http404
    return conference


def _resolution_or_404(request, public_id):
    resolution = queries.readable_resolution(request.viewer, public_id)
    if resolution is None:
        raise Http404
    return resolution


def _recommendation_or_404(request, public_id):
    recommendation = queries.readable_recommendation(request.viewer, public_id)
    if recommendation is None:
        raise Http404
    return recommendation


def _require(request, perm: str, record=None) -> None:
    if not request.user.has_perm(perm, record):
        raise PermissionDenied


def _may_answer_for(user, university) -> bool:
    probe = RecommendationResponse(university=university)
    return user.has_perm("network.change_recommendationresponse", probe)


def _may_read_responses_of(viewer, university) -> bool:
    # Notes and evidence are the university's own: its staff and the network's administrators
    # read them; the other members see statuses only, in the implementation table.
    return viewer.is_network_admin or university.pk in viewer.staff_university_ids


def _form_page(request, form, *, heading: str, cancel_url: str, back=None):
    return render(
        request,
        "network/conferences/form.html",
        {"form": form, "heading": heading, "cancel_url": cancel_url, "back": back},
    )


# --- Conferences -----------------------------------------------------------------------------


@require_http_methods(["GET"])
def conference_list(request):
    conferences = list(queries.conferences_visible_to(request.viewer))
    return render(
        request,
        "network/conferences/conference_list.html",
        {
            "conferences": conferences,
            "can_create": request.user.has_perm("network.add_conference"),
            "is_member_viewer": queries.is_member_viewer(request.viewer),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def conference_create(request):
    _require(request, "network.add_conference")
    form = ConferenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conference = services.create_conference(actor=request.user, values=form.values())
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The conference is created. Add its sections next."))
            return redirect(conference)
    return _form_page(
        request,
        form,
        heading=_("New conference of the network"),
        cancel_url=reverse("network:conferences"),
    )


@require_http_methods(["GET"])
def conference_detail(request, public_id):
    conference = queries.conference_page(_conference_or_404(request, public_id))
    return render(
        request,
        "network/conferences/conference_detail.html",
        {
            "conference": conference,
            "can_manage": request.user.has_perm("network.change_conference", conference),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def conference_edit(request, public_id):
    conference = _conference_or_404(request, public_id)
    _require(request, "network.change_conference", conference)
    form = ConferenceForm(request.POST or None, instance=conference)
    if request.method == "POST" and form.is_valid():
        try:
            conference = services.update_conference(
                actor=request.user, conference=conference, values=form.values()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The conference is saved."))
            return redirect(conference)
    return _form_page(
        request,
        form,
        heading=_("Change the conference"),
        cancel_url=conference.get_absolute_url(),
        back=conference,
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_create(request, public_id):
    conference = _conference_or_404(request, public_id)
    _require(request, "network.change_conference", conference)
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_section(actor=request.user, conference=conference, values=form.values())
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The section is added."))
            return redirect(conference)
    return _form_page(
        request,
        form,
        heading=_("Add a section of the conference"),
        cancel_url=conference.get_absolute_url(),
        back=conference,
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_create(request, public_id):
    conference = _conference_or_404(request, public_id)
    _require(request, "network.change_conference", conference)
    form = ParticipantForm(request.POST or None, conference=conference)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_participant(
                actor=request.user, conference=conference, values=form.values()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The participant is added."))
            return redirect(conference)
    return _form_page(
        request,
        form,
        heading=_("Add a participant of the conference"),
        cancel_url=conference.get_absolute_url(),
        back=conference,
    )


# --- Resolutions and recommendations ---------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def resolution_create(request, public_id):
    conference = _conference_or_404(request, public_id)
    _require(request, "network.add_resolution")
    form = ResolutionForm(request.POST or None, initial={"adopted_on": conference.ends_on})
    if request.method == "POST" and form.is_valid():
        try:
            resolution = services.adopt_resolution(
                actor=request.user, conference=conference, values=form.values()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The resolution is saved. Add its recommendations next."))
            return redirect(resolution)
    return _form_page(
        request,
        form,
        heading=_("The conference's resolution"),
        cancel_url=conference.get_absolute_url(),
        back=conference,
    )


def _answerable_universities(request) -> list[University]:
    """The active members the viewer answers for (its office's or administrator's)."""
    return queries.member_universities(request.viewer.university_ids_with(*OFFICE_ROLES))


@require_http_methods(["GET"])
def resolution_detail(request, public_id):
    resolution = _resolution_or_404(request, public_id)
    table = None
    if queries.is_member_viewer(request.viewer):
        table = queries.implementation_table(resolution)
    return render(
        request,
        "network/conferences/resolution_detail.html",
        {
            "resolution": resolution,
            "conference": resolution.conference,
            "recommendations": list(resolution.recommendations.all()),
            "table": table,
            "own_universities": _answerable_universities(request),
            "can_manage": request.user.has_perm("network.change_resolution", resolution),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def resolution_edit(request, public_id):
    resolution = _resolution_or_404(request, public_id)
    _require(request, "network.change_resolution", resolution)
    form = ResolutionForm(request.POST or None, instance=resolution)
    if request.method == "POST" and form.is_valid():
        try:
            resolution = services.update_resolution(
                actor=request.user, resolution=resolution, values=form.values()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The resolution is saved."))
            return redirect(resolution)
    return _form_page(
        request,
        form,
        heading=_("Change the resolution"),
        cancel_url=resolution.get_absolute_url(),
        back=resolution,
    )


@login_required
@require_http_methods(["GET"])
def resolution_xlsx(request, public_id):
    resolution = _resolution_or_404(request, public_id)
    if not queries.is_member_viewer(request.viewer):
        raise PermissionDenied
    table = queries.implementation_table(resolution)
    content = exports.implementation_workbook(table, language=translation.get_language())
    name = slugify(resolution.title_en or "") or "resolution"
    response = HttpResponse(content, content_type=exports.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}-implementation.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_create(request, public_id):
    resolution = _resolution_or_404(request, public_id)
    _require(request, "network.add_recommendation")
    form = RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_recommendation(
                actor=request.user, resolution=resolution, values=form.values()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The recommendation is added."))
            return redirect(resolution)
    return _form_page(
        request,
        form,
        heading=_("Add a recommendation"),
        cancel_url=resolution.get_absolute_url(),
        back=resolution,
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_edit(request, public_id):
    recommendation = _recommendation_or_404(request, public_id)
    _require(request, "network.change_recommendation", recommendation)
    resolution = recommendation.resolution
    form = RecommendationForm(request.POST or None, instance=recommendation)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_recommendation(
                actor=request.user, recommendation=recommendation, values=form.values()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The recommendation is saved."))
            return redirect(resolution)
    return _form_page(
        request,
        form,
        heading=_("Change the recommendation"),
        cancel_url=resolution.get_absolute_url(),
        back=resolution,
    )


# --- Members' responses ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def member_responses(request, public_id, slug):
    """A member's own page: its response to each recommendation, with notes and evidence."""
    resolution = _resolution_or_404(request, public_id)
    university = get_object_or_404(University, slug=slug)
    if not _may_read_responses_of(request.viewer, university):
        raise PermissionDenied
    responses = queries.responses_of(resolution, university)
    rows = [
        (recommendation, responses.get(recommendation.pk))
        for recommendation in resolution.recommendations.all()
    ]
    return render(
        request,
        "network/conferences/member_responses.html",
        {
            "resolution": resolution,
            "university": university,
            "rows": rows,
            "can_answer": _may_answer_for(request.user, university),
            "refusal": services.membership_refusal(university),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def response_edit(request, public_id, slug):
    """The university's response to one recommendation, recorded or changed in place."""
    university = get_object_or_404(University, slug=slug)
    if not _may_answer_for(request.user, university):
        raise PermissionDenied
    recommendation = queries.readable_recommendation(request.viewer, public_id)
    if recommendation is None:
        # An office of a university that is not (or no longer) a member cannot read the
        # recommendation, but is told why it may not answer rather than "not found".
        refusal = services.membership_refusal(university)
        if refusal and queries.recommendation_exists(public_id):
            return render(
                request,
                "network/conferences/refused.html",
                {"refusal": refusal, "university": university},
                status=403,
            )
        raise Http404
    resolution = recommendation.resolution
    current = queries.response_of(recommendation, university)
    initial = {}
    if current is not None:
        initial = {
            "status": current.status,
            "note": current.note,
            "measures": [m.pk for m in current.measures.all()],
            "projects": [p.pk for p in current.projects.all()],
        }
    form = ResponseForm(request.POST or None, initial=initial, university=university)
    refusal = services.membership_refusal(university)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_response(
                actor=request.user,
                recommendation=recommendation,
                university=university,
                status=data["status"],
                note=data["note"],
                measures=data["measures"],
                projects=data["projects"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The response is saved."))
            return redirect(
                "network:member_responses", public_id=resolution.public_id, slug=university.slug
            )
    return render(
        request,
        "network/conferences/response_form.html",
        {
            "form": form,
            "recommendation": recommendation,
            "resolution": resolution,
            "university": university,
            "refusal": refusal,
            "university_name": translated(university, "name"),
        },
    )


urlpatterns = [
    path("conferences/", conference_list, name="conferences"),
    path("conferences/new/", conference_create, name="conference_create"),
    path("conferences/<uuid:public_id>/", conference_detail, name="conference"),
    path("conferences/<uuid:public_id>/edit/", conference_edit, name="conference_edit"),
    path("conferences/<uuid:public_id>/sections/new/", section_create, name="section_create"),
    path(
        "conferences/<uuid:public_id>/participants/new/",
        participant_create,
        name="participant_create",
    ),
    path(
        "conferences/<uuid:public_id>/resolution/new/",
        resolution_create,
        name="resolution_create",
    ),
    path("resolutions/<uuid:public_id>/", resolution_detail, name="resolution"),
    path("resolutions/<uuid:public_id>/edit/", resolution_edit, name="resolution_edit"),
    path(
        "resolutions/<uuid:public_id>/implementation.xlsx",
        resolution_xlsx,
        name="resolution_xlsx",
    ),
    path(
        "resolutions/<uuid:public_id>/recommendations/new/",
        recommendation_create,
        name="recommendation_create",
    ),
    path(
        "recommendations/<uuid:public_id>/edit/",
        recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "resolutions/<uuid:public_id>/responses/<slug:slug>/",
        member_responses,
        name="member_responses",
    ),
    path(
        "recommendations/<uuid:public_id>/respond/<slug:slug>/",
        response_edit,
        name="response_edit",
    ),
]
