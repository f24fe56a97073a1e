from django.urls import path

from qogam.partners.views import agreements, contacts, imports, organisations, surveys

app_name = "partners"

urlpatterns = [
    path("", organisations.partner_list, name="list"),
    path("map/", organisations.partner_map, name="map"),
    path("new/", organisations.partner_create, name="create"),
    path("<uuid:public_id>/", organisations.partner_detail, name="detail"),
    path("<uuid:public_id>/edit/", organisations.partner_edit, name="edit"),
    path("<uuid:public_id>/delete/", organisations.partner_delete, name="delete"),
    path("<uuid:public_id>/contacts/new/", contacts.contact_create, name="contact_create"),
    path(
        "<uuid:public_id>/contacts/<uuid:contact_id>/edit/",
        contacts.contact_edit,
        name="contact_edit",
    ),
    path(
        "<uuid:public_id>/contacts/<uuid:contact_id>/delete/",
        contacts.contact_delete,
        name="contact_delete",
    ),
    path("agreements/", agreements.agreement_list, name="agreements"),
    path("agreements/new/", agreements.agreement_create, name="agreement_create"),
    path("agreements/<uuid:public_id>/", agreements.agreement_detail, name="agreement"),
    path("agreements/<uuid:public_id>/edit/", agreements.agreement_edit, name="agreement_edit"),
    path(
        "agreements/<uuid:public_id>/delete/",
        agreements.agreement_delete,
        name="agreement_delete",
    ),
    path(
        "agreements/<uuid:public_id>/document/",
        agreements.agreement_document,
        name="agreement_document",
    ),
    # import, export and surveys
    path("export/", imports.partner_export, name="export"),
    path("import/", imports.partner_import, name="import"),
    path("import/preview/", imports.partner_import_preview, name="import_preview"),
    path("import/confirm/", imports.partner_import_confirm, name="import_confirm"),
    path("<uuid:public_id>/survey/", surveys.survey_send, name="survey_send"),
    path("survey/<str:token>/", surveys.survey_answer, name="survey"),
]
