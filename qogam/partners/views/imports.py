"""Pages for the partner spreadsheet: export, and import through a preview.

The upload, the preview and the confirmation are the shared import pages
(`qogam.core.import_pages`): between the preview and the confirmation the uploaded file waits
in storage, and the confirmation re-reads and re-checks it; no row travels through the browser.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qogam.core.import_pages import ImportPages
from qogam.partners import importing, queries
from qogam.partners.enums import OrganisationKind, Region
from qogam.partners.views.organisations import filtered_partners

PAGES = ImportPages(
    session_key="partners_import",
    storage_folder="imports/partners",
    university_perm="partners.manage_partners_of",
    read_rows=importing.read_rows,
    plan_import=importing.plan_import,
    save_import=importing.import_partners,
    upload_url="partners:import",
    done_url="partners:list",
    template_folder="partners/",
    no_rows_message=gettext_lazy("The file has a header but no partners."),
    changed_message=gettext_lazy(
        "The partners changed since the preview and some rows now have problems."
    ),
    done_message=gettext_lazy(
        "Import done: %(created)d partners added, %(updated)d updated, %(unchanged)d unchanged."
    ),
)
SESSION_KEY = PAGES.session_key  # the tests read the waiting file from the session


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


@login_required
@require_http_methods(["GET", "POST"])
def partner_import(request):
    return PAGES.upload(
        request,
        universities=queries.universities_managed_by(request.viewer),
        context={
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
    return PAGES.preview(request)


@login_required
@require_POST
def partner_import_confirm(request):
    return PAGES.confirm(request)
