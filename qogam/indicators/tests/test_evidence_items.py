"""Ranking evidence items: answers and options, the 0–3 score, suggestions from computed
indicators' records, the pre-submission checker and the export."""

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from qogam.core import measures
from qogam.core.measures import Measure, ProvenanceRow
from qogam.core.tenancy import university_scope
from qogam.indicators import evidence_export
from qogam.indicators.enums import IndicatorUnit, Method, PeriodType
from qogam.indicators.models import ValueEvidence
from qogam.indicators.services import entries
from qogam.indicators.tests.records import make_indicator
from qogam.organisations.models import Unit

YEAR = "2025"
OPTIONS = [
    {"key": "policy", "label": {"en": "A written policy", "ru": "Политика"}},
    {"key": "report", "label": {"en": "A public report"}},
]
EXPORT_HEADER = [
    "Metric id",
    "Short title",
    "Answer",
    "Options ticked",
    "Evidence URL",
    "Public",
    "File name",
    "Description",
    "Activity date",
    "Reference year",
    "Status",
    "Score",
]


@pytest.fixture
def test_measure(monkeypatch):
    """A measure over a university's units, standing in for the domain apps' ones (public
    events, agreements) so the suggestions do not depend on them."""
    found = Measure(
        key="testing.units",
        label="Units",
        description="Units of the university",
        records=lambda scope: Unit.objects.filter(university_id=scope.university_id).order_by(
            "name_en"
        ),
        row=lambda unit: ProvenanceRow(
            title=unit.name_en, url=f"/en/organisations/units/{unit.public_id}/"
        ),
    )
    monkeypatch.setitem(measures._measures, found.key, found)
    return found


def _item(world, **values):
    defaults = {
        "code": "A-EV-1",
        "name_en": "Partnerships policy",
        "unit": IndicatorUnit.SCORE,
        "method": Method.EVIDENCE,
        "answer_kind": "yes_no",
        "period_type": PeriodType.CALENDAR_YEAR,
        "frameworks": ["ENU-4", "THE 17.2.5"],
    }
    defaults.update(values)
    return make_indicator(world["a"], **defaults)


def _answer(world, indicator, answer="yes", options=()):
    return entries.save_value(
        actor=world["erin"],
        university=world["a"],
        indicator=indicator,
        period=YEAR,
        answer=answer,
        options=options,
    )


def _evidence(world, entry, *, public=False, on=None, url="https://aqtobe.example.kz/policy"):
    return entries.add_evidence(
        actor=world["erin"], entry=entry, title="Policy", url=url, is_public=public, on=on
    )


def _score(entry):
    with university_scope(entry.university_id):
        return entries.score_of(entry, list(entry.evidence.all()))


# --- Answers and the score --------------------------------------------------------------------


def test_evidence_score_answer_no_is_zero(world):
    entry = _answer(world, _item(world), "no")
    _evidence(world, entry, public=True)
    assert _score(entry) == Decimal(0)


def test_evidence_score_yes_without_evidence_is_one(world):
    assert _score(_answer(world, _item(world))) == Decimal(1)


def test_evidence_score_yes_with_private_evidence_is_two(world):
    entry = _answer(world, _item(world))
    _evidence(world, entry)
    assert _score(entry) == Decimal(2)


def test_evidence_score_yes_with_public_link_is_three(world):
    entry = _answer(world, _item(world))
    _evidence(world, entry, public=True)
    assert _score(entry) == Decimal(3)


def test_evidence_score_one_of_two_options_is_a_half_plus_evidence(world):
    item = _item(world, answer_kind="options", options=OPTIONS)
    entry = _answer(world, item, answer="", options=["report"])
    _evidence(world, entry, public=True)
    assert _score(entry) == Decimal("2.5")


def test_save_value_unknown_option_refused(world):
    item = _item(world, answer_kind="options", options=OPTIONS)
    with pytest.raises(ValidationError) as exc:
        _answer(world, item, answer="", options=["policy", "budget"])
    assert exc.value.message_dict == {"options": ["The item has no option “budget”."]}


