"""Pack pages, switching packs, a university's own indicators and pack, publishing values,
and strategy measures citing indicator codes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qogam.core.enums import Visibility
from qogam.core.tenancy import all_universities, university_scope
from qogam.indicators.models import (
    Indicator,
    IndicatorVisibility,
    Pack,
    PackActivation,
    PackEntry,
)
from qogam.indicators.packs import load_packs
from qogam.indicators.services.definitions import (
    OWN_PACK_CODE,
    activate_default_packs,
    activate_pack,
    create_own_indicator,
)
from qogam.indicators.tests.records import a_indicator_records, make_indicator
from qogam.strategy.models import Measure
from qogam.strategy.tests.records import MEASURE_TITLES, a_strategy_records


def _activations(university):
    with university_scope(university):
        return sorted(
            PackActivation.objects.filter(university=university).values_list(
                "pack__code", flat=True
            )
        )


def _own_values(**extra):
    values = {
        "code": "A-VOL",
        "name_kk": "Еріктілер",
        "name_ru": "Волонтёры",
        "name_en": "Volunteers",
        "unit": "count",
        "direction": "higher",
        "period_type": "academic_year",
        "method": "computed",
        "measure": "volunteering.verified_volunteers",
        "measure_filters": "",
        "denominator": "",
        "denominator_filters": "",
        "scale": "1",
    }
    values.update(extra)
    return values


def test_pack_list_shows_packs_sections_and_source_notes(world, client_for):
    load_packs()

    body = client_for(world["bob"]).get(reverse("indicators:packs")).content.decode()

    assert "THE Impact Rankings © Times Higher Education" in body
    assert "Open Government Licence v3.0" in body
    assert body.count("<h3>ENU-") == 9
    assert 'action="/indicators/packs/core-3m/switch/"' not in body  # bob may not switch


def test_pack_list_query_count_does_not_grow_with_packs(world, client_for):
    client = client_for(world["alice"])
    make_indicator(None, code="X-1", name_en="X")
    Pack.objects.create(code="one", name_en="One")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("indicators:packs"))
    load_packs()

    with CaptureQueriesContext(connection) as many:
        client.get(reverse("indicators:packs"))

    assert len(many) == len(few)


def test_pack_switch_by_office_is_audited_and_reversible(world, client_for):
    pack = Pack.objects.create(code="the-impact", name_en="THE")
    client = client_for(world["erin"])

    client.post(reverse("indicators:pack_switch", kwargs={"code": pack.code}), {"on": "1"})
    assert _activations(world["a"]) == ["the-impact"]
    client.post(reverse("indicators:pack_switch", kwargs={"code": pack.code}), {"on": "0"})

    assert _activations(world["a"]) == []
    from auditlog.models import LogEntry  # noqa: PLC0415

    assert LogEntry.objects.filter(content_type__model="packactivation").count() == 2


def test_pack_switch_by_staff_is_forbidden(world, client_for):
    pack = Pack.objects.create(code="the-impact", name_en="THE")

    response = client_for(world["bob"]).post(
        reverse("indicators:pack_switch", kwargs={"code": pack.code}), {"on": "1"}
    )

    assert response.status_code == 403
    assert _activations(world["a"]) == []


def test_pack_page_of_another_university_own_pack_is_404(world, client_for):
    records = a_indicator_records(world)

    response = client_for(world["charlie"]).get(records["pack"].get_absolute_url())

    assert response.status_code == 404


def test_pack_page_groups_by_section_and_links_the_indicator(world, client_for):
    pack = Pack.objects.create(code="p", name_en="P", source_note_en="Source: KEF, OGL v3.0")
    indicator = make_indicator(None, code="S-1", name_en="Shipped one")
    PackEntry.objects.create(pack=pack, indicator=indicator, section="ENU-4", order=1)

    body = client_for(world["bob"]).get(pack.get_absolute_url()).content.decode()

    assert "<h3>ENU-4</h3>" in body
    assert f'href="{indicator.get_absolute_url()}"' in body
    assert "Source: KEF, OGL v3.0" in body


def test_own_indicator_form_unknown_measure_is_an_error_on_measure(world, client_for):
    response = client_for(world["alice"]).post(
        reverse("indicators:own_indicator_create"), _own_values(measure="volunteering.nothing")
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["measure"]
    assert Indicator.objects.count() == 0


def test_own_indicator_form_bad_filter_is_an_error_on_the_filters(world, client_for):
    response = client_for(world["alice"]).post(
        reverse("indicators:own_indicator_create"), _own_values(measure_filters="colour: red")
    )

    assert list(response.context["form"].errors) == ["measure_filters"]
    assert "cannot be filtered by" in str(response.context["form"].errors["measure_filters"])


def test_own_indicator_form_shipped_code_is_an_error_on_code(world, client_for):
    make_indicator(None, code="VOL-01", name_en="Volunteers")

    response = client_for(world["alice"]).post(
        reverse("indicators:own_indicator_create"), _own_values(code="VOL-01")
    )

    assert list(response.context["form"].errors) == ["code"]
    assert Indicator.objects.filter(university__isnull=False).count() == 0


def test_own_indicator_saved_lands_in_the_own_pack_in_use(world, client_for):
    response = client_for(world["alice"]).post(
        reverse("indicators:own_indicator_create"),
        _own_values(measure_filters="kind: outreach, open_event"),
    )

    assert response.status_code == 302
    indicator = Indicator.objects.get(code="A-VOL")
    assert indicator.university == world["a"]
    assert indicator.measure_filters == {"kind": ["outreach", "open_event"]}
    assert list(indicator.packs.values_list("code", flat=True)) == [OWN_PACK_CODE]
    assert _activations(world["a"]) == [OWN_PACK_CODE]


def test_own_indicator_create_by_staff_is_forbidden(world, client_for):
    response = client_for(world["bob"]).post(
        reverse("indicators:own_indicator_create"), _own_values()
    )

    assert response.status_code == 403


def test_own_indicator_edit_by_another_university_is_404(world, client_for):
    records = a_indicator_records(world)

    response = client_for(world["charlie"]).get(
        reverse(
            "indicators:own_indicator_edit", kwargs={"public_id": records["indicator"].public_id}
        )
    )

    assert response.status_code == 404


def test_own_pack_takes_a_shipped_indicator_in_and_out(world, client_for):
    shipped = make_indicator(None, code="S-1", name_en="Shipped")
    client = client_for(world["alice"])
    url = reverse("indicators:own_pack_toggle", kwargs={"public_id": shipped.public_id})

    client.post(url, {"add": "1"})
    assert list(shipped.packs.values_list("code", flat=True)) == [OWN_PACK_CODE]
    client.post(url, {"add": "0"})

    assert list(shipped.packs.values_list("code", flat=True)) == []


def test_publish_indicator_sets_visibility(world, client_for):
    shipped = make_indicator(None, code="S-1", name_en="Shipped")

    client_for(world["erin"]).post(
        reverse("indicators:indicator_publish", kwargs={"public_id": shipped.public_id}),
        {"visibility": "public"},
    )

    with university_scope(world["a"]):
        assert list(IndicatorVisibility.objects.values_list("university__slug", "visibility")) == [
            ("aqtobe-tech", Visibility.PUBLIC)
        ]


def test_publish_another_university_own_indicator_is_404(world, client_for):
    records = a_indicator_records(world)

    response = client_for(world["charlie"]).post(
        reverse(
            "indicators:indicator_publish", kwargs={"public_id": records["indicator"].public_id}
        ),
        {"visibility": "public"},
    )

    assert response.status_code == 404
    with all_universities():
        assert list(IndicatorVisibility.objects.values_list("visibility", flat=True)) == [
            Visibility.PRIVATE
        ]


def test_activate_pack_service_refuses_another_university_pack(world):
    records = a_indicator_records(world)

    with pytest.raises(Exception) as refused:
        activate_pack(actor=world["charlie"], university=world["b"], pack=records["pack"])

    assert type(refused.value).__name__ == "PermissionDenied"


def test_activate_default_packs_switches_on_core(world):
    Pack.objects.create(code="core-3m", name_en="Core", is_default=True)
    Pack.objects.create(code="kef-pce", name_en="KEF")

    activate_default_packs(world["b"])
    activate_default_packs(world["b"])

    assert _activations(world["b"]) == ["core-3m"]


def test_create_own_indicator_service_requires_kazakh_name(world):
    from django.core.exceptions import ValidationError  # noqa: PLC0415

    with pytest.raises(ValidationError) as refused:
        create_own_indicator(
            actor=world["alice"],
            university=world["a"],
            values={"code": "A-1", "name_en": "Only English", "unit": "count", "method": "manual"},
        )

    assert list(refused.value.message_dict) == ["name_kk"]


def test_strategy_measure_form_refuses_unknown_indicator_codes(world, client_for):
    make_indicator(None, code="VOL-01", name_en="Volunteers")
    records = a_strategy_records(world)

    response = client_for(world["erin"]).post(
        reverse("strategy:measure_create", kwargs={"public_id": records["goal"].public_id}),
        {
            **MEASURE_TITLES,
            "due_on": "2028-05-31",
            "components": ["research"],
            "indicator_codes": "VOL-01, XYZ-9",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["indicator_codes"] == [
        "No indicator has the code XYZ-9."
    ]
    with all_universities():
        assert Measure.objects.count() == 1  # a_strategy_records' own measure only


def test_strategy_measure_page_links_indicator_codes(world, client_for):
    shipped = make_indicator(None, code="VOL-01", name_en="Volunteers")
    records = a_strategy_records(world)

    body = client_for(world["bob"]).get(records["measure"].get_absolute_url()).content.decode()

    assert f'<a href="{shipped.get_absolute_url()}" title="Volunteers">VOL-01</a>' in body
