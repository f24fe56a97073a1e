"""The network's pages: the library of good practices, a practice, publishing and adopting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from qogam.core.enums import Component
from qogam.network import queries_practices as queries
from qogam.network.forms_practices import (
    AdoptionForm,
    PracticeFilterForm,
    PracticeForm,
    add_service_error,
)
from qogam.network.models import GoodPractice, PracticeAdoption
from qogam.network.queries import active_member_ids
from qogam.network.services import practices as services

PER_PAGE = 20


def _adopting_universities(request, practice: GoodPractice):
    """The viewer's universities (by office) that may still adopt the practice."""
    members = active_member_ids()
    taken = set(
        PracticeAdoption.objects.with_scopes_disabled()
        .filter(practice=practice)
        .values_list("university_id", flat=True)
    )
    return (
        queries.offices_of(request.viewer)
        .filter(pk__in=sorted(members - taken))
        .exclude(pk=practice.university_id)
    )


@login_required
@require_GET
def practice_list(request):
    viewer = request.viewer
    form = PracticeFilterForm(request.GET or None, themes=queries.themes(viewer))
    qs = queries.library(viewer, **form.filters())
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "network/practices/list.html",
        {
            "form": form,
            "page": page,
            "can_publish": queries.offices_of(viewer).exists(),
        },
    )


def _visible_practice(request, public_id) -> GoodPractice:
    return get_object_or_404(queries.practices_visible_to(request.viewer), public_id=public_id)


@login_required
@require_GET
def practice_detail(request, public_id):
    practice = _visible_practice(request, public_id)
    viewer, user = request.viewer, request.user
    adoptions = queries.adoptions_of(practice, viewer)
    return render(
        request,
        "network/practices/detail.html",
        {
            "practice": practice,
            "projects": queries.practice_projects(practice, viewer),
            "adoptions": adoptions,
            # Contacts are for the network's members (and the practice's own staff) only.
            "show_contact": queries.in_network(viewer)
            or practice.university_id in viewer.staff_university_ids,
            "can_change": user.has_perm("network.change_goodpractice", practice),
            "can_adopt": _adopting_universities(request, practice).exists(),
            "component_labels": practice_components(practice),
        },
    )


def practice_components(practice: GoodPractice) -> list[str]:
    labels = dict(Component.choices)
    return [str(labels.get(code, code)) for code in practice.components]


@login_required
@require_http_methods(["GET", "POST"])
def practice_create(request):
    universities = queries.offices_of(request.viewer)
    if not universities.exists():
        raise PermissionDenied
    form = PracticeForm(
        request.POST or None, universities=universities, project_source=queries.own_projects
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                practice = services.publish_practice(
                    actor=request.user,
                    university=form.instance.university,
                    values=form.values(),
                    projects=list(form.cleaned_data.get("projects") or []),
                )
                form.save_sdg_choices(practice, request.user)
        except ValidationError as exc:
            add_service_error(form, exc)
        except PermissionDenied as exc:
            form.add_error("university" if "university" in form.fields else None, str(exc))
        else:
            messages.success(request, _("The practice has been published."))
            return redirect(practice)
    return render(request, "network/practices/form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request, public_id):
    practice = _visible_practice(request, public_id)
    if not request.user.has_perm("network.change_goodpractice", practice):
        raise PermissionDenied
    form = PracticeForm(
        request.POST or None, instance=practice, project_source=queries.own_projects
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                practice = services.update_practice(
                    actor=request.user,
                    practice=practice,
                    values=form.values(),
                    projects=list(form.cleaned_data.get("projects") or []),
                )
                form.save_sdg_choices(practice, request.user)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The practice has been saved."))
            return redirect(practice)
    return render(request, "network/practices/form.html", {"form": form, "practice": practice})


@login_required
@require_http_methods(["GET", "POST"])
def practice_adopt(request, public_id):
    practice = _visible_practice(request, public_id)
    universities = _adopting_universities(request, practice)
    if not universities.exists():
        raise PermissionDenied
    form = AdoptionForm(
        request.POST or None,
        universities=universities,
        projects=queries.own_projects(universities.values_list("pk", flat=True)),
        initial={"adopted_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.adopt_practice(
                actor=request.user,
                practice=practice,
                university=data["university"],
                project=data["project"],
                note=data["note"],
                adopted_on=data["adopted_on"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The adoption has been recorded."))
            return redirect(practice)
    return render(request, "network/practices/adopt.html", {"form": form, "practice": practice})


urlpatterns = [
    path("practices/", practice_list, name="practices"),
    path("practices/new/", practice_create, name="practice_create"),
    path("practices/<uuid:public_id>/", practice_detail, name="practice"),
    path("practices/<uuid:public_id>/edit/", practice_edit, name="practice_edit"),
    path("practices/<uuid:public_id>/adopt/", practice_adopt, name="practice_adopt"),
]
