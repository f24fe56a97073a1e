"""What hangs off a project: participants, updates with photos, evidence, and their files.

Files are streamed by views that ask who may read the project, never from MEDIA_URL.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qogam.core.uploads import stream_file
from qogam.projects import queries, services
from qogam.projects.forms import EvidenceForm, ParticipantForm, UpdateForm, add_service_error
from qogam.projects.models import Evidence, Participant, ProjectUpdate, UpdatePhoto
from qogam.projects.views.projects import visible_project


def _managed_project(request, public_id):
    project = visible_project(request, public_id)
    if not request.user.has_perm("projects.manage_project", project):
        raise PermissionDenied
    return project


def _part_form(request, project, form, title):
    return render(
        request, "projects/part_form.html", {"project": project, "form": form, "title": title}
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_add(request, public_id):
    project = _managed_project(request, public_id)
    form = ParticipantForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_participant(
                actor=request.user,
                project=project,
                user=form.cleaned_data["user"],
                role=form.cleaned_data["role"],
                hours=form.cleaned_data["hours"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The participant has been added."))
            return redirect(f"{project.get_absolute_url()}#participants")
    return _part_form(request, project, form, _("Add a participant"))


@login_required
@require_POST
def participant_remove(request, public_id, participant_id):
    project = _managed_project(request, public_id)
    participant = get_object_or_404(
        Participant.objects.with_scopes_disabled().filter(project=project),
        public_id=participant_id,
    )
    services.remove_participant(actor=request.user, participant=participant)
    messages.success(request, _("The participant has been removed."))
    return redirect(f"{project.get_absolute_url()}#participants")


@login_required
@require_http_methods(["GET", "POST"])
def update_create(request, public_id):
    project = _managed_project(request, public_id)
    form = UpdateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            update = services.post_update(
                actor=request.user,
                project=project,
                on=form.cleaned_data["on"],
                title=form.texts("title"),
                body=form.texts("body"),
                photos=form.cleaned_data["photos"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The update has been posted."))
            return redirect(f"{project.get_absolute_url()}#update-{update.public_id}")
    return _part_form(request, project, form, _("Post an update"))


@login_required
@require_POST
def update_delete(request, public_id, update_id):
    project = _managed_project(request, public_id)
    update = get_object_or_404(
        ProjectUpdate.objects.with_scopes_disabled().filter(project=project), public_id=update_id
    )
    services.delete_update(actor=request.user, update=update)
    messages.success(request, _("The update has been deleted."))
    return redirect(f"{project.get_absolute_url()}#updates")


@login_required
@require_http_methods(["GET", "POST"])
def evidence_add(request, public_id):
    project = _managed_project(request, public_id)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_evidence(
                actor=request.user,
                project=project,
                title=form.cleaned_data["title"],
                file=form.cleaned_data.get("file"),
                url=form.cleaned_data.get("url") or "",
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The evidence has been added."))
            return redirect(f"{project.get_absolute_url()}#evidence")
    return _part_form(request, project, form, _("Add evidence"))


@login_required
@require_POST
def evidence_remove(request, public_id, evidence_id):
    project = _managed_project(request, public_id)
    item = get_object_or_404(
        Evidence.objects.with_scopes_disabled().filter(project=project), public_id=evidence_id
    )
    services.remove_evidence(actor=request.user, evidence=item)
    messages.success(request, _("The evidence has been removed."))
    return redirect(f"{project.get_absolute_url()}#evidence")


def photo(request, public_id):
    readable = queries.projects_visible_to(request.viewer).values("pk")
    item = get_object_or_404(
        UpdatePhoto.objects.with_scopes_disabled().filter(update__project__in=readable),
        public_id=public_id,
    )
    return stream_file(item.file, item.name, inline=True)


def evidence_file(request, public_id):
    readable = queries.projects_visible_to(request.viewer).values("pk")
    item = get_object_or_404(
        Evidence.objects.with_scopes_disabled().filter(project__in=readable),
        public_id=public_id,
    )
    if not item.file:
        raise Http404
    name = item.file.name.rsplit("/", 1)[-1]
    return stream_file(item.file, name, inline=item.is_image)
