"""Pages for the partner spreadsheet: export, and import through a preview.

Between the preview and the confirmation the uploaded file waits in Django storage under a
random name; the session holds that name, the file's SHA-256 and the chosen university. The
confirmation re-reads and re-checks the stored file; no row travels through the browser.
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

from qogam.organisations.models import University
from qogam.partners import importing, queries
from qogam.partners.enums import OrganisationKind, Region
from qogam.partners.views.organisations import filtered_partners

SESSION_KEY = "partners_import"
STORAGE_FOLDER = "imports/partners"
# The preview lists at most this many rows of each kind; the counts are always whole.
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
            # Refused before reading it into memory.
            raise ValidationError(
                _("The file is %(size).1f MB; the limit is %(limit)d MB.")
                % {"size": upload.size / 1024 / 1024, "limit": limit_mb},
                code="too_large",
            )
        content = upload.read()
        rows = importing.read_rows(upload.name, content)
        if not rows:
            raise ValidationError(_("The file has a header but no partners."), code="no_rows")
        self.cleaned_data["content"] = content
        return upload


@login_required
@require_GET
def partner_export(request):
    file_format = request.GET.get("format", "xlsx")
    if file_format not in importing.FORMATS:
        return HttpResponseBadRequest(_("Choose the format xlsx or csv."))
    _form, partners = filtered_partners(request)
    content = importing.export_organisations(partners, file_format)
    response = HttpResponse(content, content_type=importing.CONTENT_TYPES[file_format])
    filename = f"partners-{timezone.localdate().isoformat()}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _pending(request) -> dict | None:
    return request.session.get(SESSION_KEY)


def _discard_pending(request) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending and default_storage.exists(pending["path"]):
        default_storage.delete(pending["path"])


def _stored_file(request) -> tuple[dict, bytes] | None:
    """The pending upload and its bytes, or None (and nothing pending) if it is gone or changed."""
    pending = _pending(request)
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
def partner_import(request):
    universities = queries.universities_managed_by(request.viewer)
    if not universities.exists():
        raise PermissionDenied
    if request.method == "POST":
        # Choosing another university's id is refused outright, not shown as a form error.
        chosen = University.objects.filter(pk=request.POST.get("university") or None).first()
        if chosen is not None and not request.user.has_perm("partners.manage_partners_of", chosen):
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
        return redirect("partners:import_preview")
    return render(
        request,
        "partners/import_upload.html",
        {
            "form": form,
            "columns": importing.COLUMNS,
            "required_columns": importing.REQUIRED_COLUMNS,
            "kinds": OrganisationKind.choices,
            "regions": Region.choices,
            "max_rows": importing.MAX_ROWS,
        },
    )


@login_required
@require_GET
def partner_import_preview(request):
    stored = _stored_file(request)
    if stored is None:
        messages.error(request, _("There is no file waiting to be imported; upload it again."))
        return redirect("partners:import")
    pending, content = stored
    university = University.objects.get(pk=pending["university"])
    try:
        rows = importing.read_rows(pending["filename"], content)
    except ValidationError as exc:
        _discard_pending(request)
        messages.error(request, exc.messages[0])
        return redirect("partners:import")
    plan = importing.plan_import(actor=request.user, university=university, rows=rows)
    return render(
        request,
        "partners/import_preview.html",
        {
            "plan": plan,
            "pending": pending,
            "university": university,
            "row_count": len(rows),
            "problems": plan.problems[: PREVIEW_LIMIT * 5],
            "hidden_problems": max(0, len(plan.problems) - PREVIEW_LIMIT * 5),
            "to_create": plan.to_create[:PREVIEW_LIMIT],
            "to_update": plan.to_update[:PREVIEW_LIMIT],
            "limit": PREVIEW_LIMIT,
        },
    )


@login_required
@require_POST
def partner_import_confirm(request):
    stored = _stored_file(request)
    # The hash in the form is the file the person previewed; a newer upload in another tab
    # must not be saved by an older page's button.
    if stored is None or request.POST.get("sha256") != stored[0]["sha256"]:
        messages.error(request, _("The file changed or is gone; upload it again."))
        return redirect("partners:import")
    pending, content = stored
    if "cancel" in request.POST:
        _discard_pending(request)
        messages.success(request, _("The import was cancelled; nothing was saved."))
        return redirect("partners:import")
    university = University.objects.get(pk=pending["university"])
    rows = importing.read_rows(pending["filename"], content)
    try:
        plan = importing.import_partners(actor=request.user, university=university, rows=rows)
    except importing.ImportRefused:
        messages.error(
            request,
            _("The partners changed since the preview and some rows now have problems."),
        )
        return redirect("partners:import_preview")
    _discard_pending(request)
    messages.success(
        request,
        _("Import done: %(created)d partners added, %(updated)d updated, %(unchanged)d unchanged.")
        % {
            "created": len(plan.to_create),
            "updated": len(plan.to_update),
            "unchanged": len(plan.unchanged),
        },
    )
    return redirect("partners:list")
