"""Reads of the organisation tree shared by pages, the API and the admin."""

from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

from qogam.core.enums import Visibility
from qogam.core.visibility import Viewer, visible_to
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


def unit_tree(units: list[Unit]) -> list[tuple[Unit, list]]:
    """Units as a nested tree of (unit, children) pairs, for nested lists.

    A unit whose parent the viewer cannot see is shown at the top level.
    """
    present = {u.pk for u in units}
    by_parent: dict[int | None, list[Unit]] = {}
    for unit in units:
        key = unit.parent_id if unit.parent_id in present else None
        by_parent.setdefault(key, []).append(unit)

    def branch(parent_id: int | None, seen: frozenset[int]) -> list[tuple[Unit, list]]:
        return [
            (child, branch(child.pk, seen | {child.pk}))
            for child in by_parent.get(parent_id, [])
            if child.pk not in seen
        ]

    return branch(None, frozenset())


def unit_counts(university_ids: list[int] | None) -> dict[int, int]:
    """Units per university, in one aggregate query."""
    qs = Unit.objects.with_scopes_disabled()
    if university_ids is not None:
        qs = qs.filter(university__in=university_ids)
    rows = qs.order_by().values("university_id").annotate(n=Count("pk"))
    return {row["university_id"]: row["n"] for row in rows}


def units_with_children(unit_ids: list[int]) -> list[tuple[Unit, list[Unit]]]:
    """The given units, each with its direct sub-units: two queries whatever the count."""
    manager = Unit.objects.with_scopes_disabled()
    units = list(manager.filter(pk__in=unit_ids).select_related("university"))
    children: dict[int, list[Unit]] = {}
    for child in manager.filter(parent__in=unit_ids).order_by("name"):
        children.setdefault(child.parent_id, []).append(child)
    return [(unit, children.get(unit.pk, [])) for unit in units]


def units_beneath(unit_ids: Iterable[int]) -> set[int]:
    """The units themselves and every unit beneath them, from one query of their universities'
    trees (a tree is a few hundred units at most)."""
    roots = set(unit_ids)
    if not roots:
        return set()
    manager = Unit.objects.with_scopes_disabled()
    universities = manager.filter(pk__in=sorted(roots)).values("university_id")
    children: dict[int, list[int]] = {}
    for pk, parent_id in manager.filter(university__in=universities).values_list("pk", "parent_id"):
        if parent_id is not None:
            children.setdefault(parent_id, []).append(pk)
    found, todo = set(), list(roots)
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.add(current)
        todo.extend(children.get(current, ()))
    return found


def counted_units(scope) -> set[int] | None:
    """The units a measure (qogam.core.measures) counts: the scope's units, narrowed by a
    literal "unit" filter (a unit and those beneath it); None when neither narrows."""
    units = None if scope.unit_ids is None else set(scope.unit_ids)
    chosen = scope.values("unit")
    if chosen:
        # A value that is no unit id matches no unit: the filter then counts nothing.
        beneath = units_beneath(int(v) for v in chosen if str(v).isdigit())
        units = beneath if units is None else units & beneath
    return units


def staff_universities(viewer: Viewer) -> QuerySet[University]:
    """The active universities whose staff pages the viewer reads: where they are staff;
    every active one for the network's administrators."""
    universities = University.objects.filter(is_active=True).order_by("pk")
    if not viewer.is_network_admin:
        universities = universities.filter(pk__in=sorted(viewer.staff_university_ids))
    return universities


def choose_university(universities: Iterable[University], slug: str | None) -> University | None:
    """The university of ?university=<slug> among `universities`, else the first (None when
    there is none): how a page for people of several universities picks one."""
    universities = list(universities)
    for university in universities:
        if slug and university.slug == slug:
            return university
    return universities[0] if universities else None
