"""The dashboard, the indicator page, the unit comparison, charts and the home panel."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qogam.core.dashboards import panels_for
from qogam.core.measures import registered_measures
from qogam.core.periods import academic_year_label, academic_year_of
from qogam.core.tenancy import university_scope
from qogam.core.visibility import viewer_of
from qogam.indicators.enums import IndicatorUnit, Method, ValueStatus
from qogam.indicators.models import ManualValue, Pack, PackActivation, PackEntry, Target
from qogam.indicators.queries_dashboard import format_value
from qogam.indicators.tests.records import make_indicator
from qogam.strategy.models import Strategy

YEAR = academic_year_of()
PERIOD = academic_year_label(YEAR)


def make_figures(world) -> dict:
    """University A's indicators over the personas: 1 student (dana) and 4 staff (alice,
    erin, cora, bob); a share of students per staff (25 %), a share over a unit without
    anyone (no data), an entered value and a strategy holding the current year."""
    assert {"accounts.students", "accounts.staff"} <= {m.key for m in registered_measures()}
    a = world["a"]
    empty_unit = str(world["a_network_unit"].pk)
    with university_scope(a):
        students = make_indicator(
            a,
            code="T-STU",
            name_en="Students",
            name_kk="Студенттер",
            method=Method.COMPUTED,
            measure="accounts.students",
            components=["educational"],
            sdgs=[4],
            frameworks=["THE 17.2.5"],
        )
        share = make_indicator(
            a,
            code="T-SHARE",
            name_en="Students per staff",
            unit=IndicatorUnit.PERCENT,
            method=Method.COMPUTED,
            measure="accounts.students",
            denominator="accounts.staff",
            scale=Decimal(100),
            components=["research"],
            sdgs=[17],
        )
        zero = make_indicator(
            a,
            code="T-ZERO",
            name_en="Share in an empty unit",
            unit=IndicatorUnit.PERCENT,
            method=Method.COMPUTED,
            measure="accounts.students",
            measure_filters={"unit": [empty_unit]},
            denominator="accounts.staff",
            denominator_filters={"unit": [empty_unit]},
            scale=Decimal(100),
        )
        manual = make_indicator(a, code="T-MAN", name_en="Entered hours", unit="hours")
        ManualValue.objects.create(
            university=a,
            indicator=manual,
            period=PERIOD,
            value=Decimal(1204),
            status=ValueStatus.APPROVED,
            entered_by=world["cora"],
        )
        Target.objects.create(university=a, indicator=share, period=PERIOD, value=50)
        Target.objects.create(university=a, indicator=students, period=PERIOD, value=1)
        strategy = Strategy.objects.create(
            university=a,
            title_kk="Стратегия",
            title_en="Strategy",
            starts_on=date(YEAR - 2, 1, 1),
            ends_on=date(YEAR + 3, 12, 31),
        )
    return {
        "students": students,
        "share": share,
        "zero": zero,
        "manual": manual,
        "strategy": strategy,
    }


@pytest.fixture
def figures(world):
    return make_figures(world)


def _body(response) -> str:
    return response.content.decode()


def test_dashboard_values_formatted_by_unit(world, figures, client_for):
    response = client_for(world["bob"]).get(reverse("indicators:dashboard"))
    body = _body(response)
    assert response.status_code == 200
    assert "25.0 %" in body
    assert "1,204 h" in body
    assert ">1</a>" in body


def test_dashboard_zero_denominator_shows_no_data(world, figures, client_for):
    body = _body(client_for(world["bob"]).get(reverse("indicators:dashboard")))
    row = body[body.index("T-ZERO") :]
    row = row[: row.index("</tr>")]
    assert "no data" in row
    assert "the denominator is zero" in row
    assert "0.0 %" not in row


def test_dashboard_traffic_light_has_text_label(world, figures, client_for):
    body = _body(client_for(world["bob"]).get(reverse("indicators:dashboard")))
    row = body[body.index("T-SHARE") :]
    row = row[: row.index("</tr>")]
    assert 'class="ind-light ind-light-red"' in row
    assert "Behind target" in row


def test_dashboard_trend_is_an_svg_without_style_attributes(world, figures, client_for):
    body = _body(client_for(world["bob"]).get(reverse("indicators:dashboard")))
    assert body.count('<svg class="ind-spark"') == 4
    assert "style=" not in body


def test_dashboard_filters_by_component_and_sdg(world, figures, client_for):
    client = client_for(world["bob"])
    by_component = _body(client.get(reverse("indicators:dashboard") + "?component=research"))
    by_sdg = _body(client.get(reverse("indicators:dashboard") + "?sdg=4"))
    assert ("T-SHARE" in by_component, "T-STU" in by_component) == (True, False)
    assert ("T-STU" in by_sdg, "T-SHARE" in by_sdg) == (True, False)


def test_dashboard_groups_rows_by_pack_section(world, figures, client_for):
    a = world["a"]
    with university_scope(a):
        pack = Pack.objects.create(
            university=a,
            code="a-figures",
            name_en="A figures",
            sections={"ENU-4": {"kk": "Мәдениет", "ru": "Культура", "en": "A culture"}},
        )
        PackEntry.objects.create(pack=pack, indicator=figures["students"], section="ENU-4")
        PackEntry.objects.create(pack=pack, indicator=figures["share"], section="ENU-7", order=2)
        PackActivation.objects.create(university=a, pack=pack)
    body = _body(client_for(world["bob"]).get(reverse("indicators:dashboard") + "?pack=a-figures"))
    assert body.count('class="ind-section"') == 2
    assert body.index("ENU-4 · A culture") < body.index("T-STU") < body.index("ENU-7")
    assert "T-MAN" not in body


def test_dashboard_unit_shows_unit_values(world, figures, client_for):
    unit = world["a_department"]
    url = reverse("indicators:dashboard") + f"?unit={unit.public_id}"
    body = _body(client_for(world["bob"]).get(url))
    # a_department holds dana (student) and bob (staff): 1 / 1 × 100.
    assert "100.0 %" in body


def test_dashboard_query_count_is_bounded(world, figures, client_for):
    client = client_for(world["bob"])
    client.get(reverse("indicators:dashboard"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("indicators:dashboard"))
    with university_scope(world["a"]):
        for number in range(6):
            make_indicator(
                world["a"],
                code=f"T-MORE-{number}",
                name_en="More",
                method=Method.COMPUTED,
                measure="accounts.staff",
            )
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("indicators:dashboard"))
    # Each more computed indicator costs its one aggregate in each of the 4 trend periods.
    assert len(many) - len(few) == 6 * 4


def test_dashboard_charlie_sees_only_his_university(world, figures, client_for):
    response = client_for(world["charlie"]).get(reverse("indicators:dashboard"))
    assert response.status_code == 200
    assert "T-SHARE" not in _body(response)


def test_dashboard_student_refused(world, figures, client_for):
    response = client_for(world["dana"]).get(reverse("indicators:dashboard"))
    assert response.status_code == 403


def test_indicator_page_charlie_gets_404(world, figures, client_for):
    url = reverse("indicators:indicator", kwargs={"public_id": figures["share"].public_id})
    assert client_for(world["charlie"]).get(url).status_code == 404


def test_indicator_page_shows_formula_history_units_and_provenance(world, figures, client_for):
    url = reverse("indicators:indicator", kwargs={"public_id": figures["share"].public_id})
    body = _body(client_for(world["bob"]).get(url))
    assert "Students</strong> ÷ <strong>Staff</strong> × 100" in body
    assert body.count(academic_year_label(YEAR - 4)) >= 1
    assert "A Department of Physics" in body
    assert "These 4 records make the number 4." in body
    assert "This record makes the number 1." in body
    assert f"chart/trend/?format=svg&amp;university={world['a'].slug}" in body


def test_indicator_page_manual_value_shows_entry(world, figures, client_for):
    url = reverse("indicators:indicator", kwargs={"public_id": figures["manual"].public_id})
    body = _body(client_for(world["bob"]).get(url))
    assert "The approved entry gives the number 1,204 h." in body


def test_compare_sorts_units_by_value(world, figures, client_for):
    url = reverse("indicators:compare") + f"?indicator={figures['students'].public_id}"
    body = _body(client_for(world["bob"]).get(url + "&sort=-value"))
    faculty = body.index("A Faculty of Science")
    network = body.index("A Network Institute")
    assert faculty < network
    body = _body(client_for(world["bob"]).get(url + "&sort=value"))
    # Units without a student count 0, which sorts first from the lowest.
    assert body.index("A Network Institute") < body.index("A Faculty of Science")


def test_compare_charlie_gets_404_for_a_indicator(world, figures, client_for):
    url = reverse("indicators:compare") + f"?indicator={figures['students'].public_id}"
    assert client_for(world["charlie"]).get(url).status_code == 404


@pytest.mark.parametrize("fmt,kind", [("svg", "trend"), ("png", "trend"), ("svg", "units")])
def test_chart_renders_in_format(world, figures, client_for, fmt, kind):
    url = reverse(
        "indicators:chart", kwargs={"public_id": figures["share"].public_id, "kind": kind}
    )
    response = client_for(world["bob"]).get(url + f"?format={fmt}")
    assert response.status_code == 200
    assert response["Content-Type"] == {"svg": "image/svg+xml", "png": "image/png"}[fmt]
    start = response.content[:8]
    assert start.startswith(b"\x89PNG") if fmt == "png" else b"<svg" in response.content[:400]


def test_chart_unknown_format_is_404(world, figures, client_for):
    url = reverse(
        "indicators:chart", kwargs={"public_id": figures["share"].public_id, "kind": "trend"}
    )
    assert client_for(world["bob"]).get(url + "?format=gif").status_code == 404


def test_home_panel_lists_red_indicators_for_office(world, figures, rf):
    request = rf.get("/")
    request.user = world["erin"]
    request.viewer = viewer_of(world["erin"])
    with university_scope(world["a"]):
        shown = {panel.key: context for panel, context in panels_for(request)}
    assert [row.indicator.code for row in shown["indicators-red"]["rows"]] == ["T-SHARE"]


def test_home_panel_hidden_for_staff(world, figures, rf):
    request = rf.get("/")
    request.user = world["bob"]
    request.viewer = viewer_of(world["bob"])
    with university_scope(world["a"]):
        keys = [panel.key for panel, _context in panels_for(request)]
    assert "indicators-red" not in keys


def test_navigation_item_for_staff_not_for_students(world, client_for):
    staff = _body(client_for(world["bob"]).get(reverse("accounts:home")))
    student = _body(client_for(world["dana"]).get(reverse("accounts:home")))
    assert ('data-nav="indicators"' in staff, 'data-nav="indicators"' in student) == (True, False)


@pytest.mark.parametrize(
    "value,unit,shown",
    [
        (Decimal("3.0769"), IndicatorUnit.PERCENT, "3.1 %"),
        (Decimal("1204"), IndicatorUnit.HOURS, "1,204 h"),
        (Decimal("12"), IndicatorUnit.COUNT, "12"),
        (Decimal("0.125"), IndicatorUnit.RATIO, "0.13"),
        (None, IndicatorUnit.PERCENT, ""),
    ],
)
def test_format_value_rounds_by_unit(value, unit, shown):
    assert format_value(value, unit) == shown
