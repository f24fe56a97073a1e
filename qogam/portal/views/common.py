"""What the portal's pages share: finding a public university, paging, the sharing tags.

Every record reaches these pages through qogam.portal.queries, which keeps only public
records of public, active universities; a page then picks the fields it prints (never a
partner's contacts or a poster's e-mail). Each page carries its own sharing tags (Open Graph,
Twitter card, canonical and hreflang links), built in `render_page`.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from qogam.core.i18n import translated
from qogam.organisations.models import Network
from qogam.portal import cards
from qogam.portal import queries as q
from qogam.portal.forms import SearchForm

PER_PAGE = 20
# How many of each kind the overview of a search shows before "all results".
PREVIEW = 5
OG_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}
KIND_TITLES = {
    "projects": lambda: _("Projects"),
    "needs": lambda: _("Community needs"),
    "opportunities": lambda: _("Volunteering opportunities"),
    "partners": lambda: _("Partners"),
    "studies": lambda: _("Regional research"),
}
LIST_URLS = {
    "projects": "portal:projects",
    "needs": "portal:needs",
    "opportunities": "portal:opportunities",
    "partners": "portal:partners",
    "studies": "portal:studies",
}


def text_of(obj, *fields: str) -> str:
    for field in fields:
        value = translated(obj, field).text
        if value:
            return value
    return ""


def _summary(text: str, words: int = 30) -> str:
    return Truncator(" ".join((text or "").split())).words(words)


def _maybe_url(name: str, **kwargs) -> str | None:
    """A URL another part of the portal may not have yet (feeds, open data): None until then."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _export_labels() -> dict:
    return {
        "projects": _("projects"),
        "needs": _("community needs"),
        "opportunities": _("volunteering opportunities"),
        "partners": _("partners"),
        "research": _("regional research"),
        "indicators": _("indicators"),
    }


def _sharing_links(university) -> dict:
    """Feeds, open data and the widget of the university, where that part of the portal
    exists; the templates print only the links that are not None."""
    if university is None:
        return {
            "atom": _maybe_url("portal:network_feed_atom"),
            "rss": _maybe_url("portal:network_feed_rss"),
            "data": _maybe_url("portal:data"),
        }
    slug = university.slug
    exports = []
    for kind, label in _export_labels().items():
        csv = _maybe_url("portal:export", slug=slug, kind=kind, fmt="csv")
        json = _maybe_url("portal:export", slug=slug, kind=kind, fmt="json")
        if csv or json:
            exports.append({"label": label, "csv": csv, "json": json})
    return {
        "atom": _maybe_url("portal:feed_atom", slug=slug),
        "rss": _maybe_url("portal:feed_rss", slug=slug),
        "widget": _maybe_url("portal:widget", slug=slug),
        "exports": exports,
    }


def university_or_404(slug: str):
    university = q.public_university(slug)
    if university is None:
        raise Http404
    return university


def paginate(request, qs, per_page: int = PER_PAGE):
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


def render_page(
    request,
    template: str,
    context: dict,
    *,
    title: str,
    description: str,
    image: str,
    og_type: str = "website",
    status: int = 200,
):
    """The page with its sharing tags: every URL in them is absolute, as previews need."""
    university = context.get("university")
    language = get_language()
    canonical = request.path
    page = context.get("page")
    if page is not None and page.number > 1:
        canonical += f"?page={page.number}"
    context = {
        **context,
        "meta": {
            "title": title,
            "description": _summary(description, 40),
            "url": request.build_absolute_uri(canonical),
            "image": request.build_absolute_uri(image),
            "type": og_type,
            "locale": OG_LOCALES.get(language, language),
            "alternate_locales": [v for k, v in OG_LOCALES.items() if k != language],
            "site_name": text_of(university, "name") if university else network_name(),
        },
        "alternates": [
            {"code": code, "url": request.build_absolute_uri(translate_url(request.path, code))}
            for code, _name in settings.LANGUAGES
        ],
        "sharing": _sharing_links(university),
    }
    return render(request, template, context, status=status)


def network_name() -> str:
    network = Network.objects.first()
    return text_of(network, "name") if network else "Qogam"


def university_image(university) -> str:
    return reverse("portal:university_card", kwargs={"slug": university.slug})


def search_filters(request, *, with_kind: bool):
    form = SearchForm(request.GET or None, with_kind=with_kind)
    return form, (form.filters() if form.is_bound else {})


def card_response(**values) -> HttpResponse:
    return HttpResponse(cards.render_card(**values), content_type="image/png")
