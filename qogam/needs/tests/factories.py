"""Needs for tests, built through the services so every one carries its timeline."""

import re

from django.core import mail

from qogam.core.tenancy import all_universities
from qogam.needs import services
from qogam.needs.models import Comment

VALUES = {
    "title": "Тротуар на улице Абая",
    "description": "Нет тротуара до школы, дети идут по дороге.",
    "category": "infrastructure",
    "affected_group": "schoolchildren",
    "urgency": "high",
    "district": "Алмалинский район",
    "sdgs": [11, 3],
}
KK = {"kk": "Жасалды", "ru": "", "en": ""}


def post_need(university, *, poster=None, email="", partner_organisation=None, **values):
    return services.submit_need(
        university=university,
        values={**VALUES, **values},
        poster=poster,
        email=email,
        partner_organisation=partner_organisation,
    )


def token_from_outbox(index: int = -1) -> str:
    return re.search(r"/confirm/([^/\s]+)/", mail.outbox[index].body).group(1)


def published_need(world, **values):
    need = post_need(world["a"], poster=world["dana"], **values)
    return services.moderate_need(actor=world["erin"], need=need, publish=True)


def sweep_records(world) -> dict:
    """A's unpublished need (with an attachment-free comment and a report) for the sweeps."""
    if "needs_records" not in world:
        with all_universities():
            need = post_need(world["a"], poster=world["bob"], title="A Secret Need Title")
            comment = Comment.objects.create(
                university=world["a"], need=need, author=world["bob"], body="private comment"
            )
            report = services.report_item(
                reporter=world["bob"], need=need, comment=comment, reason="spam"
            )
            event = need.events.first()
            follow = need.follows.first()
        world["needs_records"] = {
            "follow": follow,
            "need": need,
            "comment": comment,
            "report": report,
            "event": event,
        }
    return world["needs_records"]
