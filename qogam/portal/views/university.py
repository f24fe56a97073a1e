"""A university's public site: its home page, the lists of its records, its published
indicators and its map by district."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from qogam.indicators import charts, compute
from qogam.indicators.queries_dashboard import format_value
from qogam.needs.enums import NeedState
from qogam.portal import queries as q
from qogam.portal.forms import SearchForm
from qogam.portal.views.common import (
    KIND_TITLES,
    PREVIEW,
    card_response,
    paginate,
    render_page,
    search_filters,
    text_of,
    university_image,
    university_or_404,
)

HISTORY = 5  # periods in an indicator's chart


@require_GET
def university(request, slug):
    university = university_or_404(slug)
    return render_page(
        request,
        "portal/university.html",
        {
            "university": university,
            "counts": q.headline_counts(university),
            "stories": q.stories(university),
            "projects": list(q.public_of_kind("projects", university)[:PREVIEW]),
            "addressed": list(
                q.public_needs(university)
                .filter(state=NeedState.ADDRESSED)
                .order_by("-addressed_at")[:PREVIEW]
            ),
            "form": SearchForm(with_kind=True),
        },
        title=text_of(university, "name"),
        description=text_of(university, "description")
        or _("The third mission of %(name)s: projects, needs, volunteering and research.")
        % {"name": text_of(university, "name")},
        image=university_image(university),
    )


@require_GET
@cache_control(public=True, max_age=86400)
def university_card(request, slug):
    university = university_or_404(slug)
    return card_response(
        title=text_of(university, "name"),
        subtitle=text_of(university, "city"),
        label=_("The third mission of the university"),
    )


def _list(request, slug, kind: str):
    university = university_or_404(slug)
    form, filters = search_filters(request, with_kind=False)
    page = paginate(request, q.search(kind, university, **filters))
    title = KIND_TITLES[kind]()
    return render_page(
        request,
        "portal/list.html",
        {"university": university, "form": form, "page": page, "kind": kind, "heading": title},
        title=f"{title} — {text_of(university, 'short_name', 'name')}",
        description=_("%(what)s of %(name)s, open to everyone.")
        % {"what": title, "name": text_of(university, "name")},
        image=university_image(university),
    )


@require_GET
def project_list(request, slug):
    return _list(request, slug, "projects")


@require_GET
def need_list(request, slug):
    return _list(request, slug, "needs")


@require_GET
def opportunity_list(request, slug):
    return _list(request, slug, "opportunities")


@require_GET
def partner_list(request, slug):
    return _list(request, slug, "partners")


@require_GET
def study_list(request, slug):
    return _list(request, slug, "studies")


# --- Indicators ------------------------------------------------------------------------------


@require_GET
def indicator_list(request, slug):
    university = university_or_404(slug)
    page = paginate(request, q.published_indicators(university))
    year = timezone.localdate().year
    values = compute.evaluate(
        page.object_list,
        university_id=university.pk,
        period_for=lambda indicator: compute.period_in_year(indicator, year),
    )
    rows = [
        {
            "indicator": value.indicator,
            "value": value,
            "shown": format_value(value.value, value.indicator.unit),
            "target": format_value(value.target, value.indicator.unit),
        }
        for value in values
    ]
    return render_page(
        request,
        "portal/indicators.html",
        {"university": university, "page": page, "rows": rows},
        title=_("Published indicators — %(name)s")
        % {"name": text_of(university, "short_name", "name")},
        description=_("The third-mission indicators %(name)s publishes, with their history.")
        % {"name": text_of(university, "name")},
        image=university_image(university),
    )


@require_GET
@cache_control(public=True, max_age=3600)
def indicator_chart(request, slug, public_id):
    university = university_or_404(slug)
    indicator = q.published_indicators(university).filter(public_id=public_id).first()
    if indicator is None:
        raise Http404
    last = compute.period_in_year(indicator, timezone.localdate().year)
    periods = [last.shifted(-step) for step in range(HISTORY - 1, -1, -1)]
    values = compute.trend(indicator, university_id=university.pk, periods=periods)
    content = charts.trend_chart(
        title=Truncator(f"{indicator.code} {text_of(indicator, 'name')}").chars(70),
        labels=[v.period.key for v in values],
        values=[v.value for v in values],
        targets=[v.target for v in values],
        value_label=_("Value"),
        target_label=_("Target"),
        no_data_label=_("no data"),
        texts=[format_value(v.value, indicator.unit) for v in values],
    )
    return HttpResponse(content, content_type=charts.FORMATS["svg"])


# --- Districts and the map -------------------------------------------------------------------


@require_GET
def district_map(request, slug):
    university = university_or_404(slug)
    labels = {"needs": _("Need"), "projects": _("Project"), "partners": _("Partner")}
    detail = {"needs": "portal:need", "projects": "portal:project"}
    points = []
    for kind, record in q.points(university):
        url = (
            reverse(detail[kind], kwargs={"slug": slug, "public_id": record.public_id})
            if kind in detail
            else reverse("portal:partners", kwargs={"slug": slug})
        )
        points.append(
            {
                "title": record.title if kind == "needs" else text_of(record, "title", "name"),
                "lang": getattr(record, "language", "") or get_language(),
                "url": url,
                "lat": float(record.latitude),
                "lng": float(record.longitude),
                # The shared map script prints this line under the title in a marker's popup.
                "state": labels[kind],
            }
        )
    return render_page(
        request,
        "portal/map.html",
        {
            "university": university,
            "districts": q.districts(university),
            "map_config": {
                "tiles": settings.MAP_TILE_URL,
                "attribution": settings.MAP_TILE_ATTRIBUTION,
                "points": points,
            },
        },
        title=_("By district — %(name)s") % {"name": text_of(university, "short_name", "name")},
        description=_("Needs, projects and partners of %(name)s by district, city or village.")
        % {"name": text_of(university, "name")},
        image=university_image(university),
    )


urlpatterns = [
    path("<slug:slug>/", university, name="university"),
    path("<slug:slug>/card.png", university_card, name="university_card"),
    path("<slug:slug>/projects/", project_list, name="projects"),
    path("<slug:slug>/needs/", need_list, name="needs"),
    path("<slug:slug>/volunteering/", opportunity_list, name="opportunities"),
    path("<slug:slug>/partners/", partner_list, name="partners"),
    path("<slug:slug>/research/", study_list, name="studies"),
    path("<slug:slug>/indicators/", indicator_list, name="indicators"),
    path(
        "<slug:slug>/indicators/<uuid:public_id>/chart.svg", indicator_chart, name="indicator_chart"
    ),
    path("<slug:slug>/districts/", district_map, name="map"),
]
