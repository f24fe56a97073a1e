from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import load_workbook

from qogam.accounts.services import create_api_token
from qogam.core.tenancy import all_universities
from qogam.coverage import services
from qogam.coverage.models import Coverage
from qogam.coverage.tests.records import SECRET_HEADLINE, VALUES, a_coverage_records, record
from qogam.needs.tests.factories import published_need

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def _count() -> int:
    with all_universities():
        return Coverage.objects.count()


def test_coverage_of_a_need_shows_on_the_need_page_for_the_public(world, client):
    need = published_need(world)
    record(world, need, title="Студенттер аялдама салды", visibility="public")
    body = client.get(need.get_absolute_url()).content.decode()
    assert "In the media" in body
    assert "Студенттер аялдама салды" in body
    assert 'lang="kk"' in body


def test_coverage_private_piece_hidden_from_public_and_other_university(world, client_for):
    records = a_coverage_records(world)
    need_url = records["need"].get_absolute_url()
    for persona in [None, "charlie", "dana"]:
        client = client_for(world[persona] if persona else None)
        assert SECRET_HEADLINE not in client.get(need_url).content.decode(), persona
    assert SECRET_HEADLINE in client_for(world["bob"]).get(need_url).content.decode()


def test_coverage_need_page_offers_recording_to_staff_only(world, client_for):
    need = published_need(world)
    add = reverse("coverage:create", kwargs={"subject_kind": "need", "public_id": need.public_id})
    assert add in client_for(world["bob"]).get(need.get_absolute_url()).content.decode()
    for persona in ["dana", "charlie", "pavel"]:
        body = client_for(world[persona]).get(need.get_absolute_url()).content.decode()
        assert add not in body, persona


def test_coverage_recorded_through_the_form_takes_the_needs_unit(world, client_for):
    need = published_need(world)
    from qogam.needs.services import accept_need  # noqa: PLC0415

    accept_need(actor=world["erin"], need=need, unit=world["a_faculty"])
    client = client_for(world["bob"])
    url = reverse("coverage:create", kwargs={"subject_kind": "need", "public_id": need.public_id})
    response = client.post(
        url,
        {
            **VALUES,
            "published_on": "2026-10-01",
            "visibility": "public",
            "file": SimpleUploadedFile("shot.png", PNG, content_type="image/png"),
        },
    )
    assert response.status_code == 302
    with all_universities():
        piece = Coverage.objects.get()
    assert (piece.need, piece.unit, piece.recorded_by) == (need, world["a_faculty"], world["bob"])
    assert (
        client.get(reverse("coverage:file", kwargs={"public_id": piece.public_id})).status_code
        == 200
    )


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"published_on": date.today() + timedelta(days=3)}, "published_on"),
        ({"url": ""}, "url"),
        ({"kind": "carrier pigeon"}, "kind"),
        ({"outlet": ""}, "outlet"),
    ],
)
def test_coverage_bad_input_names_the_field_and_saves_nothing(world, values, field):
    need = published_need(world)
    with pytest.raises(ValidationError) as caught:
        record(world, need, **values)
    assert field in caught.value.message_dict
    assert _count() == 0


def test_coverage_file_of_the_wrong_type_is_refused(world):
    need = published_need(world)
    fake = SimpleUploadedFile("shot.png", b"#!/bin/sh\necho pwned\n", content_type="image/png")
    with pytest.raises(ValidationError) as caught:
        services.record_coverage(
            actor=world["erin"], subject=need, values={**VALUES, "url": ""}, upload=fake
        )
    assert "file" in caught.value.message_dict
    assert _count() == 0


def test_coverage_unit_of_another_university_is_refused(world):
    need = published_need(world)
    with all_universities():
        from qogam.organisations.models import Unit  # noqa: PLC0415

        b_unit = Unit.objects.filter(university=world["b"]).first()
    with pytest.raises(ValidationError) as caught:
        record(world, need, unit=b_unit)
    assert "unit" in caught.value.message_dict


def test_coverage_database_refuses_a_piece_about_two_records_or_none(world):
    need = published_need(world)
    piece = record(world, need)
    with all_universities(), pytest.raises(IntegrityError), transaction.atomic():
        Coverage.objects.filter(pk=piece.pk).update(need=None)
    with all_universities():
        piece.refresh_from_db()
        assert piece.need == need


def test_coverage_student_and_other_university_may_not_record(world):
    need = published_need(world)
    for persona in ["dana", "charlie", "pavel"]:
        with pytest.raises(PermissionDenied):
            record(world, need, actor=persona)
    assert _count() == 0


def test_coverage_author_edits_office_deletes_other_staff_cannot(world, client_for):
    need = published_need(world)
    piece = record(world, need, actor="bob")
    services.update_coverage(actor=world["bob"], coverage=piece, values={"reach": 500})
    with pytest.raises(PermissionDenied):
        services.update_coverage(actor=world["cora"], coverage=piece, values={"reach": 1})
    services.delete_coverage(actor=world["erin"], coverage=piece)
    assert _count() == 0


