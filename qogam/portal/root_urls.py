"""The portal's addresses outside the language prefix (the sitemap, robots.txt)."""

from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from qogam.portal.sitemaps import sitemaps


@require_safe
@cache_control(public=True, max_age=3600)
def sitemap(request: HttpRequest) -> HttpResponse:
    # The template is the portal's own, so django.contrib.sitemaps need not be installed.
    return sitemap_view(request, sitemaps(), template_name="portal/sharing/sitemap.xml")


@require_safe
@cache_control(public=True, max_age=3600)
def robots(request: HttpRequest) -> HttpResponse:
    """Crawlers are welcome on the portal; the rest of the site is behind sign-in anyway."""
    lines = [
        "User-agent: *",
        "Disallow: /api/",
        "Allow: /",
        f"Sitemap: {request.build_absolute_uri(reverse('portal_sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("sitemap.xml", sitemap, name="portal_sitemap"),
    path("robots.txt", robots, name="robots_txt"),
]
