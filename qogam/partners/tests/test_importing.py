"""The partner spreadsheet: export, and the all-or-nothing import through a preview."""

import csv
import io
import time

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qogam.core import spreadsheets
from qogam.core.tenancy import all_universities
from qogam.partners import importing, services
from qogam.partners.models import Contact, PartnerOrganisation
from qogam.partners.validators import bin_is_valid

HEADER = list(importing.COLUMNS)


def valid_bin(n: int) -> str:
    """The n-th valid BIN of a series (the control digit computed, impossible ones skipped)."""
    base = 100_000_000_00 + n * 7
    while True:
        for control in range(10):
            candidate = f"{base:011d}{control}"
            if bin_is_valid(candidate):
                return candidate
        base += 1


def partner_row(n: int, **changes) -> dict:
    row = {
        "kind": "business",
        "name_kk": f"Серіктес {n}",
        "name_ru": f"Партнёр {n}",
        "name_en": f"Partner {n}",
        "short_name_kk": "",
        "short_name_ru": "",
        "short_name_en": "",
        "bin": valid_bin(n),
        "region": "almaty_city",
        "district": "",
        "city": "Almaty",
        "address": f"Abai avenue {n}",
        "latitude": 43.238,
        "longitude": 76.889,
        "website": "",
    }
    row.update(changes)
    return row


def service_values(n: int, **changes) -> dict:
    """A row as services.create_organisation takes it: coordinates as decimal strings."""
    row = partner_row(n, **changes)
    return {**row, "latitude": str(row["latitude"]), "longitude": str(row["longitude"])}


def xlsx_file(rows: list[dict], name="partners.xlsx") -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append([row.get(column, "") for column in HEADER])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def csv_file(rows: list[dict], delimiter=";", name="partners.csv") -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([row.get(column, "") for column in HEADER])
    return SimpleUploadedFile(name, ("\ufeff" + buffer.getvalue()).encode("utf-8"))


def partner_count(world, university="a") -> int:
    with all_universities():
        return PartnerOrganisation.objects.filter(university=world[university]).count()


def upload(client, world, file, university="a"):
    return client.post(
        reverse("partners:import"), {"university": world[university].pk, "file": file}
    )


def preview(client):
    return client.get(reverse("partners:import_preview"))


def confirm(client):
    sha = client.session[importing_session_key()]["sha256"]
    return client.post(reverse("partners:import_confirm"), {"sha256": sha})


def importing_session_key():
    from qogam.partners.views.imports import SESSION_KEY  # noqa: PLC0415 -- one name, one place

    return SESSION_KEY


@pytest.fixture
def storage_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_import_thousand_rows_names_exactly_the_bad_rows_then_saves_all_once(
    world, client_for, storage_root
):
    rows = [partner_row(n) for n in range(1000)]
    # Spreadsheet rows: the header is row 1, so data row i sits on row i + 2.
    good_57, good_420, good_999 = rows[55], rows[418], rows[997]
    rows[55] = {**good_57, "bin": good_57["bin"][:-1] + str((int(good_57["bin"][-1]) + 1) % 10)}
    rows[418] = {**good_420, "region": "atlantis"}
    rows[997] = {**good_999, "name_kk": ""}
    client = client_for(world["erin"])

    started = time.perf_counter()
    response = upload(client, world, xlsx_file(rows))
    assert response.status_code == 302
    response = preview(client)
    plan = response.context["plan"]
    assert [(p.row, p.column) for p in plan.problems] == [
        (57, "bin"),
        (420, "region"),
        (999, "name_kk"),
    ]
    assert partner_count(world) == 0
    assert b"Save all rows" not in response.content

    rows[55], rows[418], rows[997] = good_57, good_420, good_999
    upload(client, world, xlsx_file(rows))
    plan = preview(client).context["plan"]
    assert (len(plan.to_create), plan.problems) == (1000, [])
    response = confirm(client)
    assert response.status_code == 302
    assert partner_count(world) == 1000
    first_round = time.perf_counter() - started

    upload(client, world, xlsx_file(rows))
    plan = preview(client).context["plan"]
    assert (len(plan.to_create), len(plan.to_update), len(plan.unchanged)) == (0, 0, 1000)
    confirm(client)
    assert partner_count(world) == 1000
    # Two uploads with previews and one save of 1,000 rows; see the report for the timings.
    print(f"\n1,000-row import: first round {first_round:.1f} s")
    assert list(storage_root.rglob("*.xlsx")) == []  # the waiting files are gone


