from django.urls import path

from qogam.councils import views

app_name = "councils"

urlpatterns = [
    path("", views.council_list, name="list"),
    path("new/", views.council_create, name="create"),
    path("export/", views.council_export, name="export"),
    path("<uuid:public_id>/", views.council_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.council_edit, name="edit"),
    path("<uuid:public_id>/members/new/", views.member_add, name="member_add"),
    path("members/<uuid:public_id>/remove/", views.member_remove, name="member_remove"),
    path("<uuid:public_id>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<uuid:public_id>/", views.meeting_detail, name="meeting"),
    path("meetings/<uuid:public_id>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<uuid:public_id>/invite/", views.meeting_invite, name="meeting_invite"),
    path(
        "meetings/<uuid:public_id>/attendance/",
        views.meeting_attendance,
        name="meeting_attendance",
    ),
    path("meetings/<uuid:public_id>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("meetings/<uuid:public_id>/decisions/new/", views.decision_create, name="decision_create"),
    path("decisions/", views.decision_list, name="decisions"),
    path("decisions/export/", views.decision_export, name="decision_export"),
    path("decisions/<uuid:public_id>/", views.decision_detail, name="decision"),
    path("decisions/<uuid:public_id>/progress/", views.decision_progress, name="decision_progress"),
    path("answer/<str:token>/", views.invitation_answer, name="answer"),
]
