"""What the portal gives to other sites: feeds, open data and the embeddable widget."""

from collections.abc import Iterator

from csp.decorators import csp_replace
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, re_path, reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from qogam.needs.enums import NeedState
from qogam.organisations.models import University
from qogam.portal import feeds, opendata, queries
from qogam.portal.sitemaps import portal_url, record_url, university_url

# Stories shown in the widget and in the plain HTML snippet.
WIDGET_STORIES = 5
# Size of the <iframe> suggested to the university's webmaster, in CSS pixels.
WIDGET_WIDTH = 360
WIDGET_HEIGHT = 480


def _university(slug: str) -> University:
    return get_object_or_404(queries.public_universities(), slug=slug)


def _absolute(request: HttpRequest):
    def absolute(path_: str | None) -> str | None:
        return request.build_absolute_uri(path_) if path_ else None

    return absolute


def _in_language(language: str, chunks: Iterator[str]) -> Iterator[str]:
    # A streamed body is written after the view returns: keep the address's language.
    with translation.override(language):
        yield from chunks


def _export_url(university: University | None, kind: str, fmt: str) -> str:
    if university is None:
        return reverse("portal:network_export", kwargs={"kind": kind, "fmt": fmt})
    return reverse("portal:export", kwargs={"slug": university.slug, "kind": kind, "fmt": fmt})


def _download(request: HttpRequest, university: University | None, kind: str, fmt: str):
    dataset = opendata.DATASETS.get(kind)
    if dataset is None or fmt not in opendata.FORMATS:
        raise Http404
    language = get_language()
    licence = opendata.licence()
    schema_url = request.build_absolute_uri(reverse("portal:data")) + f"#dataset-{kind}"
    rows = dataset.rows(university, _absolute(request))
    if fmt == "csv":
        chunks = opendata.csv_chunks(dataset, rows)
        content_type = "text/csv; charset=utf-8"
        disposition = "attachment"
    else:
        envelope = {
            "schema": opendata.schema_of(dataset, url=schema_url),
            "licence": {"name": licence.name, "url": licence.url or None},
            "generated_at": timezone.localtime().isoformat(timespec="seconds"),
            "language": language,
            "university": university.slug if university else None,
            "source": request.build_absolute_uri(_export_url(university, kind, fmt)),
        }
        chunks = opendata.json_chunks(envelope, rows)
        content_type = "application/json; charset=utf-8"
        disposition = "inline"
    response = StreamingHttpResponse(_in_language(language, chunks), content_type=content_type)
    name = f"qogam-{university.slug if university else 'network'}-{kind}-{language}.{fmt}"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    links = [f'<{schema_url}>; rel="describedby"']
    if licence.url:
        links.insert(0, f'<{licence.url}>; rel="license"')
    response["Link"] = ", ".join(links)
    response["X-Licence"] = licence.name
    response["X-Schema-Version"] = opendata.SCHEMA_VERSION
    return response


@require_safe
def export(request: HttpRequest, slug: str, kind: str, fmt: str):
    return _download(request, _university(slug), kind, fmt)


@require_safe
def network_export(request: HttpRequest, kind: str, fmt: str):
    return _download(request, None, kind, fmt)


@require_safe
def data(request: HttpRequest) -> HttpResponse:
    """Every dataset with its schema and licence, and where to download it."""
    universities = list(queries.public_universities().order_by("slug"))
    datasets = [
        {
            "dataset": d,
            "network": [(fmt, _export_url(None, d.kind, fmt)) for fmt in opendata.FORMATS],
        }
        for d in opendata.DATASETS.values()
    ]
    rows = [
        {
            "university": u,
            "downloads": [
                (d.kind, d.title, [(fmt, _export_url(u, d.kind, fmt)) for fmt in opendata.FORMATS])
                for d in opendata.DATASETS.values()
            ],
        }
        for u in universities
    ]
    return render(
        request,
        "portal/sharing/data.html",
        {
            "datasets": datasets,
            "rows": rows,
            "licence": opendata.licence(),
            "schema_version": opendata.SCHEMA_VERSION,
            "separator": opendata.LIST_SEPARATOR,
            "network_feeds": {
                "atom": reverse("portal:network_feed_atom"),
                "rss": reverse("portal:network_feed_rss"),
                "answered_atom": reverse("portal:network_answered_feed_atom"),
                "answered_rss": reverse("portal:network_answered_feed_rss"),
            },
        },
    )


