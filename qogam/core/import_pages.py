"""The pages of a spreadsheet import: upload, preview, confirm (all or nothing).

Each app's importer (`importing.py`) reads and checks its rows; `ImportPages` holds what the
three pages of every import share, so that an app's views only name their own parts:

- upload: the form (`qogam.core.forms.SpreadsheetUploadForm`) reads the file once; the file then
  waits in Django storage under a random name, and the session holds that name, the file's
  SHA-256, the chosen university and the file's own name. No row travels through the browser.
- preview: the stored file is re-read and checked; the plan shows its problems named by row and
  column, or what would be added, updated and skipped. A missing or changed file is dropped.
- confirm: the hash posted by the preview must be the stored file's (a newer upload in another
  tab must not be saved by an older page's button); the file is checked again and saved all or
  nothing, or the import is cancelled and the stored file deleted.

The templates `includes/import_upload.html` and `includes/import_preview.html` are the shared
pages that each app's templates extend.
"""

import hashlib
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from qogam.core.forms import SpreadsheetUploadForm
from qogam.core.spreadsheets import ImportPlan, ImportRefused

Rows = list[tuple[int, dict]]


def _university(pk: str | int | None) -> Model | None:
    if not pk:
        return None
    # By name: core does not import the apps built on it.
    return apps.get_model("organisations", "University").objects.filter(pk=pk).first()


