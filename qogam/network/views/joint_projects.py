"""The network's pages: joint projects of several member universities and their parts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from qogam.network import queries_practices as queries
from qogam.network.forms_practices import JointProjectForm, PartForm, add_service_error
from qogam.network.models import JointProject
from qogam.network.services import joint_projects as services

PER_PAGE = 20


def _leads(request):
    """Universities the viewer may start a joint project for: its offices' members."""
    return queries.offices_of(request.viewer).filter(
        pk__in=queries.member_universities().values("pk")
    )


@login_required
@require_GET
def joint_list(request):
    page = Paginator(queries.joint_list(request.viewer), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "network/joint/list.html",
        {"page": page, "can_add": _leads(request).exists()},
    )


def _visible_joint(request, public_id) -> JointProject:
    return get_object_or_404(queries.joint_projects_visible_to(request.viewer), public_id=public_id)


@login_required
@require_GET
def joint_detail(request, public_id):
    joint = _visible_joint(request, public_id)
    user = request.user
    parts = queries.parts_of(joint, request.viewer)
    for part in parts:
        part.can_change = user.has_perm("network.change_jointprojectpart", part)
    return render(
        request,
        "network/joint/detail.html",
        {
            "joint": joint,
            "parts": parts,
            "can_change": user.has_perm("network.change_jointproject", joint),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def joint_create(request):
    leads = _leads(request)
    if not leads.exists():
        raise PermissionDenied
    form = JointProjectForm(
        request.POST or None, leads=leads, members=queries.member_universities()
    )
    if request.method == "POST" and form.is_valid():
        try:
            joint = services.create_joint_project(
                actor=request.user,
                lead_university=form.cleaned_data["lead_university"],
                values=form.values(),
                partners=list(form.cleaned_data["partners"]),
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        except PermissionDenied as exc:
            form.add_error("lead_university", str(exc))
        else:
            messages.success(request, _("The joint project has been created."))
            return redirect(joint)
    return render(request, "network/joint/form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def joint_edit(request, public_id):
    joint = _visible_joint(request, public_id)
    if not request.user.has_perm("network.change_jointproject", joint):
        raise PermissionDenied
    form = JointProjectForm(
        request.POST or None, instance=joint, members=queries.member_universities()
    )
    if request.method == "POST" and form.is_valid():
        try:
            joint = services.update_joint_project(
                actor=request.user,
                joint=joint,
                values=form.values(),
                partners=list(form.cleaned_data["partners"]),
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The joint project has been saved."))
            return redirect(joint)
    return render(request, "network/joint/form.html", {"form": form, "joint": joint})


@login_required
@require_http_methods(["GET", "POST"])
def part_edit(request, public_id, part_id):
    joint = _visible_joint(request, public_id)
    part = queries.part_of(joint, part_id)
    if part is None:
        raise Http404
    if not request.user.has_perm("network.change_jointprojectpart", part):
        raise PermissionDenied
    form = PartForm(
        request.POST or None,
        projects=queries.own_projects([part.university_id]),
        initial={"contribution": part.contribution, "project": part.project_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_part(
                actor=request.user,
                part=part,
                contribution=form.cleaned_data["contribution"],
                project=form.cleaned_data["project"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Your part has been saved."))
            return redirect(joint)
    return render(
        request, "network/joint/part_form.html", {"form": form, "joint": joint, "part": part}
    )


urlpatterns = [
    path("joint-projects/", joint_list, name="joint_projects"),
    path("joint-projects/new/", joint_create, name="joint_project_create"),
    path("joint-projects/<uuid:public_id>/", joint_detail, name="joint_project"),
    path("joint-projects/<uuid:public_id>/edit/", joint_edit, name="joint_project_edit"),
    path(
        "joint-projects/<uuid:public_id>/parts/<uuid:part_id>/",
        part_edit,
        name="joint_part_edit",
    ),
]
