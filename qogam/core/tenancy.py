"""The tenant scope: which universities' rows a piece of code may touch.

The university is the tenant. Tenant models use django-scopes' ScopedManager on the
`university` dimension, so every query needs an open scope:

* requests: middleware opens `scope(university=[ids of the user's universities])`;
* commands, tasks and tests: `with university_scope(university)` or `with all_universities()`;
* reads across universities (network and public records) go through `visible_to()` in
  qogam.core.visibility, which widens the scope and applies the visibility rule in one place.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django_scopes import scope, scopes_disabled

__all__ = ["all_universities", "scopes_disabled", "university_scope"]


@contextmanager
def university_scope(universities: Any | Iterable[Any]) -> Iterator[None]:
    """Open the scope on one university, or several (instances or ids)."""
    if isinstance(universities, (list, tuple, set, frozenset)):
        ids = [getattr(u, "pk", u) for u in universities]
    else:
        ids = [getattr(universities, "pk", universities)]
    # A list, even of one, because django-scopes treats a bare None as "no filter".
    with scope(university=ids):
        yield


@contextmanager
def all_universities() -> Iterator[None]:
    """Every university's rows: for the admin, the network's secretariat and maintenance."""
    with scopes_disabled():
        yield
