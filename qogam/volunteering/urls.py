from django.urls import path

from qogam.volunteering import views

app_name = "volunteering"

urlpatterns = [
    path("", views.opportunity_list, name="list"),
    path("new/", views.opportunity_create, name="create"),
    path("mine/", views.my_sign_ups, name="mine"),
    path("<uuid:public_id>/", views.opportunity_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.opportunity_edit, name="edit"),
    path("<uuid:public_id>/shifts/new/", views.shift_create, name="shift_create"),
    path("shifts/<uuid:public_id>/edit/", views.shift_edit, name="shift_edit"),
    path("shifts/<uuid:public_id>/roster/", views.shift_roster, name="roster"),
    path("shifts/<uuid:public_id>/sign-up/", views.shift_sign_up, name="sign_up"),
    path("shifts/<uuid:public_id>/calendar.ics", views.shift_ics, name="shift_ics"),
    path("sign-ups/<uuid:public_id>/cancel/", views.sign_up_cancel, name="cancel"),
]
