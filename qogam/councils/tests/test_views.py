from datetime import timedelta
from io import BytesIO

import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from qogam.core.enums import Visibility
from qogam.core.tenancy import all_universities
from qogam.councils import services
from qogam.councils.models import Council
from qogam.councils.tests.records import (
    SECRET_COUNCIL,
    SECRET_DECISION,
    SECRET_EMAIL,
    SECRET_MEMBER,
    a_council_records,
)

# The first bytes decide the type (core.uploads.FileCheck): enough of a PDF to be one.
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


def _url(name, record):
    return reverse(f"councils:{name}", kwargs={"public_id": record.public_id})


def test_council_list_shows_own_councils_to_staff(world, client_for):
    a_council_records(world)
    response = client_for(world["bob"]).get(reverse("councils:list"))
    assert response.status_code == 200
    assert SECRET_COUNCIL in response.content.decode()


def test_council_list_charlie_cannot_see_a_private_council(world, client_for):
    a_council_records(world)
    for name in ["list", "decisions"]:
        body = client_for(world["charlie"]).get(reverse(f"councils:{name}")).content.decode()
        assert SECRET_COUNCIL not in body
        assert SECRET_DECISION not in body


def test_council_detail_charlie_gets_404(world, client_for):
    records = a_council_records(world)
    client = client_for(world["charlie"])
    for name, record in [
        ("detail", records["council"]),
        ("meeting", records["meeting"]),
        ("decision", records["decision"]),
    ]:
        response = client.get(_url(name, record))
        assert response.status_code == 404
        assert SECRET_MEMBER.encode() not in response.content


def test_council_detail_shows_contacts_to_staff_only(world, client_for):
    records = a_council_records(world)
    Council.objects.with_scopes_disabled().filter(pk=records["council"].pk).update(
        visibility=Visibility.PUBLIC
    )
    staff_page = client_for(world["bob"]).get(_url("detail", records["council"])).content.decode()
    assert SECRET_EMAIL in staff_page
    public_page = client_for(None).get(_url("detail", records["council"])).content.decode()
    assert SECRET_MEMBER in public_page
    assert SECRET_EMAIL not in public_page
    charlie_meeting = client_for(world["charlie"]).get(_url("meeting", records["meeting"]))
    assert charlie_meeting.status_code == 200
    assert b'id="attendance"' not in charlie_meeting.content
    assert (
        b'id="attendance"'
        in client_for(world["bob"]).get(_url("meeting", records["meeting"])).content
    )
    assert SECRET_MEMBER.encode() not in charlie_meeting.content


def test_council_list_query_count(world, client_for, django_assert_max_num_queries):
    a_council_records(world)
    client = client_for(world["alice"])
    for n in range(5):
        services.save_council(
            actor=world["alice"],
            university=world["a"],
            values={"kind": "other", "name_kk": f"Кеңес {n}", "unit": world["a_department"]},
        )
    with django_assert_max_num_queries(15):
        assert client.get(reverse("councils:list")).status_code == 200


def test_decision_list_query_count_and_filters(world, client_for, django_assert_max_num_queries):
    records = a_council_records(world)
    for n in range(5):
        services.save_decision(
            actor=world["alice"],
            meeting=records["meeting"],
            values={
                "text_kk": f"Шешім {n}",
                "owner": world["erin"],
                "due_on": timezone.localdate() - timedelta(days=n + 1),
            },
        )
    client = client_for(world["alice"])
    with django_assert_max_num_queries(15):
        response = client.get(reverse("councils:decisions") + "?overdue=on&sort=due")
    body = response.content.decode()
    assert "Шешім 4" in body
    assert SECRET_DECISION not in body  # not overdue


def test_council_create_by_form(world, client_for):
    response = client_for(world["erin"]).post(
        reverse("councils:create"),
        {
            "kind": "methodological",
            "name_kk": "Оқу-әдістемелік кеңес",
            "name_ru": "Учебно-методический совет",
            "name_en": "Educational-methodological council",
            "unit": world["a_faculty"].pk,
            "secretary": world["bob"].pk,
            "visibility": "private",
        },
    )
    assert response.status_code == 302
    with all_universities():
        council = Council.objects.get(name_kk="Оқу-әдістемелік кеңес")
    assert council.university == world["a"]


def test_decision_create_without_owner_shows_error(world, client_for):
    meeting = a_council_records(world)["meeting"]
    response = client_for(world["bob"]).post(
        _url("decision_create", meeting),
        {"text_kk": "Иесіз шешім", "due_on": "2026-12-01"},
    )
    assert response.status_code == 200
    assert "A decision needs an owner" in response.content.decode()


def test_export_councils_and_decisions_xlsx(world, client_for):
    a_council_records(world)
    client = client_for(world["alice"])
    for name, expected in [("export", SECRET_COUNCIL), ("decision_export", SECRET_DECISION)]:
        response = client.get(reverse(f"councils:{name}"))
        assert response.status_code == 200
        sheet = openpyxl.load_workbook(BytesIO(response.content)).active
        assert sheet.cell(row=2, column=1).value == expected
    charlie = client_for(world["charlie"]).get(reverse("councils:export"))
    assert SECRET_COUNCIL.encode() not in charlie.content


def test_meeting_minutes_served_to_staff_only(world, client_for):
    meeting = a_council_records(world)["meeting"]
    services.attach_minutes(
        actor=world["bob"],
        meeting=meeting,
        upload=SimpleUploadedFile("minutes.pdf", MINIMAL_PDF, "application/pdf"),
    )
    assert client_for(world["bob"]).get(_url("meeting_minutes", meeting)).status_code == 200
    assert client_for(world["dana"]).get(_url("meeting_minutes", meeting)).status_code == 404
    assert client_for(world["charlie"]).get(_url("meeting_minutes", meeting)).status_code == 404


def test_answer_page_by_link(world, client, django_capture_on_commit_callbacks):
    meeting = a_council_records(world)["meeting"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(actor=world["alice"], meeting=meeting)
    body = next(m.body for m in mail.outbox if m.to == [SECRET_EMAIL])
    path = "/ru/councils/answer/" + body.split("/councils/answer/")[1].split("/")[0] + "/"
    assert client.get(path).status_code == 200
    response = client.post(path, {"answer": "no"})
    assert response.status_code == 200
    assert client.get("/en/councils/answer/forged-token/").status_code == 404


@pytest.mark.parametrize("persona", ["bob", "cora", "alice"])
def test_attendance_recorded_by_runner(world, client_for, persona):
    records = a_council_records(world)
    client = client_for(world[persona])
    response = client.post(
        _url("meeting_attendance", records["meeting"]),
        {
            f"member_{records['internal'].pk}": "attended",
            f"member_{records['external'].pk}": "absent",
        },
    )
    assert response.status_code == 302
    with all_universities():
        statuses = dict(records["meeting"].attendance.values_list("member_id", "status"))
    assert statuses == {records["internal"].pk: "attended", records["external"].pk: "absent"}


def test_attendance_refused_to_those_who_do_not_run_the_council(world, client_for):
    records = a_council_records(world)
    url = _url("meeting_attendance", records["meeting"])
    # dana (a student) cannot read the private council at all; charlie is of another university.
    assert client_for(world["dana"]).post(url, {}).status_code == 404
    assert client_for(world["charlie"]).post(url, {}).status_code == 404
