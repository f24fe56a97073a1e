from qogam.portal.cache import cached_patterns
from qogam.portal.views import (
    benchmarks,
    network,
    practices,
    records,
    sdg,
    search,
    sharing,
    university,
)

app_name = "portal"

# Each part of the portal declares its own routes. The network's addresses ("search/")
# come before a university's ("<slug:slug>/"), which would otherwise shadow them.
# Every view's answer to anonymous visitors is kept in the cache (qogam.portal.cache).
urlpatterns = cached_patterns(
    [
        *network.urlpatterns,
        *benchmarks.urlpatterns,
        *practices.urlpatterns,
        *search.urlpatterns,
        *university.urlpatterns,
        *sdg.urlpatterns,
        *records.urlpatterns,
        *sharing.urlpatterns,
    ]
)
