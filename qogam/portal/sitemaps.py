"""The portal's pages as the site knows them: which exist, how to link to them, and sitemap.xml.

The pages are declared elsewhere in the portal and grow over time, so nothing here lists
them by hand: the portal's URL names are read from the URL resolver, with the parameters
each one takes. A page that takes no parameter is a network page, one that takes only the
university's slug is a page of every public university, and a record's page (a project, a
need...) is found by its conventional name and linked for the public records only.
"""

from collections.abc import Callable, Iterable
from functools import cache

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import NoReverseMatch, get_resolver, reverse

from qogam.organisations.models import University
from qogam.portal import queries

NAMESPACE = "portal"

# Addresses of the sharing part (feeds, downloads, the widget and its code): machine-readable
# or meant for a webmaster, so they are not pages for a search engine.
NOT_PAGES = frozenset(
    {
        "feed_atom",
        "feed_rss",
        "network_feed_atom",
        "network_feed_rss",
        "answered_feed_atom",
        "answered_feed_rss",
        "network_answered_feed_atom",
        "network_answered_feed_rss",
        "export",
        "network_export",
        "widget",
        "widget_code",
    }
)

# A record's page on the portal, by the URL names the pages use for it (the first that exists
# wins), and the public records of a university that have one.
RECORD_PAGES: dict[str, tuple[tuple[str, ...], Callable[[University | None], QuerySet]]] = {
    "project": (("project",), queries.public_projects),
    "need": (("need",), queries.public_needs),
    "opportunity": (("opportunity",), queries.public_opportunities),
    "partner": (("partner",), queries.public_partners),
    "study": (("study", "research_study"), queries.public_studies),
}


@cache
def portal_routes() -> dict[str, frozenset[str]]:
    """Every portal URL name with the parameters it takes (one set per name).

    Read once per process: URL patterns do not change while it runs.
    """
    resolver = get_resolver()
    if NAMESPACE not in resolver.namespace_dict:
        return {}
    _prefix, portal = resolver.namespace_dict[NAMESPACE]
    routes: dict[str, frozenset[str]] = {}
    for name in portal.reverse_dict:
        if not isinstance(name, str):
            continue
        for possibilities, *_rest in portal.reverse_dict.getlist(name):
            for _format, params in possibilities:
                routes.setdefault(name, frozenset(params))
    return routes


@cache
def file_routes() -> frozenset[str]:
    """Portal URL names whose address ends in a file name (card.png, chart.svg): images and
    downloads, not pages."""
    resolver = get_resolver()
    if NAMESPACE not in resolver.namespace_dict:
        return frozenset()
    _prefix, portal = resolver.namespace_dict[NAMESPACE]
    names = set()
    for name in portal.reverse_dict:
        if not isinstance(name, str):
            continue
        for possibilities, *_rest in portal.reverse_dict.getlist(name):
            for format_, _params in possibilities:
                if "." in format_.rstrip("/").rsplit("/", 1)[-1]:
                    names.add(name)
    return frozenset(names)


def _is_page(name: str) -> bool:
    # Search results are endless variations of the lists; the lists themselves are listed.
    return name not in NOT_PAGES and name not in file_routes() and "search" not in name


def portal_url(name: str, **available) -> str | None:
    """The path of portal page `name`, filled from the values at hand; None when the page
    does not exist or needs a value not given."""
    params = portal_routes().get(name)
    if params is None or not params <= available.keys():
        return None
    try:
        return reverse(f"{NAMESPACE}:{name}", kwargs={key: available[key] for key in params})
    except NoReverseMatch:
        return None


def record_page_name(kind: str) -> str | None:
    """The URL name of the portal's page for one record of `kind`, if the portal has one."""
    names, _records = RECORD_PAGES[kind]
    return next((name for name in names if name in portal_routes()), None)


def record_url(kind: str, record) -> str | None:
    """The path of a public record's page on the portal (None until the portal has one)."""
    name = record_page_name(kind)
    if name is None:
        return None
    return portal_url(
        name,
        slug=record.university.slug,
        public_id=record.public_id,
        university=record.university.slug,
    )


def university_url(university: University) -> str | None:
    return portal_url("university", slug=university.slug)


def network_pages() -> list[str]:
    return sorted(n for n, p in portal_routes().items() if not p and _is_page(n))


def university_pages() -> list[str]:
    return sorted(n for n, p in portal_routes().items() if p == {"slug"} and _is_page(n))


class PortalSitemap(Sitemap):
    """Base: each page in kk, ru and en, with the other languages as alternates."""

    i18n = True
    alternates = True
    x_default = False


class NetworkPagesSitemap(PortalSitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self) -> list[str]:
        return network_pages()

    def location(self, item: str) -> str:
        return reverse(f"{NAMESPACE}:{item}")


class UniversityPagesSitemap(PortalSitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self) -> list[tuple[str, str]]:
        pages = university_pages()
        slugs = queries.public_universities().order_by("slug").values_list("slug", flat=True)
        return [(name, slug) for slug in slugs for name in pages]

    def location(self, item: tuple[str, str]) -> str:
        name, slug = item
        return reverse(f"{NAMESPACE}:{name}", kwargs={"slug": slug})


class RecordPagesSitemap(PortalSitemap):
    """The page of every public record of every public university."""

    changefreq = "weekly"
    priority = 0.5

    def __init__(self, kind: str):
        self.kind = kind

    def items(self) -> Iterable:
        if record_page_name(self.kind) is None:
            return []
        _names, records = RECORD_PAGES[self.kind]
        return records().order_by("pk")

    def location(self, item) -> str:
        return record_url(self.kind, item) or ""

    def lastmod(self, item):
        return item.updated_at


def sitemaps() -> dict[str, Sitemap]:
    return {
        "network": NetworkPagesSitemap(),
        "universities": UniversityPagesSitemap(),
        **{f"{kind}s": RecordPagesSitemap(kind) for kind in RECORD_PAGES},
    }
