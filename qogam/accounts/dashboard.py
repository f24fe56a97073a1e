"""The home page's panels about the person themselves and the people they manage."""

from qogam.accounts.queries import invitations_visible_to
from qogam.core.dashboards import Panel, register_panel
from qogam.core.enums import Role


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


def _student(request):
    if Role.STUDENT not in request.viewer.roles:
        return None
    return {}


def _partner(request):
    if Role.PARTNER not in request.viewer.roles:
        return None
    return {}


register_panel(Panel("my-roles", "accounts/panels/my_roles.html", _my_roles, 5))
register_panel(Panel("people", "accounts/panels/people.html", _people, 30))
register_panel(Panel("student", "accounts/panels/student.html", _student, 40))
register_panel(Panel("partner", "accounts/panels/partner.html", _partner, 40))
