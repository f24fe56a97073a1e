"""The dashboard table as an Excel workbook."""

from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse

from qogam.core.tenancy import university_scope
from qogam.indicators.models import Pack, PackActivation, PackEntry
from qogam.indicators.tests.test_dashboard import PERIOD, make_figures


@pytest.fixture
def figures(world):
    return make_figures(world)


def _book(response):
    return openpyxl.load_workbook(BytesIO(response.content))


def _rows(sheet) -> dict:
    header = [cell.value for cell in sheet[4]]
    return {
        row[1]: dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(min_row=5, values_only=True)
    }


def test_export_values_are_numbers_with_formats(world, figures, client_for):
    response = client_for(world["bob"]).get(reverse("indicators:export"))
    book = _book(response)
    sheet = book.worksheets[0]
    rows = _rows(sheet)
    share = rows["T-SHARE"]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (share["Value"], share["Target"], share["Numerator"], share["Denominator"]) == (
        25.0,
        50.0,
        1.0,
        4.0,
    )
    assert (share["Period"], share["Status"]) == (PERIOD, "Behind target")
    assert (share["Records behind the numerator"], share["Records behind the denominator"]) == (
        1,
        4,
    )
    value_cell = next(c for c in sheet["E"] if c.value == 25.0)
    assert value_cell.number_format == '0.0" %"'
    assert sheet.freeze_panes == "D5"
    assert sheet.auto_filter.ref.startswith("A4:")


def test_export_zero_denominator_is_empty_with_reason(world, figures, client_for):
    rows = _rows(_book(client_for(world["bob"]).get(reverse("indicators:export"))).worksheets[0])
    assert (rows["T-ZERO"]["Value"], rows["T-ZERO"]["Note"]) == (
        None,
        "No data: the denominator is zero in this period.",
    )


def test_export_sheet_per_pack_with_sections(world, figures, client_for):
    a = world["a"]
    with university_scope(a):
        pack = Pack.objects.create(university=a, code="a-figures", name_en="A figures")
        PackEntry.objects.create(pack=pack, indicator=figures["share"], section="ENU-7")
        PackActivation.objects.create(university=a, pack=pack)
    book = _book(client_for(world["bob"]).get(reverse("indicators:export")))
    assert book.sheetnames == ["A figures", "Own indicators"]
    assert list(_rows(book["A figures"])) == ["T-SHARE"]
    assert _rows(book["A figures"])["T-SHARE"]["Section"] == "ENU-7"
    assert sorted(_rows(book["Own indicators"])) == ["T-MAN", "T-STU", "T-ZERO"]


def test_export_charlie_gets_only_his_university(world, figures, client_for):
    book = _book(client_for(world["charlie"]).get(reverse("indicators:export")))
    codes = [code for sheet in book.worksheets for code in _rows(sheet)]
    assert codes == []
