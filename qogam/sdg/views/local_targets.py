"""A university's local SDG targets: its own targets, each set under one of the UN's 169.

Its staff read the list (as they read the SDG profile); the office and the administrators
add, change and delete them. The university is chosen like the profile's: ?university=<slug>
among the viewer's, else the first.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from qogam.core.forms import add_service_error
from qogam.organisations.models import University
from qogam.sdg import profile as profile_queries
from qogam.sdg import services
from qogam.sdg.forms_local import LocalTargetForm
from qogam.sdg.goals import goal_title, target_title
from qogam.sdg.models import LocalTarget
from qogam.sdg.rules import TAGGING_ROLES


@dataclass
class TargetGroup:
    code: str
    title: str
    local_targets: list[LocalTarget] = field(default_factory=list)


@dataclass
class GoalGroup:
    goal: int
    title: str
    targets: list[TargetGroup] = field(default_factory=list)


def grouped_local_targets(university_id: int) -> list[GoalGroup]:
    """The university's local targets by goal, then by UN target, in the UN's order (one query)."""
    local_targets = LocalTarget.objects.filter(university_id=university_id).select_related(
        "target__goal"
    )
    groups: list[GoalGroup] = []
    for local in local_targets:
        goal = local.target.goal.number
        if not groups or groups[-1].goal != goal:
            groups.append(GoalGroup(goal, goal_title(goal)))
        targets = groups[-1].targets
        if not targets or targets[-1].code != local.target.code:
            targets.append(TargetGroup(local.target.code, target_title(local.target.code)))
        targets[-1].local_targets.append(local)
    return groups


def _list_url(university: University) -> str:
    return f"{reverse('sdg:local_targets')}?{urlencode({'university': university.slug})}"


def _managed_universities(request) -> list[University]:
    """The active universities whose office (or administration) the viewer belongs to."""
    if not request.user.has_perm("sdg.run_tagging"):
        raise PermissionDenied
    ids = sorted(request.viewer.university_ids_with(*TAGGING_ROLES))
    return list(University.objects.filter(is_active=True, pk__in=ids).order_by("pk"))


def _managed_local_target(request, public_id) -> LocalTarget:
    # Looked up among the viewer's own universities: another university's target is a 404.
    universities = _managed_universities(request)
    local = get_object_or_404(
        LocalTarget.objects.filter(university__in=universities).select_related(
            "target", "university"
        ),
        public_id=public_id,
    )
    if not request.user.has_perm("sdg.run_tagging", local):
        raise PermissionDenied
    return local


@login_required
@require_GET
def local_target_list(request):
    if not request.user.has_perm("sdg.view_profile"):
        raise PermissionDenied
    universities = profile_queries.profile_universities(request.viewer)
    university = profile_queries.choose_university(universities, request.GET.get("university"))
    if university is None or not request.user.has_perm("sdg.view_profile", university):
        raise PermissionDenied
    return render(
        request,
        "sdg/local_target_list.html",
        {
            "universities": universities,
            "university": university,
            "groups": grouped_local_targets(university.pk),
            "may_manage": request.user.has_perm("sdg.run_tagging", university),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def local_target_create(request):
    universities = _managed_universities(request)
    university = profile_queries.choose_university(universities, request.GET.get("university"))
    if university is None:
        raise PermissionDenied
    form = LocalTargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_local_target(
                actor=request.user, university=university, values=form.values()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The local target has been added."))
            return redirect(_list_url(university))
    return render(
        request,
        "sdg/local_target_form.html",
        {"form": form, "university": university, "universities": universities},
    )


@login_required
@require_http_methods(["GET", "POST"])
def local_target_edit(request, public_id):
    local = _managed_local_target(request, public_id)
    form = LocalTargetForm(request.POST or None, instance=local)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_local_target(
                actor=request.user,
                university=local.university,
                values=form.values(),
                local_target=local,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The local target has been saved."))
            return redirect(_list_url(local.university))
    return render(
        request,
        "sdg/local_target_form.html",
        {"form": form, "university": local.university, "local_target": local},
    )


@login_required
@require_http_methods(["GET", "POST"])
def local_target_delete(request, public_id):
    local = _managed_local_target(request, public_id)
    if request.method == "POST":
        services.delete_local_target(actor=request.user, local_target=local)
        messages.success(request, _("The local target has been deleted."))
        return redirect(_list_url(local.university))
    return render(
        request,
        "sdg/local_target_delete.html",
        {"local_target": local, "university": local.university},
    )
