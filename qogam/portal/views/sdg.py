"""A university's SDG profile on the portal: its public records counted by goal.

The records come through qogam.portal.queries (public records of a public, active
university, nothing else), one values_list query per kind; qogam.sdg.profile counts them.
Each goal leads to the portal's search by that goal, and each count to the search of that
kind by that goal, so a number and the list behind it always agree: both read the goals
through `queries.SDG_FIELDS` (an opportunity serves its own goals and its project's).
"""

from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from qogam.portal import queries as q
from qogam.portal.views.common import (
    KIND_TITLES,
    render_page,
    text_of,
    university_image,
    university_or_404,
)
from qogam.sdg.profile import accepted_targets, build_profile, count_goals


def public_profile(university):
    """The profile of the university's public records: a query per kind and one for targets."""
    kinds = []
    for kind, fields in q.SDG_FIELDS.items():
        records = q.public_of_kind(kind, university)
        rows = records.order_by().values_list("pk", *fields)
        # A record's goals are those of every field that carries some (an opportunity's own
        # and its project's), as the search by goal reads them.
        merged = ((pk, [g for value in lists for g in (value or ())]) for pk, *lists in rows)
        kinds.append(count_goals(kind, KIND_TITLES[kind](), merged, model=records.model))
    search = reverse("portal:university_search", kwargs={"slug": university.slug})
    profile = build_profile(
        kinds,
        # The portal's own kind names ("projects") and goal numbers: nothing to escape.
        lambda kind, goal: f"{search}?kind={kind.key}&sdg={goal}",
        goal_url=lambda goal: f"{search}?sdg={goal}",
    )
    profile.targets = accepted_targets(university.pk, kinds)
    return profile


@require_GET
def sdg_profile(request, slug):
    university = university_or_404(slug)
    return render_page(
        request,
        "portal/sdg.html",
        {"university": university, "profile": public_profile(university)},
        title=_("Sustainable Development Goals — %(name)s")
        % {"name": text_of(university, "short_name", "name")},
        description=_(
            "How the public projects, needs, volunteering and research of %(name)s serve the "
            "17 Sustainable Development Goals."
        )
        % {"name": text_of(university, "name")},
        image=university_image(university),
    )


urlpatterns = [
    path("<slug:slug>/sdg/", sdg_profile, name="sdg"),
]
