from django.urls import path

from qogam.organisations import views

app_name = "organisations"

urlpatterns = [
    path("universities/", views.university_list, name="universities"),
    path("universities/<slug:slug>/", views.university_detail, name="university"),
    path("universities/<slug:slug>/units/new/", views.unit_create, name="unit_create"),
    path("units/<uuid:public_id>/", views.unit_detail, name="unit"),
    path("units/<uuid:public_id>/edit/", views.unit_edit, name="unit_edit"),
    path("units/<uuid:public_id>/delete/", views.unit_delete, name="unit_delete"),
]