def test_import_csv_with_semicolons_and_bom_is_read(world, client_for, storage_root):
    client = client_for(world["alice"])
    rows = [partner_row(1, name_kk="«Алма» ЖШС", latitude="43,25", longitude="76,95")]
    upload(client, world, csv_file(rows))
    plan = preview(client).context["plan"]
    assert plan.problems == []
    confirm(client)
    with all_universities():
        partner = PartnerOrganisation.objects.get(university=world["a"])
    assert (partner.name_kk, str(partner.latitude), str(partner.longitude)) == (
        "«Алма» ЖШС",
        "43.250000",
        "76.950000",
    )


def test_import_changed_row_updates_the_partner_it_matches(world, client_for, storage_root):
    existing = services.create_organisation(
        actor=world["alice"],
        university=world["a"],
        values={"kind": "ngo", "name_kk": "Серіктес 1", "region": "almaty_city", "city": "Almaty"},
    )
    client = client_for(world["alice"])
    # No BIN recorded: the name in the same city says it is the same partner.
    upload(client, world, csv_file([partner_row(1, bin="", kind="ngo", website="https://a.kz")]))
    plan = preview(client).context["plan"]
    assert [(r.row, r.action, r.changed) for r in plan.rows] == [
        (2, "update", ["name_ru", "name_en", "address", "latitude", "longitude", "website"])
    ]
    confirm(client)
    with all_universities():
        existing.refresh_from_db()
        assert PartnerOrganisation.objects.filter(university=world["a"]).count() == 1
    assert existing.website == "https://a.kz"


def test_import_duplicates_within_the_file_are_refused(world, client_for, storage_root):
    client = client_for(world["alice"])
    rows = [partner_row(1), partner_row(2, bin=valid_bin(1)), partner_row(3, name_kk="Серіктес 1")]
    upload(client, world, xlsx_file(rows))
    problems = preview(client).context["plan"].problems
    assert [(p.row, p.column, p.message) for p in problems] == [
        (3, "bin", "The same partner as row 2 of this file."),
        (4, "name_kk", "The same partner as row 2 of this file."),
    ]


def test_import_bad_coordinates_and_unknown_kind_are_named(world, client_for, storage_root):
    client = client_for(world["alice"])
    rows = [
        partner_row(1, latitude=95),
        partner_row(2, longitude="east"),
        partner_row(3, kind="bakery"),
        partner_row(4, longitude=""),
    ]
    upload(client, world, xlsx_file(rows))
    problems = preview(client).context["plan"].problems
    assert [(p.row, p.column) for p in problems] == [
        (2, "latitude"),
        (3, "longitude"),
        (4, "kind"),
        (5, "longitude"),
    ]
    assert problems[3].message == "Give both latitude and longitude, or neither."


def test_import_refuses_text_file_named_xlsx(world, client_for, storage_root):
    client = client_for(world["alice"])
    fake = SimpleUploadedFile("partners.xlsx", b"kind,name_kk,region\nngo,A,astana\n")
    response = upload(client, world, fake)
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The file's name ends in “.xlsx” but it is not an Excel workbook."
    ]
    assert importing_session_key() not in client.session


def test_import_refuses_other_types(world, client_for, storage_root):
    client = client_for(world["alice"])
    response = upload(client, world, SimpleUploadedFile("partners.pdf", b"%PDF-1.4 ..."))
    assert response.context["form"].errors["file"] == [
        "Upload an Excel workbook (.xlsx) or a CSV file (.csv)."
    ]


def test_import_refuses_oversized_file(world, client_for, settings, storage_root):
    settings.UPLOAD_MAX_MB = 1
    client = client_for(world["alice"])
    big = SimpleUploadedFile("partners.csv", b"kind;name_kk;region\n" + b"x" * (1024 * 1024))
    response = upload(client, world, big)
    assert response.context["form"].errors["file"] == ["The file is 1.0 MB; the limit is 1 MB."]


def test_import_refuses_too_many_rows(world, client_for, storage_root, monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 3)  # the limit every import shares
    client = client_for(world["alice"])
    response = upload(client, world, csv_file([partner_row(n) for n in range(4)]))
    assert response.context["form"].errors["file"] == [
        "The file has more than 3 rows; split it into several files."
    ]


