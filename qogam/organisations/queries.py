"""Reads of the organisation tree shared by pages, the API and the admin."""

from django.db.models import Q, QuerySet

from qogam.core.enums import Visibility
from qogam.core.visibility import Viewer, can_read, visible_to
from qogam.organisations.models import Network, Unit, University


def current_network() -> Network | None:
    return Network.objects.first()


def universities_visible_to(viewer: Viewer) -> QuerySet[University]:
    qs = University.objects.filter(is_active=True)
    if viewer.is_network_admin:
        return qs
    # The university is its own tenant, so the visibility rule is spelled out on its pk.
    visible = (
        [Visibility.PUBLIC, Visibility.NETWORK] if viewer.is_network_member else [Visibility.PUBLIC]
    )
    return qs.filter(Q(visibility__in=visible) | Q(pk__in=sorted(viewer.staff_university_ids)))


def units_visible_to(viewer: Viewer) -> QuerySet[Unit]:
    return visible_to(Unit, viewer).select_related("university", "parent")


def unit_tree(units: list[Unit]) -> list[tuple[Unit, int]]:
    """Units in tree order with their depth, for an indented list.

    A unit whose parent the viewer cannot see is shown at the top level.
    """
    by_parent: dict[int | None, list[Unit]] = {}
    present = {u.pk for u in units}
    for unit in units:
        key = unit.parent_id if unit.parent_id in present else None
        by_parent.setdefault(key, []).append(unit)
    ordered: list[tuple[Unit, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for child in by_parent.get(parent_id, []):
            ordered.append((child, depth))
            walk(child.pk, depth + 1)

    walk(None, 0)
    return ordered


def university_is_visible(viewer: Viewer, university: University) -> bool:
    return university.is_active and can_read(viewer, university)