@dataclass(frozen=True)
class ImportPages:
    """One app's import pages; the app's views call `upload`, `preview` and `confirm`.

    `university_perm` is the permission that lets a person import into a university; the
    university of a waiting file is checked against it again before the preview and the save.
    `read_rows(name, content)`, `plan_import(actor=, university=, rows=)` and
    `save_import(...)` (the same arguments; raises ImportRefused) are the app's importer.
    The messages are lazy texts: `no_rows_message` for a file with a header and no rows,
    `changed_message` for rows that went bad between the preview and the save, and
    `done_message` (taking `created`, `updated` and `unchanged`) after the save. The URLs are
    URL names (`done_url`: where a saved import leads); the templates get this object as
    `import_pages`.
    """

    session_key: str
    storage_folder: str
    university_perm: str
    read_rows: Callable[[str, bytes], Rows]
    plan_import: Callable[..., ImportPlan]
    save_import: Callable[..., ImportPlan]
    # The upload page's URL name; the preview's and the confirmation's add "_preview" and
    # "_confirm" to it.
    upload_url: str
    # The folder of the app's `import_upload.html` and `import_preview.html`, e.g. "projects/".
    template_folder: str
    done_url: str
    no_rows_message: Any
    changed_message: Any
    done_message: Any
    # A posted university the person may not import into is refused outright (403) instead of
    # being shown as a form error.
    refuse_other_university: bool = True
    # The preview lists at most this many rows of each kind (and five times as many problems);
    # the counts are always whole.
    preview_limit: int = 200

    @property
    def preview_url(self) -> str:
        return f"{self.upload_url}_preview"

    @property
    def confirm_url(self) -> str:
        return f"{self.upload_url}_confirm"

    # --- The waiting file ---------------------------------------------------------------------

    def pending(self, request: HttpRequest) -> dict | None:
        return request.session.get(self.session_key)

    def discard(self, request: HttpRequest) -> None:
        """Forget the waiting file and delete it from storage."""
        pending = request.session.pop(self.session_key, None)
        if pending and default_storage.exists(pending["path"]):
            default_storage.delete(pending["path"])

    def store(
        self, request: HttpRequest, *, filename: str, content: bytes, university: Model
    ) -> None:
        """Keep an uploaded file for the preview, in place of any file waiting before."""
        self.discard(request)
        extension = filename.rsplit(".", 1)[-1].lower()
        path = default_storage.save(
            f"{self.storage_folder}/{secrets.token_hex(16)}.{extension}", ContentFile(content)
        )
        request.session[self.session_key] = {
            "path": path,
            "sha256": hashlib.sha256(content).hexdigest(),
            "university": university.pk,
            "filename": filename,
        }

    def stored_file(self, request: HttpRequest) -> tuple[dict, bytes] | None:
        """The pending upload and its bytes, or None (and nothing pending) if gone or changed."""
        pending = self.pending(request)
        if not pending:
            return None
        try:
            with default_storage.open(pending["path"], "rb") as handle:
                content = handle.read()
        except FileNotFoundError:
            content = None
        if content is None or hashlib.sha256(content).hexdigest() != pending["sha256"]:
            self.discard(request)
            return None
        return pending, content

    def pending_university(self, request: HttpRequest, pending: dict) -> Model:
        university = _university(pending["university"])
        if university is None or not request.user.has_perm(self.university_perm, university):
            raise PermissionDenied
        return university

    # --- The pages ----------------------------------------------------------------------------

    def upload(
        self, request: HttpRequest, *, universities, context: Mapping[str, Any] | None = None
    ) -> HttpResponse:
        """The upload form; a valid file is stored and the person sent to the preview.

        The choices are those of `universities` (a queryset) the person holds `university_perm`
        for; none at all is refused.
        """
        allowed = [u.pk for u in universities if request.user.has_perm(self.university_perm, u)]
        universities = universities.filter(pk__in=allowed)
        if not universities.exists():
            raise PermissionDenied
        if request.method == "POST" and self.refuse_other_university:
            chosen = _university(request.POST.get("university"))
            if chosen is not None and not request.user.has_perm(self.university_perm, chosen):
                raise PermissionDenied
        form = SpreadsheetUploadForm(
            request.POST or None,
            request.FILES or None,
            universities=universities,
            read_rows=self.read_rows,
            no_rows_message=self.no_rows_message,
        )
        if request.method == "POST" and form.is_valid():
            self.store(
                request,
                filename=form.cleaned_data["file"].name,
                content=form.cleaned_data["content"],
                university=form.cleaned_data["university"],
            )
            return redirect(self.preview_url)
        return render(
            request,
            f"{self.template_folder}import_upload.html",
            {"form": form, "import_pages": self, **(context or {})},
        )

    def preview(self, request: HttpRequest) -> HttpResponse:
        """The plan of the waiting file: its problems, or what a save would do."""
        stored = self.stored_file(request)
        if stored is None:
            messages.error(request, _("There is no file waiting to be imported; upload it again."))
            return redirect(self.upload_url)
        pending, content = stored
        university = self.pending_university(request, pending)
        try:
            rows = self.read_rows(pending["filename"], content)
        except ValidationError as exc:
            self.discard(request)
            messages.error(request, exc.messages[0])
            return redirect(self.upload_url)
        plan = self.plan_import(actor=request.user, university=university, rows=rows)
        limit = self.preview_limit
        return render(
            request,
            f"{self.template_folder}import_preview.html",
            {
                "import_pages": self,
                "plan": plan,
                "pending": pending,
                "university": university,
                "row_count": len(rows),
                "problems": plan.problems[: limit * 5],
                "hidden_problems": max(0, len(plan.problems) - limit * 5),
                "to_create": plan.to_create[:limit],
                "to_update": plan.to_update[:limit],
                "rows": [r for r in plan.rows if r.action != "unchanged"][:limit],
                "limit": limit,
            },
        )

    def confirm(self, request: HttpRequest) -> HttpResponse:
        """Save every row of the previewed file, or none; or cancel the import."""
        stored = self.stored_file(request)
        if stored is None or request.POST.get("sha256") != stored[0]["sha256"]:
            messages.error(request, _("The file changed or is gone; upload it again."))
            return redirect(self.upload_url)
        pending, content = stored
        if "cancel" in request.POST:
            self.discard(request)
            messages.success(request, _("The import was cancelled; nothing was saved."))
            return redirect(self.upload_url)
        university = self.pending_university(request, pending)
        rows = self.read_rows(pending["filename"], content)
        try:
            plan = self.save_import(actor=request.user, university=university, rows=rows)
        except ImportRefused:
            messages.error(request, self.changed_message)
            return redirect(self.preview_url)
        self.discard(request)
        messages.success(
            request,
            self.done_message
            % {
                "created": len(plan.to_create),
                "updated": len(plan.to_update),
                "unchanged": len(plan.unchanged),
            },
        )
        return redirect(self.done_url)
