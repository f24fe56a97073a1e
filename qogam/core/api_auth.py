"""Authentication for the REST API: the browser session or a personal API key.

A key (Authorization: Bearer …) is resolved by qogam.accounts.middleware before the tenant
scope opens, so by the time an endpoint runs `request.user` is the key's owner either way.
Session requests keep Django's CSRF check; key requests are exempt because no other site
can make a browser send them.
"""

from typing import Any

from django.http import HttpRequest
from ninja.security import SessionAuth


class SessionOrKeyAuth(SessionAuth):
    openapi_description = "Browser session (with CSRF token) or `Authorization: Bearer qg_…`."

    def __call__(self, request: HttpRequest) -> Any | None:
        if getattr(request, "api_token", None) is not None:
            return request.user
        return super().__call__(request)


signed_in = SessionOrKeyAuth()
