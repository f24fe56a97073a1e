"""Error pages that need a view of their own."""

from django.shortcuts import render


def rate_limited(request, exception=None):
    """429 for any view guarded by django-ratelimit with block=True (RATELIMIT_VIEW)."""
    return render(request, "429.html", status=429)
