from datetime import date
from decimal import Decimal

import pytest

import qogam.core.measures
from qogam.core.measures import MeasureScope
from qogam.core.tenancy import university_scope
from qogam.coverage import measures  # noqa: F401
from qogam.coverage.tests.records import record
from qogam.needs import services as need_services
from qogam.needs.tests.factories import post_need, published_need

STARTS_ON = date(2026, 1, 1)
ENDS_ON = date(2026, 6, 30)


@pytest.fixture
def pieces(world):
    need = published_need(world)
    pieces = {
        "press": record(
            world, need, title="Press", published_on=date(2026, 2, 1), unit=world["a_faculty"]
        ),
        "tv": record(
            world,
            need,
            title="TV",
            kind="tv",
            language="ru",
            published_on=date(2026, 6, 30),
            unit=world["a_network_unit"],
        ),
        "private": record(
            world,
            need,
            title="Private",
            kind="web",
            published_on=date(2026, 1, 1),
            visibility="private",
        ),
        "before": record(world, need, title="Before", published_on=date(2025, 12, 31)),
        "after": record(world, need, title="After", published_on=date(2026, 7, 1)),
    }
    b_need = post_need(world["b"], poster=world["bianca"])
    b_need = need_services.moderate_need(actor=world["charlie"], need=b_need, publish=True)
    pieces["b"] = record(world, b_need, actor="charlie", published_on=date(2026, 2, 1))
    return pieces


def _scope(world, unit_ids=None, university="a", **filters):
    return MeasureScope(
        university_id=world[university].pk,
        starts_on=STARTS_ON,
        ends_on=ENDS_ON,
        unit_ids=frozenset(unit_ids) if unit_ids is not None else None,
        filters={key: tuple(values) for key, values in filters.items()},
    )


def _listed(scope):
    measure = qogam.core.measures.measure("coverage.pieces")
    with university_scope(scope.university_id):
        value = measure.value(scope)
        listed = list(measure.provenance(scope))
        assert measure.recount(listed) == value == Decimal(len(listed))
        return sorted(measure.row(r).title for r in listed)


def test_coverage_pieces_count_published_in_period(world, pieces):
    assert _listed(_scope(world)) == ["Press", "Private", "TV"]
    assert _listed(_scope(world, university="b")) == [pieces["b"].title]


def test_coverage_pieces_value_is_count_of_pieces(world, pieces):
    measure = qogam.core.measures.measure("coverage.pieces")
    with university_scope(world["a"]):
        assert measure.value(_scope(world)) == Decimal(3)


def test_coverage_pieces_filter_by_kind_language_visibility_and_unit(world, pieces):
    assert _listed(_scope(world, kind=["tv", "web"])) == ["Private", "TV"]
    assert _listed(_scope(world, language=["ru"])) == ["TV"]
    assert _listed(_scope(world, visibility=["public"])) == ["Press", "TV"]
    assert _listed(_scope(world, unit_ids=[world["a_faculty"].pk])) == ["Press"]
    assert _listed(_scope(world, kind=["radio"])) == []


def test_coverage_pieces_row_names_outlet_kind_and_language(world, pieces):
    measure = qogam.core.measures.measure("coverage.pieces")
    row = measure.row(pieces["tv"])
    assert (row.url, row.on, row.detail) == (
        pieces["tv"].get_absolute_url(),
        date(2026, 6, 30),
        "Ақтөбе Таймс · Television · Russian",
    )


def test_coverage_pieces_name_unknown_filters(world):
    measure = qogam.core.measures.measure("coverage.pieces")
    assert measure.filter_errors({"sdg": ["4"]}) == [
        "The measure “pieces of media coverage” cannot be filtered by "
        "“Sustainable Development Goal”."
    ]
    assert measure.filter_errors({"kind": ["kk"]}) == ["“kk” is not a choice of the filter “kind”."]
    assert measure.filter_errors({"kind": ["tv"], "language": ["kk"], "unit": ["3"]}) == []


def test_coverage_pieces_list_rows_in_constant_queries(world, django_assert_max_num_queries):
    need = published_need(world)
    for number in range(12):
        record(world, need, title=f"Piece {number}", published_on=date(2026, 3, 1))
    measure = qogam.core.measures.measure("coverage.pieces")
    with university_scope(world["a"]), django_assert_max_num_queries(1):
        rows = [measure.row(r) for r in measure.provenance(_scope(world))]
    assert len(rows) == 12
