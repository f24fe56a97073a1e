from qogam.indicators.views import assessments, dashboard, definitions, entries

app_name = "indicators"

# Each part of the indicators' pages declares its own routes.
urlpatterns = [
    *dashboard.urlpatterns,
    *definitions.urlpatterns,
    *entries.urlpatterns,
    *assessments.urlpatterns,
]
