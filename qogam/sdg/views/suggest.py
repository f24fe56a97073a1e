"""POST /<lang>/sdg/suggest/: the suggestion panel for a form being filled in (htmx)."""

import uuid

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from qogam.sdg import registry
from qogam.sdg.suggestions import panel_from_data


def _record(request, kind: registry.Taggable, public_id: str):
    """The record being edited, when the person may change it (for what they rejected)."""
    if not public_id:
        return None
    try:
        uuid.UUID(public_id)
    except ValueError:
        return None
    record = kind.model.objects.filter(public_id=public_id).first()
    if not request.user.is_authenticated or record is None:
        return None
    if kind.change_perm and not request.user.has_perm(kind.change_perm, record):
        return None
    return record


# Anyone filling in a form may ask (residents post needs without an account), within a rate.
@ratelimit(group="sdg:suggest", key="user_or_ip", rate="60/m", method="POST", block=False)
@require_POST
def suggest(request):
    kind = registry.taggable(request.POST.get("sdg_kind", ""))
    if kind is None:
        raise Http404
    if getattr(request, "limited", False):
        message = _("Suggestions were asked for very often; they resume in a minute.")
        return render(request, "sdg/_suggestions.html", {"sdg_panel": {"messages": [message]}})
    record = _record(request, kind, request.POST.get("sdg_record", ""))
    context = panel_from_data(kind, request.POST, record)
    return render(request, "sdg/_suggestions.html", {"sdg_panel": context})
