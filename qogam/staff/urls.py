from qogam.staff.views import activity, assignments, catalogue

app_name = "staff"

# Each part of the app lists its own pages.
urlpatterns: list = [
    *activity.urlpatterns,
    *catalogue.urlpatterns,
    *assignments.urlpatterns,
]
