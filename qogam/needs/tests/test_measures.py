from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

import qogam.core.measures
from qogam.core.measures import MeasureScope, registered_measures
from qogam.core.tenancy import all_universities, university_scope
from qogam.needs import (
    measures,  # noqa: F401
    services,
)
from qogam.needs.enums import EventKind
from qogam.needs.models import Need, NeedEvent
from qogam.needs.tests.factories import KK, post_need, published_need

STARTS_ON = date(2026, 1, 1)
ENDS_ON = date(2026, 6, 30)


def _at(day: date):
    return timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=12)))


def _dated(need, kind, day):
    with all_universities():
        NeedEvent.objects.filter(need=need, kind=kind).update(created_at=_at(day))


def _need(world, *, published, accepted=None, addressed=None, unit="a_faculty", **values):
    """A need of A taken as far as the dates given, each step dated on its timeline."""
    need = published_need(world, **values)
    _dated(need, EventKind.PUBLISHED, published)
    if accepted:
        need = services.accept_need(actor=world["erin"], need=need, unit=world[unit])
        _dated(need, EventKind.ACCEPTED, accepted)
    if addressed:
        need = services.start_need(actor=world["erin"], need=need)
        need = services.address_need(actor=world["erin"], need=need, report=KK)
        _dated(need, EventKind.ADDRESSED, addressed)
    return need


def _link_project(world, need, **values):
    # A project of A naming the need; the link is written directly so the need keeps the
    # state and timeline the test gave it (the service would take the need up).
    from qogam.projects.tests.factories import make_project  # noqa: PLC0415

    project = make_project(world, **values)
    with all_universities():
        Need.projects.through.objects.create(project=project, need=need)
    return project


@pytest.fixture
def needs(world):
    records = {
        # Published, accepted and addressed within 80 days, all in the period.
        "on_time": _need(
            world,
            published=date(2026, 2, 1),
            accepted=date(2026, 2, 10),
            addressed=date(2026, 5, 1),
            category="infrastructure",
            sdgs=[11, 3],
        ),
        # Addressed 260 days after acceptance.
        "late": _need(
            world,
            published=date(2026, 3, 1),
            accepted=date(2026, 3, 5),
            addressed=date(2026, 11, 20),
            unit="a_network_unit",
            category="health",
            sdgs=[4],
        ),
        # Published before the period, accepted within it, never addressed.
        "carried_over": _need(
            world, published=date(2025, 12, 20), accepted=date(2026, 1, 5), sdgs=[11]
        ),
        # Published after the period.
        "after": _need(world, published=date(2026, 7, 5), sdgs=[11]),
        # Still in moderation: never published.
        "unpublished": post_need(world["a"], poster=world["dana"]),
    }
    b_need = post_need(world["b"], poster=world["bianca"])
    b_need = services.moderate_need(actor=world["charlie"], need=b_need, publish=True)
    b_need = services.accept_need(actor=world["charlie"], need=b_need, unit=world["b_public"])
    for kind, day in [
        (EventKind.PUBLISHED, date(2026, 2, 1)),
        (EventKind.ACCEPTED, date(2026, 2, 2)),
    ]:
        _dated(b_need, kind, day)
    records["b"] = b_need
    return records


def _scope(world, unit_ids=None, **filters):
    return MeasureScope(
        university_id=world["a"].pk,
        starts_on=STARTS_ON,
        ends_on=ENDS_ON,
        unit_ids=frozenset(unit_ids) if unit_ids is not None else None,
        filters={key: tuple(values) for key, values in filters.items()},
    )


def _value(key, scope):
    measure = qogam.core.measures.measure(key)
    with university_scope(scope.university_id):
        value = measure.value(scope)
        listed = list(measure.provenance(scope))
        assert measure.recount(listed) == value
        for record in listed:
            assert measure.row(record).url == record.get_absolute_url()
    return value


def _titles(key, scope):
    measure = qogam.core.measures.measure(key)
    with university_scope(scope.university_id):
        return sorted(r.pk for r in measure.provenance(scope))


