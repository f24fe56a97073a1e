"""The network's own pages: the home page of all the universities and its preview card."""

from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from qogam.portal import queries as q
from qogam.portal.forms import SearchForm
from qogam.portal.views.common import card_response, network_name, render_page


@require_GET
def home(request):
    universities = list(q.public_universities().order_by("name"))
    per_university = q.counts_by_university()
    for university in universities:
        university.counts = per_university.get(university.pk, {})
    name = network_name()
    return render_page(
        request,
        "portal/home.html",
        {
            "universities": universities,
            "counts": q.headline_counts(),
            "stories": q.stories(),
            "form": SearchForm(with_kind=True),
            "network_name": name,
        },
        title=name,
        description=_(
            "What the universities of the network do with and for their cities and regions: "
            "projects, community needs and what became of them, volunteering and research."
        ),
        image=reverse("portal:network_card"),
    )


@require_GET
@cache_control(public=True, max_age=86400)
def network_card(request):
    return card_response(
        title=network_name(),
        subtitle=_("Universities open to society"),
        label=_("The third mission of universities"),
    )


urlpatterns = [
    path("", home, name="home"),
    path("card.png", network_card, name="network_card"),
]
