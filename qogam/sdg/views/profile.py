"""The SDG profile of a university, or of one of its units, for its staff.

The university shown is one the viewer works at (?university=<slug> when several, as the
staff pages choose; any active one for the network's administrators); ?unit=<public id>
narrows the profile to that unit and the units beneath it.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from qogam.sdg import profile as queries


@login_required
@require_GET
def profile(request):
    if not request.user.has_perm("sdg.view_profile"):
        raise PermissionDenied
    universities = queries.profile_universities(request.viewer)
    university = queries.choose_university(universities, request.GET.get("university"))
    if university is None or not request.user.has_perm("sdg.view_profile", university):
        raise PermissionDenied
    unit = queries.unit_of(university.pk, request.GET.get("unit"))
    return render(
        request,
        "sdg/profile.html",
        {
            "universities": universities,
            "university": university,
            "units": queries.units_of(university.pk),
            "unit": unit,
            "profile": queries.staff_profile(university, unit),
            "may_tag_in_bulk": request.user.has_perm("sdg.run_tagging", university),
        },
    )
