"""Home panel: a staff member's planned against done hours of this academic year."""

from qogam.core.dashboards import Panel, register_panel
from qogam.core.periods import academic_year_of
from qogam.staff import queries
from qogam.staff.models import Assignment


def _my_activity(request):
    user, viewer = request.user, request.viewer
    # Students and partners cost no query here.
    if not user.is_authenticated or not viewer.staff_university_ids:
        return None
    assignment = (
        queries.with_details(
            Assignment.objects.filter(
                person=user, university__in=sorted(viewer.staff_university_ids)
            )
        )
        .filter(year=academic_year_of())
        .order_by("university", "pk")
        .first()
    )
    if assignment is None:
        return None
    person_rollup = queries.rollup(assignment.university_id, [user.pk], assignment.year)[user.pk]
    return {"progress": queries.progress_of(assignment, person_rollup)}


register_panel(Panel("staff-activity", "staff/panels/my_activity.html", _my_activity, 22))