def test_import_other_universitys_admin_is_refused(world, client_for, storage_root):
    client = client_for(world["charlie"])
    response = upload(client, world, csv_file([partner_row(1)]), university="a")
    assert response.status_code == 403
    assert partner_count(world) == 0
    with pytest.raises(importing.PermissionDenied):
        importing.plan_import(actor=world["charlie"], university=world["a"], rows=[])


def test_import_page_refuses_staff_without_partnership_role(world, client_for):
    assert client_for(world["bob"]).get(reverse("partners:import")).status_code == 403


def test_import_confirm_refuses_a_changed_file(world, client_for, storage_root):
    client = client_for(world["alice"])
    upload(client, world, csv_file([partner_row(1)]))
    pending = client.session[importing_session_key()]
    with default_storage.open(pending["path"], "wb") as handle:
        handle.write(b"kind;name_kk;region\nngo;Injected;astana\n")
    response = client.post(reverse("partners:import_confirm"), {"sha256": pending["sha256"]})
    assert response.status_code == 302
    assert partner_count(world) == 0


def test_import_confirm_rechecks_rows_against_partners_added_since(world, client_for, storage_root):
    client = client_for(world["alice"])
    upload(client, world, csv_file([partner_row(1), partner_row(2)]))
    assert preview(client).context["plan"].problems == []
    # Meanwhile someone records partner 1 under another BIN, and partner 2 under partner 1's.
    for n, bin_value in ((1, valid_bin(7)), (2, valid_bin(1))):
        services.create_organisation(
            actor=world["erin"],
            university=world["a"],
            values={**service_values(n, bin=bin_value, city="Taraz"), "name_kk": f"Басқа {n}"},
        )
    # Row 2 now matches one partner by name and city and another by BIN: ambiguous.
    services.create_organisation(
        actor=world["erin"],
        university=world["a"],
        values={"kind": "ngo", "name_kk": "Серіктес 1", "region": "almaty_city", "city": "Almaty"},
    )
    response = confirm(client)
    assert response["Location"] == reverse("partners:import_preview")
    assert partner_count(world) == 3


def test_export_lists_visible_partners_with_stable_headers_and_no_contacts(
    world, client_for, storage_root
):
    partner = services.create_organisation(
        actor=world["alice"],
        university=world["a"],
        values=service_values(1),
    )
    services.save_contact(
        actor=world["alice"],
        organisation=partner,
        values={"full_name": "Secret Person", "email": "secret.person@example.kz"},
    )
    services.create_organisation(
        actor=world["charlie"], university=world["b"], values=service_values(2, name_kk="B Secret")
    )
    response = client_for(world["alice"]).get(reverse("partners:export") + "?format=xlsx")
    assert response["Content-Type"] == importing.XLSX_MIME
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == HEADER
    assert [v[1] for v in values[1:]] == ["Серіктес 1"]
    assert values[1][HEADER.index("latitude")] == 43.238
    assert b"Secret Person" not in response.content
    with all_universities():
        assert Contact.objects.count() == 1


def test_export_csv_honours_filters_and_imports_back_unchanged(world, client_for, storage_root):
    for n, kind in ((1, "business"), (2, "ngo"), (3, "ngo")):
        services.create_organisation(
            actor=world["alice"], university=world["a"], values=service_values(n, kind=kind)
        )
    client = client_for(world["alice"])
    response = client.get(reverse("partners:export") + "?format=csv&kind=ngo&q=Partner 3")
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == ",".join(HEADER)
    assert [line.split(",")[1] for line in lines[1:]] == ["Серіктес 3"]
    whole = client.get(reverse("partners:export") + "?format=csv")
    upload(client, world, SimpleUploadedFile("partners.csv", whole.content))
    plan = preview(client).context["plan"]
    assert (plan.problems, len(plan.unchanged)) == ([], 3)


def test_export_other_university_sees_no_private_partners(world, client_for):
    services.create_organisation(
        actor=world["alice"], university=world["a"], values=service_values(1)
    )
    response = client_for(world["charlie"]).get(reverse("partners:export") + "?format=csv")
    assert response.content.decode("utf-8-sig").splitlines() == [",".join(HEADER)]


def test_export_unknown_format_is_refused(world, client_for):
    response = client_for(world["alice"]).get(reverse("partners:export") + "?format=pdf")
    assert response.status_code == 400
