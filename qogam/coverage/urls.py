from django.urls import path

from qogam.coverage import views

app_name = "coverage"

urlpatterns = [
    path("", views.coverage_list, name="list"),
    path("export/", views.coverage_export, name="export"),
    path("new/<str:subject_kind>/<uuid:public_id>/", views.coverage_create, name="create"),
    path("<uuid:public_id>/", views.coverage_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.coverage_edit, name="edit"),
    path("<uuid:public_id>/delete/", views.coverage_delete, name="delete"),
    path("<uuid:public_id>/file/", views.coverage_file, name="file"),
]
