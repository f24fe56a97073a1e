"""Coverage records for tests, written through the service."""

from datetime import date

from qogam.coverage import services
from qogam.needs.tests.factories import published_need

SECRET_HEADLINE = "A Secret Headline About Aqtobe"

VALUES = {
    "title": "Университет студенттері аялдама салды",
    "outlet": "Ақтөбе Таймс",
    "kind": "press",
    "published_on": date(2026, 10, 1),
    "language": "kk",
    "url": "https://aqtobetimes.example.kz/news/1",
    "reach": 12000,
}


def record(world, subject, actor="erin", **values):
    return services.record_coverage(
        actor=world[actor], subject=subject, values={**VALUES, **values}
    )


def a_coverage_records(world) -> dict:
    """A's private piece about a published need of A; made once per `world`."""
    if "_coverage_records" not in world:
        need = published_need(world)
        piece = record(world, need, title=SECRET_HEADLINE, visibility="private")
        world["_coverage_records"] = {"need": need, "coverage": piece}
    return world["_coverage_records"]
