from django import template
from django.db.models import Model
from django.utils.html import format_html

from qogam.core.i18n import LANGUAGE_NAMES, translated

register = template.Library()


@register.simple_tag
def tr(obj: Model, *fields: str):
    """Content in the reader's language; a fallback carries its language and a marker.

    With several fields the first one filled in any language wins:
    `{% tr university "short_name" "name" %}`.
    """
    for field in fields:
        value = translated(obj, field)
        if value.text:
            break
    if not value.is_fallback:
        return value.text
    return format_html(
        '<span lang="{}">{}</span> <abbr class="fallback" title="{}">{}</abbr>',
        value.language,
        value.text,
        LANGUAGE_NAMES.get(value.language, value.language),
        value.language.upper(),
    )
