"""RSS 2.0 and Atom feeds of the portal: the stories of public projects, and the needs the
community raised that the university answered ("you said — we did"); of one university or
of the whole network. A feed speaks the language of its address.

Items carry no author: updates are written by staff, and the portal names no one.
"""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from qogam.core.i18n import translated
from qogam.needs.enums import NeedState
from qogam.organisations.models import University
from qogam.portal import queries
from qogam.portal.sitemaps import portal_url, record_url, university_url

ITEMS = 30
SUMMARY_WORDS = 80


def _home_of(university: University | None) -> str:
    """The page a feed stands for: the university's portal page, or the network's."""
    if university is not None:
        return university_url(university) or reverse(
            "portal:widget_code", kwargs={"slug": university.slug}
        )
    return portal_url("home") or reverse("portal:data")


def _at_noon(day) -> datetime:
    # Updates are dated by day; noon keeps the date the same in every time zone nearby.
    return timezone.make_aware(datetime.combine(day, time(12)))


class _PortalFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, slug: str | None = None) -> University | None:
        if slug is None:
            return None
        return get_object_or_404(queries.public_universities(), slug=slug)

    def link(self, obj) -> str:
        return _home_of(obj)

    def item_guid_is_permalink(self, item) -> bool:
        return False

    def item_guid(self, item) -> str:
        return f"urn:uuid:{item.public_id}"


class UpdatesFeed(_PortalFeed):
    """Stories (updates) of public projects, newest first."""

    def title(self, obj) -> str:
        if obj is None:
            return _("Stories of the network's projects")
        return _("Stories of the projects of %(university)s") % {
            "university": translated(obj, "name").text
        }

    def description(self, obj) -> str:
        return _("News from the third-mission projects, as they happen.")

    def items(self, obj):
        return queries.public_updates(obj)[:ITEMS]

    def item_title(self, item) -> str:
        return translated(item, "title").text

    def item_description(self, item) -> str:
        project = translated(item.project, "title").text
        body = Truncator(translated(item, "body").text).words(SUMMARY_WORDS)
        return f"{project}: {body}" if body else project

    def item_link(self, item) -> str:
        page = record_url("project", item.project) or _home_of(item.university)
        return f"{page}#update-{item.public_id}"

    def item_pubdate(self, item) -> datetime:
        return _at_noon(item.on)

    def item_updateddate(self, item) -> datetime:
        return item.updated_at

    def item_categories(self, item):
        return [item.university.slug]


class UpdatesAtomFeed(UpdatesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj) -> str:
        return self.description(obj)


class AnsweredNeedsFeed(_PortalFeed):
    """Needs the university reported as addressed: what the community asked, what was done."""

    def title(self, obj) -> str:
        if obj is None:
            return _("You said — we did: needs answered across the network")
        return _("You said — we did: needs answered by %(university)s") % {
            "university": translated(obj, "name").text
        }

    def description(self, obj) -> str:
        return _("Needs raised by the community, and what the university did about them.")

    def items(self, obj):
        return (
            queries.public_needs(obj)
            .filter(state=NeedState.ADDRESSED, addressed_at__isnull=False)
            .order_by("-addressed_at", "-pk")[:ITEMS]
        )

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        report = Truncator(translated(item, "report").text).words(SUMMARY_WORDS)
        return _("What was done: %(report)s") % {"report": report} if report else item.title

    def item_link(self, item) -> str:
        page = record_url("need", item) or _home_of(item.university)
        return f"{page}#need-{item.public_id}"

    def item_pubdate(self, item) -> datetime:
        return item.addressed_at

    def item_updateddate(self, item) -> datetime:
        return item.updated_at


class AnsweredNeedsAtomFeed(AnsweredNeedsFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj) -> str:
        return self.description(obj)
