from django.urls import path

from qogam.volunteering.views import academic, hours, opportunities, overview, recognition

app_name = "volunteering"

urlpatterns = [
    path("", opportunities.opportunity_list, name="list"),
    path("new/", opportunities.opportunity_create, name="create"),
    path("mine/", opportunities.my_sign_ups, name="mine"),
    path("<uuid:public_id>/", opportunities.opportunity_detail, name="detail"),
    path("<uuid:public_id>/edit/", opportunities.opportunity_edit, name="edit"),
    path("<uuid:public_id>/shifts/new/", opportunities.shift_create, name="shift_create"),
    path("shifts/<uuid:public_id>/edit/", opportunities.shift_edit, name="shift_edit"),
    path("shifts/<uuid:public_id>/roster/", opportunities.shift_roster, name="roster"),
    path("shifts/<uuid:public_id>/sign-up/", opportunities.shift_sign_up, name="sign_up"),
    path("shifts/<uuid:public_id>/calendar.ics", opportunities.shift_ics, name="shift_ics"),
    path("sign-ups/<uuid:public_id>/cancel/", opportunities.sign_up_cancel, name="cancel"),
    # Each part lists its own pages.
    *hours.urlpatterns,
    *overview.urlpatterns,
    *academic.urlpatterns,
    *recognition.urlpatterns,
]