def test_save_value_yes_no_item_without_answer_refused(world):
    with pytest.raises(ValidationError) as exc:
        _answer(world, _item(world), answer="")
    assert exc.value.message_dict == {"answer": ["Choose an answer."]}


# --- Suggestions ------------------------------------------------------------------------------


def test_suggestions_list_the_records_of_the_computed_indicator(world, test_measure, settings):
    make_indicator(world["a"], code="A-C-1", method=Method.COMPUTED, measure="testing.units")
    entry = _answer(world, _item(world, suggested_from=["A-C-1"]))
    with university_scope(world["a"]):
        found = entries.suggestions(entry)
    assert [(s.source.code, s.title, s.added) for s in found] == [
        ("A-C-1", "A Department of Physics", False),
        ("A-C-1", "A Faculty of Science", False),
        ("A-C-1", "A Network Institute", False),
    ]
    assert found[0].url == (
        f"{settings.SITE_URL}/en/organisations/units/{world['a_department'].public_id}/"
    )


def test_add_suggested_evidence_fills_title_and_link_private_unless_ticked(world, test_measure):
    make_indicator(world["a"], code="A-C-1", method=Method.COMPUTED, measure="testing.units")
    entry = _answer(world, _item(world, suggested_from=["A-C-1"]))
    with university_scope(world["a"]):
        added = entries.add_suggested_evidence(
            actor=world["erin"], entry=entry, source_code="A-C-1", record_pk=world["a_faculty"].pk
        )
        ticked = entries.add_suggested_evidence(
            actor=world["erin"],
            entry=entry,
            source_code="A-C-1",
            record_pk=world["a_department"].pk,
            is_public=True,
        )
        again = entries.suggestions(entry)
    assert (added.title, added.is_public, ticked.is_public) == ("A Faculty of Science", False, True)
    assert added.url == entries.absolute_url(
        f"/en/organisations/units/{world['a_faculty'].public_id}/"
    )
    assert [s.added for s in again] == [True, True, False]


def test_add_suggested_evidence_other_university_record_refused(world, test_measure):
    make_indicator(world["a"], code="A-C-1", method=Method.COMPUTED, measure="testing.units")
    entry = _answer(world, _item(world, suggested_from=["A-C-1"]))
    with pytest.raises(ValidationError) as exc, university_scope(world["a"]):
        entries.add_suggested_evidence(
            actor=world["erin"], entry=entry, source_code="A-C-1", record_pk=world["b_public"].pk
        )
    assert exc.value.messages == ["The record is not among the suggestions."]
    with university_scope(world["a"]):
        assert ValueEvidence.objects.count() == 0


def test_is_portal_url_only_portal_pages(settings):
    settings.SITE_URL = "https://qogam.example.kz"
    assert [
        entries.is_portal_url(url)
        for url in (
            "/kk/portal/events/1/",
            "https://qogam.example.kz/en/portal/projects/2/",
            "/en/projects/2/",
            "https://elsewhere.example.org/portal/",
            "",
        )
    ] == [True, True, False, False, False]


def test_suggestion_page_adds_record_with_one_click(world, test_measure, client_for):
    make_indicator(world["a"], code="A-C-1", method=Method.COMPUTED, measure="testing.units")
    entry = _answer(world, _item(world, suggested_from=["A-C-1"]))
    client = client_for(world["erin"])
    page = client.get(entry.get_absolute_url())
    assert [s.title for s in page.context["suggestions"]] == [
        "A Department of Physics",
        "A Faculty of Science",
        "A Network Institute",
    ]
    client.post(
        reverse("indicators:evidence_suggest", kwargs={"public_id": entry.public_id}),
        {"source": "A-C-1", "record": world["a_faculty"].pk, "is_public": "on"},
    )
    with university_scope(world["a"]):
        assert list(ValueEvidence.objects.values_list("title", "is_public")) == [
            ("A Faculty of Science", True)
        ]


# --- The checker ------------------------------------------------------------------------------


