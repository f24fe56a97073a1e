from django.urls import path

from qogam.projects.views import imports, parts, projects

app_name = "projects"

urlpatterns = [
    path("", projects.project_list, name="list"),
    path("new/", projects.project_create, name="create"),
    path("export/", imports.project_export, name="export"),
    path("import/", imports.project_import, name="import"),
    path("import/preview/", imports.project_import_preview, name="import_preview"),
    path("import/confirm/", imports.project_import_confirm, name="import_confirm"),
    path("photos/<uuid:public_id>/", parts.photo, name="photo"),
    path("evidence/<uuid:public_id>/", parts.evidence_file, name="evidence"),
    path("<uuid:public_id>/", projects.project_detail, name="detail"),
    path("<uuid:public_id>/edit/", projects.project_edit, name="edit"),
    path("<uuid:public_id>/delete/", projects.project_delete, name="delete"),
    path("<uuid:public_id>/needs/", projects.address_needs, name="address_needs"),
    path("<uuid:public_id>/participants/add/", parts.participant_add, name="participant_add"),
    path(
        "<uuid:public_id>/participants/<uuid:participant_id>/remove/",
        parts.participant_remove,
        name="participant_remove",
    ),
    path("<uuid:public_id>/updates/new/", parts.update_create, name="update_create"),
    path(
        "<uuid:public_id>/updates/<uuid:update_id>/delete/",
        parts.update_delete,
        name="update_delete",
    ),
    path("<uuid:public_id>/evidence/add/", parts.evidence_add, name="evidence_add"),
    path(
        "<uuid:public_id>/evidence/<uuid:evidence_id>/remove/",
        parts.evidence_remove,
        name="evidence_remove",
    ),
]
