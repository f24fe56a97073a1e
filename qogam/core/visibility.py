"""Visibility: the one place that decides which records a person may read.

A record is readable by
* staff of its own university (any staff-level role there), whatever its visibility;
* every member of the network (staff or student of any member university) when `network`;
* everyone, signed in or not, when `public`;
* the network's administrators, always.

Who may *change* a record is decided by django-rules predicates in each app's `rules.py`,
which ask the same `Viewer`. The Viewer is built from the person's memberships by the
accounts app, which registers its builder here (core cannot import accounts).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet

from qogam.core.enums import NETWORK_MEMBER_ROLES, STAFF_ROLES, Role, Visibility

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Grant:
    university_id: int | None
    unit_id: int | None
    role: str


@dataclass(frozen=True)
class Viewer:
    user_id: int | None = None
    grants: tuple[Grant, ...] = ()
    is_superuser: bool = False

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None

    @property
    def is_network_admin(self) -> bool:
        return self.is_superuser or any(g.role == Role.NETWORK_ADMIN for g in self.grants)

    @property
    def university_ids(self) -> frozenset[int]:
        return frozenset(g.university_id for g in self.grants if g.university_id is not None)

    @property
    def staff_university_ids(self) -> frozenset[int]:
        return frozenset(
            g.university_id for g in self.grants if g.role in STAFF_ROLES and g.university_id
        )

    @property
    def admin_university_ids(self) -> frozenset[int]:
        return self.university_ids_with(Role.UNIVERSITY_ADMIN)

    @property
    def is_network_member(self) -> bool:
        return self.is_network_admin or any(g.role in NETWORK_MEMBER_ROLES for g in self.grants)

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(g.role for g in self.grants)

    def university_ids_with(self, *roles: str) -> frozenset[int]:
        return frozenset(
            g.university_id for g in self.grants if g.role in roles and g.university_id
        )

    def has_role(self, university_id: int | None, *roles: str) -> bool:
        return any(g.university_id == university_id and g.role in roles for g in self.grants)

    def unit_ids_with(self, university_id: int, *roles: str) -> frozenset[int]:
        return frozenset(
            g.unit_id
            for g in self.grants
            if g.university_id == university_id and g.role in roles and g.unit_id
        )


ANONYMOUS = Viewer()

_viewer_builder: Callable[[Any], Viewer] | None = None


def set_viewer_builder(builder: Callable[[Any], Viewer]) -> None:
    global _viewer_builder
    _viewer_builder = builder


def viewer_of(user: Any) -> Viewer:
    """The Viewer for `user`, built once and kept on the user object."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_qogam_viewer", None)
    if cached is None:
        if _viewer_builder is None:
            raise RuntimeError("No viewer builder registered; is qogam.accounts installed?")
        cached = _viewer_builder(user)
        user._qogam_viewer = cached
    return cached


def forget_viewer(user: Any) -> None:
    """Drop the cached Viewer after the person's memberships change."""
    if hasattr(user, "_qogam_viewer"):
        del user._qogam_viewer


# The network app registers which universities' `network` rows the other universities no
# longer see (members that left the network). core cannot import it, hence the hook.
_network_exclusion: Callable[[], Any] | None = None


def set_network_exclusion(excluded: Callable[[], Any] | None) -> None:
    """Register a callable giving the ids of universities whose `network`-visibility rows are
    hidden from people of other universities: a lazy queryset of ids (used as a subquery,
    so a list query costs nothing more) or any iterable of ids."""
    global _network_exclusion
    _network_exclusion = excluded


def _excluded_ids(viewer: Viewer) -> frozenset[int]:
    """The excluded universities, evaluated once per Viewer (a Viewer lives for a request)."""
    if _network_exclusion is None:
        return frozenset()
    cached = viewer.__dict__.get("_excluded_ids")
    if cached is None:
        cached = frozenset(_network_exclusion())
        # The Viewer is frozen for its grants; this cache is not one of its fields.
        object.__setattr__(viewer, "_excluded_ids", cached)
    return cached


def visibility_filter(viewer: Viewer, *, prefix: str = "") -> Q:
    """The Q object that keeps only the rows `viewer` may read."""
    if viewer.is_network_admin:
        return Q()
    allowed = [Visibility.PUBLIC]
    if viewer.is_network_member:
        allowed.append(Visibility.NETWORK)
    q = Q(**{f"{prefix}visibility__in": allowed})
    if viewer.is_network_member and _network_exclusion is not None:
        hidden = Q(**{f"{prefix}visibility": Visibility.NETWORK}) & Q(
            **{f"{prefix}university__in": _network_exclusion()}
        )
        q &= ~hidden
    if viewer.staff_university_ids:
        q |= Q(**{f"{prefix}university__in": sorted(viewer.staff_university_ids)})
    return q


def can_read(viewer: Viewer, record: Any) -> bool:
    """The same rule as visibility_filter, for one record already in hand."""
    if viewer.is_network_admin or record.visibility == Visibility.PUBLIC:
        return True
    if record.visibility == Visibility.NETWORK and viewer.is_network_member:
        if record.university_id in viewer.staff_university_ids:
            return True
        return record.university_id not in _excluded_ids(viewer)
    return record.university_id in viewer.staff_university_ids


def visible_to(model: type[M], viewer: Viewer) -> QuerySet[M]:
    """Every row of `model`, of any university, that `viewer` may read.

    The tenant scope is widened on purpose here, and only here: the visibility filter
    replaces it.
    """
    manager = model._default_manager
    base = manager.with_scopes_disabled() if hasattr(manager, "with_scopes_disabled") else manager
    return base.filter(visibility_filter(viewer))
