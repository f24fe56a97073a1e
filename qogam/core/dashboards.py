"""Panels on the home dashboard, registered by the apps that know what to show.

A lower app cannot import a higher one, so the home page (in accounts) does not know about
projects or volunteering; each app registers its panels here and the home page reads them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    # Called with the request; returns the template context, or None to hide the panel.
    context: Callable[[HttpRequest], dict[str, Any] | None]
    order: int = 100


_panels: dict[str, Panel] = {}


def register_panel(panel: Panel) -> None:
    _panels[panel.key] = panel


def panels_for(request: HttpRequest) -> list[tuple[Panel, dict[str, Any]]]:
    shown = []
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.key)):
        context = panel.context(request)
        if context is not None:
            shown.append((panel, context))
    return shown
