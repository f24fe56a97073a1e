"""Search, across the whole network or in one university's public records."""

from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from qogam.portal import queries as q
from qogam.portal.views.common import (
    KIND_TITLES,
    PREVIEW,
    network_name,
    paginate,
    render_page,
    search_filters,
    text_of,
    university_image,
    university_or_404,
)


def _search(request, university):
    form, filters = search_filters(request, with_kind=True)
    kind = form.cleaned_data.get("kind") if form.is_bound and form.is_valid() else ""
    context = {
        "university": university,
        "form": form,
        "kind": kind,
        "network_wide": university is None,
    }
    if kind:
        context["page"] = paginate(request, q.search(kind, university, **filters))
    elif form.is_bound and form.is_valid():
        sections = []
        for name in q.KINDS:
            qs = q.search(name, university, **filters)
            sections.append(
                {
                    "kind": name,
                    "title": KIND_TITLES[name](),
                    "items": list(qs[:PREVIEW]),
                    "total": qs.count(),
                }
            )
        context["sections"] = sections
    where = text_of(university, "name") if university else network_name()
    return render_page(
        request,
        "portal/search.html",
        context,
        title=_("Search — %(where)s") % {"where": where},
        description=_(
            "Search the public projects, needs, volunteering, partners and research by goal, "
            "component, district and year."
        ),
        image=university_image(university) if university else reverse("portal:network_card"),
    )


@require_GET
def network_search(request):
    return _search(request, None)


@require_GET
def university_search(request, slug):
    return _search(request, university_or_404(slug))


# "search/" comes before any "<slug:slug>/" address in qogam.portal.urls: a slug could
# otherwise shadow the network's search.
urlpatterns = [
    path("search/", network_search, name="search"),
    path("<slug:slug>/search/", university_search, name="university_search"),
]
