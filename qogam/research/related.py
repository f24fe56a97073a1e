"""What the research app adds to a community need's page: its studies and science-shop topics,
and each completed topic's plain-language summary on the need's public timeline."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qogam.core.related import RelatedSource, register_related_source
from qogam.research.queries import need_records, need_timeline


def _topic_from_need(need, user) -> str | None:
    """Where the office turns a published need into a science-shop topic."""
    if not need.is_public or not user.has_perm("research.propose_at", need.university):
        return None
    return reverse("research:question_create", kwargs={"need_id": need.public_id})


register_related_source(
    "needs.need",
    RelatedSource(
        key="research",
        label=_("Research and science-shop topics"),
        records=need_records,
        timeline=need_timeline,
        order=30,
        add_url=_topic_from_need,
        add_label=_("Turn into a science-shop topic"),
    ),
)
