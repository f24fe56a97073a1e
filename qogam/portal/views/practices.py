"""The network's public library of good practices on the portal: the public practices of the
network's active members, never their contacts."""

from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from qogam.core.enums import Component
from qogam.network.forms_practices import PracticeFilterForm
from qogam.network.queries_practices import (
    filter_practices,
    public_adoptions,
    public_practices,
    with_display_title,
)
from qogam.portal import queries as q
from qogam.portal.views.common import network_name, paginate, render_page, text_of


def _themes() -> list[str]:
    found = public_practices().exclude(theme="").values_list("theme", flat=True)
    return sorted(set(found), key=str.casefold)


@require_GET
def practice_list(request):
    form = PracticeFilterForm(request.GET or None, themes=_themes())
    qs = filter_practices(public_practices(), **form.filters())
    page = paginate(request, with_display_title(qs).order_by("display_title", "pk"))
    return render_page(
        request,
        "portal/practices/list.html",
        {"form": form, "page": page, "network_name": network_name()},
        title=_("Good practices of the network"),
        description=_(
            "What the universities of the network learned from their projects, for others to "
            "take up."
        ),
        image=reverse("portal:network_card"),
    )


@require_GET
def practice_detail(request, public_id):
    practice = public_practices().filter(public_id=public_id).first()
    if practice is None:
        raise Http404
    labels = dict(Component.choices)
    public_site = q.public_universities().values("pk")
    return render_page(
        request,
        "portal/practices/detail.html",
        {
            "practice": practice,
            "projects": list(
                q.public_projects()
                .filter(
                    pk__in=practice.projects.through.objects.filter(goodpractice=practice).values(
                        "project_id"
                    )
                )
                .filter(university__in=public_site)
                .order_by("starts_on", "pk")
            ),
            "adoptions": public_adoptions(practice),
            "component_labels": [str(labels.get(c, c)) for c in practice.components],
        },
        title=text_of(practice, "title"),
        description=text_of(practice, "summary"),
        image=reverse("portal:network_card"),
        og_type="article",
    )


urlpatterns = [
    path("network/practices/", practice_list, name="network_practices"),
    path("network/practices/<uuid:public_id>/", practice_detail, name="network_practice"),
]
