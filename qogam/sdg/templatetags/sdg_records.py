"""{% record_goals record %}: a record's goals on its detail page, with how each was set for the
staff of its university; {% public_record_goals record slug %}: the portal's chips, each a link
to the university's search for that goal."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from qogam.sdg.record_goals import goal_lines, public_goal_lines, sees_goal_history

register = template.Library()


@register.simple_tag(takes_context=True)
def record_goals(context, record) -> SafeString:
    request = context.get("request")
    user = getattr(request, "user", None)
    lines = goal_lines(record, with_history=sees_goal_history(user, record))
    if not lines:
        return SafeString("")
    return render_to_string("sdg/_record_goals.html", {"lines": lines})


@register.simple_tag
def public_record_goals(record, slug) -> SafeString:
    lines = public_goal_lines(record, slug=slug)
    if not lines:
        return SafeString("")
    return render_to_string("sdg/_record_goals.html", {"lines": lines, "public": True})