def test_needs_published_counts_first_publication_in_period(world, needs):
    assert _value("needs.published", _scope(world)) == Decimal(2)
    assert _titles("needs.published", _scope(world)) == sorted(
        [needs["on_time"].pk, needs["late"].pk]
    )


def test_needs_published_filters_by_kind_sdg_and_visibility(world, needs):
    assert _value("needs.published", _scope(world, kind=["infrastructure"])) == Decimal(1)
    assert _value("needs.published", _scope(world, sdg=["4"])) == Decimal(1)
    # SDG 1 is not SDG 11: the list is matched number by number.
    assert _value("needs.published", _scope(world, sdg=["1"])) == Decimal(0)
    assert _value("needs.published", _scope(world, sdg=["4", "3"])) == Decimal(2)
    assert _value("needs.published", _scope(world, visibility=["private"])) == Decimal(0)
    assert _value("needs.published", _scope(world, visibility=["public"])) == Decimal(2)


def test_needs_published_of_another_university_never_count(world, needs):
    scope = MeasureScope(university_id=world["b"].pk, starts_on=STARTS_ON, ends_on=ENDS_ON)
    assert _value("needs.published", scope) == Decimal(1)
    assert _titles("needs.published", scope) == [needs["b"].pk]


def test_needs_accepted_counts_acceptance_in_period(world, needs):
    assert _value("needs.accepted", _scope(world)) == Decimal(3)


def test_needs_accepted_filters_by_unit_and_kind(world, needs):
    scope = _scope(world, unit_ids=[world["a_faculty"].pk])
    assert _titles("needs.accepted", scope) == sorted(
        [needs["on_time"].pk, needs["carried_over"].pk]
    )
    assert _value("needs.accepted", scope) == Decimal(2)
    assert _value("needs.accepted", _scope(world, kind=["health"])) == Decimal(1)


def test_needs_addressed_within_180_counts_only_timely(world, needs):
    assert _titles("needs.addressed_within_180", _scope(world)) == [needs["on_time"].pk]
    assert _value("needs.addressed_within_180", _scope(world)) == Decimal(1)
    assert _value("needs.addressed_within_180", _scope(world, kind=["health"])) == Decimal(0)


def test_needs_addressed_within_180_row_says_how_long(world, needs):
    measure = qogam.core.measures.measure("needs.addressed_within_180")
    with university_scope(world["a"]):
        row = measure.row(measure.provenance(_scope(world)).get())
    assert (row.on, row.detail) == (
        date(2026, 2, 10),
        "Infrastructure · Addressed · addressed 80 days after acceptance",
    )


def test_needs_with_projects_counts_each_need_once(world, needs):
    _link_project(world, needs["on_time"])
    _link_project(world, needs["on_time"], title_kk="Екінші жоба")
    _link_project(world, needs["after"])
    assert _titles("needs.with_projects", _scope(world)) == [needs["on_time"].pk]
    assert _value("needs.with_projects", _scope(world)) == Decimal(1)


def test_needs_measures_name_unknown_filters(world):
    measure = qogam.core.measures.measure("needs.accepted")
    assert measure.filter_errors({"partner_kind": ["business"]}) == [
        "The measure “community needs accepted” cannot be filtered by “partner kind”."
    ]
    assert measure.filter_errors({"kind": ["weather"]}) == [
        "“weather” is not a choice of the filter “kind”."
    ]
    assert measure.filter_errors({"kind": ["health"], "sdg": ["4"]}) == []


def test_needs_measures_list_rows_in_constant_queries(world, django_assert_max_num_queries):
    for number in range(6):
        need = _need(
            world,
            published=date(2026, 2, 1),
            accepted=date(2026, 2, 2),
            addressed=date(2026, 3, 1),
            title=f"Need {number}",
        )
        _link_project(world, need)
    scope = _scope(world)
    keys = [m.key for m in registered_measures() if m.key.startswith("needs.")]
    assert keys == [
        "needs.published",
        "needs.accepted",
        "needs.addressed_within_180",
        "needs.with_projects",
    ]
    with university_scope(world["a"]):
        for key in keys:
            measure = qogam.core.measures.measure(key)
            with django_assert_max_num_queries(1):
                rows = [measure.row(r) for r in measure.provenance(scope)]
            assert len(rows) == 6
