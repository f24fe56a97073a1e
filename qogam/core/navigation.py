"""The main navigation, assembled from items each app registers.

An item is shown when its `visible` predicate says so for the request, so each role sees
what it may use and nothing else; predicates ask the app's rules, never a role name.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str | Promise
    url_name: str
    visible: Callable[[HttpRequest], bool]
    order: int = 100
    section: str = ""
    # A number to show beside the label (unread notices), or None.
    badge: Callable[[HttpRequest], int | None] | None = None


_items: dict[str, NavItem] = {}


def register_nav_item(item: NavItem) -> None:
    _items[item.key] = item


def nav_for(request: HttpRequest) -> list[dict]:
    # An item is current on its own page and on every page of its section (its URL namespace).
    match = request.resolver_match
    current = match.view_name if match else ""
    section = match.namespace if match else ""
    entries = []
    for item in sorted(_items.values(), key=lambda i: (i.order, i.key)):
        if item.visible(request):
            url = reverse(item.url_name)
            entries.append(
                {
                    "key": item.key,
                    "label": item.label,
                    "url": url,
                    "current": current == item.url_name
                    or bool(item.section and item.section == section),
                    "badge": item.badge(request) if item.badge else None,
                }
            )
    return entries
