"""The portal's pages kept in Django's cache, and thrown away the moment the data changes.

`cached_page` keeps the answer of a portal view (a page, a feed, a preview card) for
PORTAL_CACHE_SECONDS (10 minutes; 0 turns caching off) and serves it again to anonymous
visitors without a single database query. Only what cannot differ from one visitor to
another is kept:

- a GET or HEAD answered with 200, not streamed (uploads and exports stream and are not kept);
- to a visitor who is not signed in and sends no session or messages cookie: such a request
  is neither served from the cache nor stored, since the page may show who is signed in;
- without a cookie being set and without a CSRF token in it (a page with a form posting back).

The key holds the method, the absolute URL with its query string (pages print absolute URLs
in their sharing tags, so the host and scheme matter), the language and the portal's version.
Every answer carries `X-Cache: hit` or `X-Cache: miss`; a request the cache does not serve
carries no header.

Invalidation: the version is one number in the cache. Saving or deleting any row of an app
the portal reads or counts (`PORTAL_APPS`: projects, updates and photos, needs, partners,
studies, volunteering, indicators and the values they compute from, SDG tags, practices,
universities, units, the network...) and a change of a many-to-many relation between them
bumps it, so every page kept so far is missed at once, and then expires. Writes are rare
beside reads, so one number for the whole portal is simpler than knowing which page shows
which row. The bump happens at once and again when the transaction commits, so a page read
by another visitor while the change was not yet committed is not kept under the new version.

Bulk updates send no signal. Those found in services (`.update(` / `bulk_create`) do not
change what the portal shows on their own: research's delete_study clears questions and then
deletes the study (which signals), volunteering's shift lock only touches `updated_at` before
a save, SDG tagging runs bulk-create *suggested* goals (the portal shows accepted ones only,
accepted by a save), indicator snapshots save their Snapshot row first. A service that later
changes public content with `.update()` must call `bump_version()` itself.

With the local-memory cache (no REDIS_URL) each process keeps its own pages and version: a
change made through one process is seen at once there, and by the others when their pages
expire. Production with several processes should set REDIS_URL.
"""

import hashlib
import time
from collections.abc import Callable
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponseBase
from django.urls import URLPattern
from django.utils.translation import get_language

DEFAULT_SECONDS = 600
VERSION_KEY = "portal:version"
HEADER = "X-Cache"
# Apps of Qogam whose rows never show on the portal, nor feed a figure it prints.
IGNORED_APPS = frozenset({"notifications", "reports", "portal", "demo"})
# accounts.User rows are saved at every sign-in (last_login), which changes nothing shown.
IGNORED_UPDATE_FIELDS = frozenset({"last_login"})


def portal_apps() -> frozenset[str]:
    """Labels of the apps the portal reads: every app of Qogam but the ignored ones."""
    return frozenset(
        config.label
        for config in apps.get_app_configs()
        if config.name.startswith("qogam.") and config.label not in IGNORED_APPS
    )


def seconds() -> int:
    return int(getattr(settings, "PORTAL_CACHE_SECONDS", DEFAULT_SECONDS))


def version() -> int:
    current = cache.get(VERSION_KEY)
    if current is None:
        # First use, or the cache lost it: a number no earlier version can have had.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        current = cache.get(VERSION_KEY, 0)
    return int(current)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there: any new number starts a fresh generation
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def bump_version() -> None:
    """Every page kept so far is stale: now, and again once the transaction commits.

    With caching off nothing is kept, so there is nothing to throw away (and no work added to
    every write)."""
    if seconds() <= 0:
        return
    _bump()
    if connection.in_atomic_block:
        transaction.on_commit(_bump)


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies:
        return False
    if getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _cacheable_response(request: HttpRequest, response: HttpResponseBase) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.has_header("Set-Cookie") or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    return b"csrfmiddlewaretoken" not in response.content  # type: ignore[attr-defined]


def page_key(request: HttpRequest) -> str:
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"portal:page:{version()}:{request.method}:{get_language()}:{address}"


def cached_page(view: Callable) -> Callable:
    """Keep the view's answer for anonymous visitors; see the module's docstring."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        timeout = seconds()
        if timeout <= 0 or not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        response = cache.get(key)
        if response is not None:
            response[HEADER] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if _cacheable_response(request, response):
            cache.set(key, response, timeout)
            response[HEADER] = "miss"
        return response

    return wrapper


def cached_patterns(patterns: list) -> list:
    """The portal's routes with every view kept by `cached_page`."""
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = cached_page(pattern.callback)
    return patterns


# --- Invalidation ------------------------------------------------------------------------


def _shown(sender) -> bool:
    return sender._meta.app_label in _PORTAL_APPS


def _on_save(sender, update_fields=None, raw=False, **kwargs) -> None:
    if raw or not _shown(sender):
        return
    if update_fields and set(update_fields) <= IGNORED_UPDATE_FIELDS:
        return
    bump_version()


def _on_delete(sender, **kwargs) -> None:
    if _shown(sender):
        bump_version()


def _on_m2m(sender, action: str, model, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    # `sender` is the through model; the ends tell which apps the relation joins.
    instance = kwargs.get("instance")
    ends = [model, type(instance)] if instance is not None else [model]
    if _shown(sender) or any(_shown(end) for end in ends):
        bump_version()


_PORTAL_APPS: frozenset[str] = frozenset()


def connect_signals() -> None:
    """Called by the portal's AppConfig.ready: bump the version on every change it shows."""
    global _PORTAL_APPS
    _PORTAL_APPS = portal_apps()
    post_save.connect(_on_save, dispatch_uid="portal-cache-save")
    post_delete.connect(_on_delete, dispatch_uid="portal-cache-delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="portal-cache-m2m")
