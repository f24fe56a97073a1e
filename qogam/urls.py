from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from qogam.api.v1 import api
from qogam.core.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("qogam.portal.root_urls")),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("organisations/", include("qogam.organisations.urls")),
    path("notifications/", include("qogam.notifications.urls")),
    path("partners/", include("qogam.partners.urls")),
    path("needs/", include("qogam.needs.urls")),
    path("projects/", include("qogam.projects.urls")),
    path("volunteering/", include("qogam.volunteering.urls")),
    path("councils/", include("qogam.councils.urls")),
    path("research/", include("qogam.research.urls")),
    path("coverage/", include("qogam.coverage.urls")),
    path("staff/", include("qogam.staff.urls")),
    path("strategy/", include("qogam.strategy.urls")),
    path("indicators/", include("qogam.indicators.urls")),
    path("network/", include("qogam.network.urls")),
    path("reports/", include("qogam.reports.urls")),
    path("sdg/", include("qogam.sdg.urls")),
    path("portal/", include("qogam.portal.urls")),
    path("", include("qogam.accounts.urls")),
    prefix_default_language=True,
)

# Uploaded files are never served from MEDIA_URL: each app serves its own through a view that
# checks who may read the record they belong to.
