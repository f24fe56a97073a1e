"""Reads about people and their roles."""

from django.db.models import Count, Q, QuerySet

from qogam.accounts.models import Invitation, Membership, User
from qogam.core.enums import STAFF_ROLES, Role
from qogam.core.visibility import Grant, Viewer


def build_viewer(user: User) -> Viewer:
    """The person's roles in one query; qogam.core.visibility caches it on the user."""
    rows = (
        Membership.objects.with_scopes_disabled()
        .filter(user=user)
        .values_list("university_id", "unit_id", "role")
    )
    return Viewer(
        user_id=user.pk,
        grants=tuple(Grant(*row) for row in rows),
        is_superuser=user.is_superuser,
    )


def memberships_visible_to(viewer: Viewer) -> QuerySet[Membership]:
    """Memberships the viewer may read, by the same rule as accounts.rules (view)."""
    qs = Membership.objects.with_scopes_disabled().select_related("user", "university", "unit")
    if viewer.is_network_admin:
        return qs
    q = Q(user_id=viewer.user_id)
    managed = viewer.university_ids_with(Role.UNIVERSITY_ADMIN, Role.OFFICE)
    if managed:
        q |= Q(university__in=sorted(managed))
    for university_id in viewer.university_ids_with(Role.UNIT_COORDINATOR):
        units = viewer.unit_ids_with(university_id, Role.UNIT_COORDINATOR)
        q |= Q(university_id=university_id, unit__in=sorted(units))
    return qs.filter(q)


def invitations_visible_to(viewer: Viewer) -> QuerySet[Invitation]:
    qs = Invitation.objects.with_scopes_disabled().select_related(
        "university", "unit", "invited_by"
    )
    if viewer.is_network_admin:
        return qs
    q = Q(university__in=sorted(viewer.admin_university_ids))
    for university_id in viewer.university_ids_with(Role.UNIT_COORDINATOR):
        units = viewer.unit_ids_with(university_id, Role.UNIT_COORDINATOR)
        q |= Q(university_id=university_id, unit__in=sorted(units))
    return qs.filter(q)


def people_by_role(university_ids: list[int] | None) -> dict[int, dict[str, int]]:
    """How many people hold each role, per university, in one aggregate query."""
    qs = Membership.objects.with_scopes_disabled()
    if university_ids is not None:
        qs = qs.filter(university__in=university_ids)
    counts: dict[int, dict[str, int]] = {}
    for row in (
        qs.order_by().values("university_id", "role").annotate(n=Count("user", distinct=True))
    ):
        counts.setdefault(row["university_id"], {})[row["role"]] = row["n"]
    return counts


def is_staff_at(user, university_id: int) -> bool:
    """Whether the person holds a staff role at the university (read past the tenant scope):
    who may own a measure, sit on a council as the university's member or be assigned work."""
    return (
        Membership.objects.with_scopes_disabled()
        .filter(user=user, university_id=university_id, role__in=sorted(STAFF_ROLES))
        .exists()
    )
