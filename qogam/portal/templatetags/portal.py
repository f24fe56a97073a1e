"""Template helpers of the portal's pages."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The current address with another page number, keeping the filters."""
    query = context["request"].GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}"


@register.simple_tag(takes_context=True)
def kind_url(context, kind: str) -> str:
    """The current search narrowed to one kind of record."""
    query = context["request"].GET.copy()
    query["kind"] = kind
    query.pop("page", None)
    return f"?{query.urlencode()}"
