"""Indicator codes cited by a lower app's record (a strategy measure), shown as links to the
indicators' pages through the look-up the indicators app registers in core."""

from django import template

from qogam.core.indicator_codes import IndicatorRef, resolve_indicator_codes

register = template.Library()


@register.simple_tag
def indicator_refs(codes, university_id) -> list[tuple[str, IndicatorRef | None]]:
    """Each code in order with its indicator, or None when no indicator has it (any more)."""
    codes = [code for code in codes or [] if code]
    known = resolve_indicator_codes(codes, university_id)
    return [(code, known.get(code)) for code in codes]
