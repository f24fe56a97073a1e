"""Pages for the project spreadsheet: export, and import through a preview.

The upload, the preview and the confirmation are the shared import pages
(`qogam.core.import_pages`): between the preview and the confirmation the uploaded file waits
in storage, and the confirmation re-reads and re-checks it.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qogam.core.enums import Component
from qogam.core.import_pages import ImportPages
from qogam.projects import importing, queries
from qogam.projects.enums import ProjectKind, ProjectStatus
from qogam.projects.views.projects import filtered_projects

PAGES = ImportPages(
    session_key="projects_import",
    storage_folder="imports/projects",
    university_perm="projects.import_projects_of",
    read_rows=importing.read_rows,
    plan_import=importing.plan_import,
    save_import=importing.import_projects,
    upload_url="projects:import",
    done_url="projects:list",
    template_folder="projects/",
    no_rows_message=gettext_lazy("The file has a header but no projects."),
    changed_message=gettext_lazy(
        "The projects changed since the preview and some rows now have problems."
    ),
    done_message=gettext_lazy(
        "Import done: %(created)d projects added, %(updated)d updated, %(unchanged)d unchanged."
    ),
)


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


@login_required
@require_http_methods(["GET", "POST"])
def project_import(request):
    return PAGES.upload(
        request,
        universities=queries.universities_for_new_projects(request.viewer),
        context={
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
    return PAGES.preview(request)


@login_required
@require_POST
def project_import_confirm(request):
    return PAGES.confirm(request)