def _stories(request: HttpRequest, university: University) -> list[dict]:
    stories = []
    for update in queries.public_updates(university)[:WIDGET_STORIES]:
        page = record_url("project", update.project)
        stories.append(
            {
                "update": update,
                "url": request.build_absolute_uri(page) + f"#update-{update.public_id}"
                if page
                else None,
            }
        )
    return stories


def _widget_context(request: HttpRequest, university: University) -> dict:
    home = university_url(university)
    return {
        "university": university,
        "stories": _stories(request, university),
        "counts": {
            "projects": queries.public_projects(university).count(),
            "answered": queries.public_needs(university)
            .filter(state=NeedState.ADDRESSED)
            .values("pk")
            .count(),
            "opportunities": queries.public_opportunities(university).count(),
            "partners": queries.public_partners(university).count(),
        },
        "home_url": request.build_absolute_uri(home) if home else None,
        "feed_url": request.build_absolute_uri(
            reverse("portal:feed_atom", kwargs={"slug": university.slug})
        ),
    }


@require_safe
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
@cache_control(public=True, max_age=300)
def widget(request: HttpRequest, slug: str) -> HttpResponse:
    """A small script-free page for an <iframe> on the university's own website.

    Only this page may be framed by other sites: X-Frame-Options is left out and the CSP's
    frame-ancestors opened; every other directive stays as strict as on the rest of the site.
    """
    university = _university(slug)
    return render(request, "portal/sharing/widget.html", _widget_context(request, university))


@require_safe
def widget_code(request: HttpRequest, slug: str) -> HttpResponse:
    """The code a webmaster pastes: the <iframe>, or a plain HTML list of the latest stories."""
    university = _university(slug)
    context = _widget_context(request, university)
    widget_url = request.build_absolute_uri(reverse("portal:widget", kwargs={"slug": slug}))
    iframe = render(
        request,
        "portal/sharing/iframe_snippet.html",
        {
            "widget_url": widget_url,
            "university": university,
            "width": WIDGET_WIDTH,
            "height": WIDGET_HEIGHT,
        },
    ).content.decode()
    snippet = render(request, "portal/sharing/list_snippet.html", context).content.decode()
    return render(
        request,
        "portal/sharing/widget_code.html",
        {
            **context,
            "widget_url": reverse("portal:widget", kwargs={"slug": slug}),
            "iframe_snippet": iframe.strip(),
            "list_snippet": snippet.strip(),
            "width": WIDGET_WIDTH,
            "height": WIDGET_HEIGHT,
            "network_home": portal_url("home"),
        },
    )


KIND = "|".join(opendata.KINDS)
FMT = "|".join(opendata.FORMATS)

# Network-wide addresses come first: a university with the slug "network" would otherwise
# shadow them (slugs are chosen by people).
urlpatterns = [
    path("network/feed/atom/", feeds.UpdatesAtomFeed(), name="network_feed_atom"),
    path("network/feed/rss/", feeds.UpdatesFeed(), name="network_feed_rss"),
    path(
        "network/feed/answered/atom/",
        feeds.AnsweredNeedsAtomFeed(),
        name="network_answered_feed_atom",
    ),
    path("network/feed/answered/rss/", feeds.AnsweredNeedsFeed(), name="network_answered_feed_rss"),
    path("network/data/", data, name="data"),
    re_path(
        rf"^network/data/(?P<kind>{KIND})\.(?P<fmt>{FMT})$", network_export, name="network_export"
    ),
    path("<slug:slug>/feed/atom/", feeds.UpdatesAtomFeed(), name="feed_atom"),
    path("<slug:slug>/feed/rss/", feeds.UpdatesFeed(), name="feed_rss"),
    path(
        "<slug:slug>/feed/answered/atom/", feeds.AnsweredNeedsAtomFeed(), name="answered_feed_atom"
    ),
    path("<slug:slug>/feed/answered/rss/", feeds.AnsweredNeedsFeed(), name="answered_feed_rss"),
    re_path(
        rf"^(?P<slug>[-a-z0-9]+)/data/(?P<kind>{KIND})\.(?P<fmt>{FMT})$", export, name="export"
    ),
    path("<slug:slug>/widget/", widget, name="widget"),
    path("<slug:slug>/widget/code/", widget_code, name="widget_code"),
]
