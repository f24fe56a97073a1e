"""The home page's panels about the person themselves and the people they manage."""

from qogam.accounts.queries import invitations_visible_to, people_by_role
from qogam.core.dashboards import Panel, register_panel
from qogam.core.enums import STAFF_ROLES, Role
from qogam.organisations.models import University
from qogam.organisations.queries import unit_counts


def _my_roles(request):
    if not request.user.is_authenticated:
        return None
    memberships = (
        request.user.memberships.model.objects.with_scopes_disabled()
        .filter(user=request.user)
        .select_related("university", "unit")
    )
    return {"memberships": memberships}


def _people(request):
    if not request.user.has_perm("accounts.manage_people"):
        return None
    open_invitations = [
        i
        for i in invitations_visible_to(request.viewer).filter(
            accepted_at__isnull=True, cancelled_at__isnull=True
        )[:50]
        if i.is_open
    ]
    return {"open_invitations": open_invitations}


def _overview(request):
    """University figures for those who run a university, or the whole network."""
    viewer = request.viewer
    if viewer.is_network_admin:
        ids = None
    else:
        ids = sorted(viewer.university_ids_with(Role.UNIVERSITY_ADMIN, Role.OFFICE))
        if not ids:
            return None
    universities = University.objects.all()
    if ids is not None:
        universities = universities.filter(pk__in=ids)
    people = people_by_role(ids)
    units = unit_counts(ids)
    rows = []
    for university in universities:
        counts = people.get(university.pk, {})
        rows.append(
            {
                "university": university,
                "units": units.get(university.pk, 0),
                "staff": sum(n for role, n in counts.items() if role in STAFF_ROLES),
                "students": counts.get(Role.STUDENT, 0),
                "partners": counts.get(Role.PARTNER, 0),
            }
        )
    return {"rows": rows, "is_network": ids is None}


def _third_mission(request):
    """What the third-mission work of the person's university will fill, once recorded."""
    if not request.viewer.roles & {Role.OFFICE, Role.UNIT_COORDINATOR, Role.STAFF}:
        return None
    return {}


def _student(request):
    if Role.STUDENT not in request.viewer.roles:
        return None
    return {}


register_panel(Panel("my-roles", "accounts/panels/my_roles.html", _my_roles, 5))
register_panel(Panel("people", "accounts/panels/people.html", _people, 30))
register_panel(Panel("overview", "accounts/panels/overview.html", _overview, 20))
register_panel(Panel("third-mission", "accounts/panels/third_mission.html", _third_mission, 35))
register_panel(Panel("student", "accounts/panels/student.html", _student, 40))