def test_coverage_list_per_unit_and_period_with_summary(
    world, client_for, django_assert_max_num_queries
):
    need = published_need(world)
    record(
        world, need, kind="tv", reach=1000, published_on=date(2026, 3, 1), unit=world["a_faculty"]
    )
    record(
        world, need, kind="tv", reach=500, published_on=date(2026, 4, 1), unit=world["a_faculty"]
    )
    record(world, need, kind="web", reach=None, published_on=date(2025, 4, 1), title="Old piece")
    for _ in range(10):
        record(world, need, kind="social", published_on=date(2026, 5, 1))
    client = client_for(world["bob"])
    url = reverse("coverage:list")
    with django_assert_max_num_queries(15):
        response = client.get(url, {"since": "2026-01-01", "until": "2026-12-31"})
    body = response.content.decode()
    assert "12 pieces" in body
    assert "Old piece" not in body
    response = client.get(url, {"unit": world["a_faculty"].pk, "kind": "tv"})
    summary = response.context["summary"]
    assert [(row["kind"], row["pieces"], row["reach"]) for row in summary] == [("tv", 2, 1500)]


def test_coverage_list_refuses_a_period_ending_before_it_starts(world, client_for):
    response = client_for(world["bob"]).get(
        reverse("coverage:list"), {"since": "2026-12-31", "until": "2026-01-01"}
    )
    assert "The end of the period comes before its start." in response.content.decode()


def test_coverage_list_is_for_staff(world, client_for):
    assert client_for(world["dana"]).get(reverse("coverage:list")).status_code == 403
    assert client_for(None).get(reverse("coverage:list")).status_code == 302


def test_coverage_export_xlsx_lists_what_the_filter_shows(world, client_for):
    need = published_need(world)
    record(world, need, kind="radio", outlet="Радио Ақтөбе")
    record(world, need, kind="web", outlet="Web Portal")
    response = client_for(world["bob"]).get(reverse("coverage:export"), {"kind": "radio"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Published on", "Outlet", "Kind of media")
    assert [row[1] for row in rows[1:]] == ["Радио Ақтөбе"]


def test_coverage_charlie_cannot_export_or_list_as_private_a_records(world, client_for):
    a_coverage_records(world)
    client = client_for(world["charlie"])
    assert SECRET_HEADLINE not in client.get(reverse("coverage:list")).content.decode()
    sheet = load_workbook(BytesIO(client.get(reverse("coverage:export")).content)).active
    assert all(SECRET_HEADLINE not in str(row) for row in sheet.iter_rows(values_only=True))


def _bearer(user) -> dict:
    _token, raw = create_api_token(user=user, name="Script")
    return {"Authorization": f"Bearer {raw}", "Accept-Language": "en"}


def test_coverage_api_lists_creates_and_hides_private(world, client):
    records = a_coverage_records(world)
    need = records["need"]
    assert SECRET_HEADLINE not in client.get("/api/v1/coverage").content.decode()
    headers = _bearer(world["bob"])
    response = client.post(
        "/api/v1/coverage",
        {
            "about_kind": "need",
            "about_id": str(need.public_id),
            **{k: str(v) if isinstance(v, date) else v for k, v in VALUES.items()},
        },
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201, response.content
    assert response.json()["about"]["id"] == str(need.public_id)
    listed = client.get("/api/v1/coverage", headers=headers).json()
    assert {c["title"] for c in listed} == {SECRET_HEADLINE, VALUES["title"]}
    bad = client.post(
        "/api/v1/coverage",
        {
            "about_kind": "need",
            "about_id": str(need.public_id),
            **VALUES,
            "url": "",
            "published_on": "2026-10-01",
        },
        content_type="application/json",
        headers=headers,
    )
    assert bad.status_code == 422
    assert "url" in bad.json()["errors"]
    charlie = _bearer(world["charlie"])
    piece = records["coverage"]
    assert client.get(f"/api/v1/coverage/{piece.public_id}", headers=charlie).status_code == 404


def test_coverage_api_list_query_count_does_not_grow(world, client, django_assert_max_num_queries):
    need = published_need(world)
    for n in range(15):
        record(world, need, title=f"Piece {n}", visibility="public")
    with django_assert_max_num_queries(8):
        assert len(client.get("/api/v1/coverage").json()) == 15


def test_coverage_schema_lists_endpoints(client, db):
    paths = set(client.get("/api/v1/openapi.json").json()["paths"])
    assert {"/api/v1/coverage", "/api/v1/coverage/{public_id}"} <= paths


def test_coverage_audited(world):
    from auditlog.models import LogEntry  # noqa: PLC0415

    piece = record(world, published_need(world))
    with all_universities():
        assert LogEntry.objects.get_for_object(piece).count() == 1
