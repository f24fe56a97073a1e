"""{% sdg_icon 7 %}: a goal's icon; {% sdg_title 7 %}: its short title in the reader's language."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from qogam.sdg.goals import goal_colour, goal_title

register = template.Library()


@register.simple_tag
def sdg_icon(number, size: int = 32) -> SafeString:
    number = int(number)
    context = {
        "number": number,
        "size": int(size),
        "colour": goal_colour(number),
        "title": goal_title(number),
    }
    return render_to_string("sdg/icon.html", context)


@register.simple_tag
def sdg_title(number) -> str:
    return goal_title(int(number))


@register.filter
def sdg_colour(number) -> str:
    return goal_colour(int(number))