def test_item_warnings_private_evidence_outside_the_year(world):
    entry = _answer(world, _item(world))
    _evidence(world, entry, on=date(2024, 12, 1))
    with university_scope(world["a"]):
        warnings = entries.item_warnings(entry, list(entry.evidence.all()))
    assert [w.code for w in warnings] == [entries.NO_PUBLIC_LINK, entries.OUTSIDE_YEAR]


def test_item_warnings_nothing_ticked_and_no_evidence(world):
    item = _item(world, answer_kind="options", options=OPTIONS)
    entry = _answer(world, item, answer="", options=[])
    assert [w.code for w in entries.item_warnings(entry, [])] == [
        entries.NO_ANSWER,
        entries.NO_EVIDENCE,
    ]


def test_item_warnings_ready_item_has_none(world):
    entry = _answer(world, _item(world))
    _evidence(world, entry, public=True, on=date(2025, 3, 1))
    with university_scope(world["a"]):
        assert entries.item_warnings(entry, list(entry.evidence.all())) == []


def test_checker_page_lists_items_with_warnings(world, client_for, django_assert_max_num_queries):
    answered = _answer(world, _item(world))
    _item(
        world,
        code="A-EV-2",
        name_en="Open data",
        answer_kind="options",
        options=OPTIONS,
        frameworks=[],
    )
    client = client_for(world["erin"])
    with django_assert_max_num_queries(20):
        response = client.get(reverse("indicators:evidence_checker") + "?year=2025")
    rows = response.context["rows"]
    assert [(r["metric"], r["entry"] and r["entry"].pk) for r in rows] == [
        ("17.2.5", answered.pk),
        ("A-EV-2", None),
    ]
    assert [w.code for w in rows[0]["warnings"]] == [entries.NO_EVIDENCE]


def test_checker_page_charlie_sees_b_only(world, client_for):
    _answer(world, _item(world))
    response = client_for(world["charlie"]).get(reverse("indicators:evidence_checker"))
    assert (response.context["university"], response.context["rows"]) == (world["b"], [])


# --- The export -------------------------------------------------------------------------------


def test_export_csv_one_row_per_evidence_link(world, client_for):
    entry = _answer(world, _item(world))
    _evidence(world, entry, public=True, on=date(2025, 3, 1))
    _evidence(world, entry, url="https://aqtobe.example.kz/minutes")
    response = client_for(world["erin"]).get(
        reverse("indicators:evidence_export") + "?year=2025&format=csv"
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        EXPORT_HEADER,
        [
            "17.2.5",
            "Partnerships policy",
            "Yes",
            "",
            "https://aqtobe.example.kz/policy",
            "yes",
            "",
            "",
            "2025-03-01",
            "2025",
            "Draft",
            "3",
        ],
        [
            "17.2.5",
            "Partnerships policy",
            "Yes",
            "",
            "https://aqtobe.example.kz/minutes",
            "no",
            "",
            "",
            "",
            "2025",
            "Draft",
            "3",
        ],
    ]


def test_export_xlsx_has_the_portal_columns(world, client_for):
    item = _item(world, answer_kind="options", options=OPTIONS)
    _answer(world, item, answer="", options=["policy", "report"])
    response = client_for(world["erin"]).get(
        reverse("indicators:evidence_export") + "?year=2025&format=xlsx"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == EXPORT_HEADER
    assert values[1][:6] == [
        "17.2.5",
        "Partnerships policy",
        None,
        "A written policy; A public report",
        None,
        None,
    ]


def test_export_cell_starting_with_equals_is_not_a_formula():
    assert evidence_export._cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"


def test_export_charlie_gets_no_row_of_a(world, client_for):
    entry = _answer(world, _item(world))
    _evidence(world, entry, public=True)
    response = client_for(world["charlie"]).get(
        reverse("indicators:evidence_export") + "?year=2025&format=csv"
    )
    assert response.content.decode("utf-8-sig").splitlines() == [",".join(EXPORT_HEADER)]
