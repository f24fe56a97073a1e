import re

from django.utils import timezone

from qogam.accounts.models import ApiToken
from qogam.core.tenancy import all_universities, university_scope
from qogam.core.tokens import hash_secret
from qogam.core.visibility import viewer_of

_ADMIN_PATH = re.compile(r"^/(?:[a-z]{2}/)?admin/")


class ApiTokenMiddleware:
    """`Authorization: Bearer qg_…` signs the request in as the key's owner.

    A key is not a browser cookie, so a request carrying one cannot be forged by another
    site; CSRF checks are skipped for it and only for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer ") and request.path.startswith("/api/"):
            request.api_token_presented = True
            token = (
                ApiToken.objects.select_related("user")
                .filter(key_hash=hash_secret(header[7:].strip()), user__is_active=True)
                .first()
            )
            if token is not None and (
                token.expires_at is None or token.expires_at > timezone.now()
            ):
                ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
                request.user = token.user
                request._dont_enforce_csrf_checks = True
                request.api_token = token
        return self.get_response(request)


class TenantScopeMiddleware:
    """Opens the tenant scope for the whole request.

    The scope holds the universities where the person has a role; records of others are
    reached only through qogam.core.visibility. The admin site runs unscoped and filters
    by the administrator's universities in its own querysets (qogam.core.admin).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.viewer = viewer = viewer_of(request.user)
        if viewer.is_network_admin or _ADMIN_PATH.match(request.path_info):
            with all_universities():
                return self.get_response(request)
        with university_scope(sorted(viewer.university_ids)):
            return self.get_response(request)
