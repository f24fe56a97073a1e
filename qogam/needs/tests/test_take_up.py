"""A project takes a need up: the need moves to "in progress" with its steps on the timeline."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from qogam.core.related import RelatedRecord, RelatedSource, TimelineEntry, register_related_source
from qogam.core.related import _sources as related_registry
from qogam.core.tenancy import all_universities
from qogam.needs import services
from qogam.needs.enums import EventKind, NeedState
from qogam.needs.tests.factories import post_need, published_need

NOTE = {"kk": "Жоба басталды", "ru": "Проект начат", "en": "A project started"}


def test_take_up_published_need_accepts_then_starts_for_coordinators_unit(world):
    need = published_need(world)
    need = services.take_up_need(actor=world["cora"], need=need, unit=world["a_faculty"], note=NOTE)
    assert need.state == NeedState.IN_PROGRESS
    assert need.unit == world["a_faculty"]
    with all_universities():
        kinds = list(need.events.values_list("kind", flat=True))
    assert kinds[-2:] == [EventKind.ACCEPTED, EventKind.STARTED]


def test_take_up_need_in_progress_adds_the_note_only(world):
    need = published_need(world)
    need = services.take_up_need(actor=world["erin"], need=need, unit=world["a_faculty"])
    need = services.take_up_need(actor=world["erin"], need=need, unit=world["a_faculty"], note=NOTE)
    assert need.state == NeedState.IN_PROGRESS
    with all_universities():
        last = need.events.last()
    assert (last.kind, last.note_en) == (EventKind.NOTE, "A project started")


def test_take_up_unpublished_need_is_refused(world):
    need = post_need(world["a"], poster=world["dana"])
    with pytest.raises(ValidationError):
        services.take_up_need(actor=world["erin"], need=need, unit=world["a_faculty"])


def test_take_up_by_staff_without_role_is_refused(world):
    need = published_need(world)
    with pytest.raises(PermissionDenied):
        services.take_up_need(actor=world["bob"], need=need, unit=world["a_faculty"])
    need.refresh_from_db()
    assert need.state == NeedState.PUBLISHED


@pytest.fixture
def a_source():
    before = dict(related_registry.get("needs.need", {}))

    def records(need, viewer):
        return [RelatedRecord(title="Sidewalk project", url="/en/projects/x/", kind="Project")]

    def timeline(need, viewer):
        at = timezone.now() + timedelta(minutes=5)
        return [TimelineEntry(at=at, kind="Project update", title="Sidewalk poured", body="Done.")]

    register_related_source("needs.need", RelatedSource("test", "Projects", records, timeline))
    yield
    related_registry["needs.need"] = before


def test_need_page_shows_registered_records_and_timeline_entries_in_order(world, client, a_source):
    need = published_need(world)
    body = client.get(need.get_absolute_url()).content.decode()
    assert "Sidewalk project" in body
    timeline = body[body.index('<ol class="timeline">') :]
    assert timeline.index("<strong>Published</strong>") < timeline.index("Sidewalk poured")
