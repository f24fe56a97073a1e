"""Pages for the project spreadsheet: export, and import through a preview.

Between the preview and the confirmation the uploaded file waits in Django storage under a
random name; the session holds that name, the file's SHA-256 and the chosen university (as
the partners' import does). The confirmation re-reads and re-checks the stored file.
"""

import hashlib
import secrets

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qogam.core.enums import Component
from qogam.organisations.models import University
from qogam.projects import importing, queries
from qogam.projects.enums import ProjectKind, ProjectStatus
from qogam.projects.views.projects import filtered_projects

SESSION_KEY = "projects_import"
STORAGE_FOLDER = "imports/projects"
PREVIEW_LIMIT = 200


class ImportUploadForm(forms.Form):
    university = forms.ModelChoiceField(
        label=gettext_lazy("University"), queryset=University.objects.none()
    )
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy("An Excel workbook (.xlsx) or a CSV file in UTF-8 (.csv)."),
    )

    def __init__(self, *args, universities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["university"].queryset = universities
        only = list(universities[:2])
        if len(only) == 1:
            self.fields["university"].initial = only[0].pk
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.csv"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit_mb = settings.UPLOAD_MAX_MB
        if upload.size > limit_mb * 1024 * 1024:
            raise ValidationError(
                _("The file is %(size).1f MB; the limit is %(limit)d MB.")
                % {"size": upload.size / 1024 / 1024, "limit": limit_mb},
                code="too_large",
            )
        content = upload.read()
        if not importing.read_rows(upload.name, content):
            raise ValidationError(_("The file has a header but no projects."), code="no_rows")
        self.cleaned_data["content"] = content
        return upload


def _importable(request):
    universities = queries.universities_for_new_projects(request.viewer)
    allowed = [
        u.pk for u in universities if request.user.has_perm("projects.import_projects_of", u)
    ]
    return universities.filter(pk__in=allowed)


@require_GET
def project_export(request):
    file_format = request.GET.get("format", "xlsx")
    if file_format not in importing.FORMATS:
        return HttpResponseBadRequest(_("Choose the format xlsx or csv."))
    _form, projects = filtered_projects(request)
    content = importing.export_projects(projects, file_format)
    response = HttpResponse(content, content_type=importing.CONTENT_TYPES[file_format])
    filename = f"projects-{timezone.localdate().isoformat()}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _discard_pending(request) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending and default_storage.exists(pending["path"]):
        default_storage.delete(pending["path"])


def _stored_file(request):
    pending = request.session.get(SESSION_KEY)
    if not pending:
        return None
    try:
        with default_storage.open(pending["path"], "rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        content = None
    if content is None or hashlib.sha256(content).hexdigest() != pending["sha256"]:
        _discard_pending(request)
        return None
    return pending, content


@login_required
@require_http_methods(["GET", "POST"])
def project_import(request):
    universities = _importable(request)
    if not universities.exists():
        raise PermissionDenied
    if request.method == "POST":
        chosen = University.objects.filter(pk=request.POST.get("university") or None).first()
        if chosen is not None and not request.user.has_perm("projects.import_projects_of", chosen):
            raise PermissionDenied
    form = ImportUploadForm(request.POST or None, request.FILES or None, universities=universities)
    if request.method == "POST" and form.is_valid():
        _discard_pending(request)
        upload = form.cleaned_data["file"]
        content = form.cleaned_data["content"]
        extension = upload.name.rsplit(".", 1)[-1].lower()
        path = default_storage.save(
            f"{STORAGE_FOLDER}/{secrets.token_hex(16)}.{extension}", ContentFile(content)
        )
        request.session[SESSION_KEY] = {
            "path": path,
            "sha256": hashlib.sha256(content).hexdigest(),
            "university": form.cleaned_data["university"].pk,
            "filename": upload.name,
        }
        return redirect("projects:import_preview")
    return render(
        request,
        "projects/import_upload.html",
        {
            "form": form,
            "columns": importing.COLUMNS,
            "required_columns": importing.REQUIRED_COLUMNS,
            "kinds": ProjectKind.choices,
            "statuses": ProjectStatus.choices,
            "components": Component.choices,
        },
    )


@login_required
@require_GET
def project_import_preview(request):
    stored = _stored_file(request)
    if stored is None:
        messages.error(request, _("There is no file waiting to be imported; upload it again."))
        return redirect("projects:import")
    pending, content = stored
    university = University.objects.get(pk=pending["university"])
    try:
        rows = importing.read_rows(pending["filename"], content)
    except ValidationError as exc:
        _discard_pending(request)
        messages.error(request, exc.messages[0])
        return redirect("projects:import")
    plan = importing.plan_import(actor=request.user, university=university, rows=rows)
    return render(
        request,
        "projects/import_preview.html",
        {
            "plan": plan,
            "pending": pending,
            "university": university,
            "row_count": len(rows),
            "problems": plan.problems[: PREVIEW_LIMIT * 5],
            "to_create": plan.to_create[:PREVIEW_LIMIT],
            "to_update": plan.to_update[:PREVIEW_LIMIT],
        },
    )


@login_required
@require_POST
def project_import_confirm(request):
    stored = _stored_file(request)
    if stored is None or request.POST.get("sha256") != stored[0]["sha256"]:
        messages.error(request, _("The file changed or is gone; upload it again."))
        return redirect("projects:import")
    pending, content = stored
    if "cancel" in request.POST:
        _discard_pending(request)
        messages.success(request, _("The import was cancelled; nothing was saved."))
        return redirect("projects:import")
    university = University.objects.get(pk=pending["university"])
    rows = importing.read_rows(pending["filename"], content)
    try:
        plan = importing.import_projects(actor=request.user, university=university, rows=rows)
    except importing.ImportRefused:
        messages.error(
            request, _("The projects changed since the preview and some rows now have problems.")
        )
        return redirect("projects:import_preview")
    _discard_pending(request)
    messages.success(
        request,
        _("Import done: %(created)d projects added, %(updated)d updated, %(unchanged)d unchanged.")
        % {
            "created": len(plan.to_create),
            "updated": len(plan.to_update),
            "unchanged": len(plan.unchanged),
        },
    )
    return redirect("projects:list")
