"""Reads about the network's membership shared by its parts."""

from django.db.models import QuerySet

from qogam.network.enums import MembershipStatus
from qogam.network.models import NetworkMembership


def memberships() -> QuerySet[NetworkMembership]:
    """Every university's membership row, whatever its status (read past the tenant scope)."""
    return NetworkMembership.objects.with_scopes_disabled().select_related("university")


def active_member_ids() -> set[int]:
    """Ids of the universities that are members of the network now."""
    return set(
        memberships().filter(status=MembershipStatus.ACTIVE).values_list("university_id", flat=True)
    )


def is_active_member(university_id: int) -> bool:
    return (
        memberships().filter(university_id=university_id, status=MembershipStatus.ACTIVE).exists()
    )
