"""Hours pages: logging, the queue, attendance, the e-mailed link and the import."""

import io
import time
from unittest import mock

import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qogam.core.tenancy import all_universities
from qogam.volunteering import hours
from qogam.volunteering.enums import Attendance, HoursSource, HoursStatus
from qogam.volunteering.models import HoursEntry
from qogam.volunteering.tests.records import make_opportunity
from qogam.volunteering.tests.records_hours import (
    SECRET_NOTE,
    a_hours_records,
    partner_of_pavel,
    past_sign_ups,
)


def _entry(pk):
    with all_universities():
        return HoursEntry.objects.get(pk=pk)


# --- Logging and the student's list ----------------------------------------------------------


def test_log_hours_page_logs_and_lists(world, client_for):
    _shift, (sign_up,) = past_sign_ups(world, make_opportunity(world))
    client = client_for(world["dana"])
    url = reverse("volunteering:log_hours", kwargs={"public_id": sign_up.public_id})
    assert client.get(url).status_code == 200
    response = client.post(url, {"hours": "2.5", "note": "Reading"})
    assert response.status_code == 302
    page = client.get(reverse("volunteering:my_hours")).content.decode()
    assert "2.50" in page and "Awaiting verification" in page


def test_log_hours_page_too_many_hours_named(world, client_for):
    _shift, (sign_up,) = past_sign_ups(world, make_opportunity(world), length=2)
    client = client_for(world["dana"])
    url = reverse("volunteering:log_hours", kwargs={"public_id": sign_up.public_id})
    response = client.post(url, {"hours": "5"})
    assert response.status_code == 200
    assert "5.00 hours is more than the shift lasted (2.00 hours" in response.content.decode()
    with all_universities():
        assert not HoursEntry.objects.exists()


def test_log_hours_page_other_students_sign_up_404(world, client_for):
    records = a_hours_records(world)
    url = reverse("volunteering:log_hours", kwargs={"public_id": records["sign_up"].public_id})
    for persona in ("bob", "cora", "charlie"):
        assert client_for(world[persona]).get(url).status_code == 404


def test_my_sign_ups_links_to_log_hours(world, client_for):
    a_hours_records(world)
    records = a_hours_records(world)
    page = client_for(world["dana"]).get(reverse("volunteering:mine")).content.decode()
    log = reverse("volunteering:log_hours", kwargs={"public_id": records["sign_up"].public_id})
    assert f'href="{log}"' in page


# --- The queue -------------------------------------------------------------------------------


def test_queue_shows_only_what_the_person_verifies(world, client_for):
    records = a_hours_records(world)
    url = reverse("volunteering:hours_queue")
    for persona in ("cora", "erin", "alice"):
        assert SECRET_NOTE in client_for(world[persona]).get(url).content.decode(), persona
    for persona in ("bob", "dana", "pavel", "charlie", "bianca"):
        assert SECRET_NOTE not in client_for(world[persona]).get(url).content.decode(), persona
    verify = reverse("volunteering:hours_verify", kwargs={"public_id": records["entry"].public_id})
    assert client_for(world["charlie"]).post(verify).status_code == 404
    assert client_for(world["dana"]).post(verify).status_code == 404
    assert _entry(records["entry"].pk).status == HoursStatus.LOGGED


def test_queue_query_count(world, client_for, django_assert_max_num_queries):
    opportunity = make_opportunity(world, unit=world["a_department"], visibility="public")
    for _n in range(6):
        _shift, (sign_up,) = past_sign_ups(world, opportunity)
        hours.log_hours(student=world["dana"], sign_up=sign_up, hours="1")
    client = client_for(world["cora"])
    with django_assert_max_num_queries(15):
        response = client.get(reverse("volunteering:hours_queue"))
    assert response.content.decode().count('id="entry-') == 6


def test_queue_verify_reject_and_correct(world, client_for):
    records = a_hours_records(world)
    entry = records["entry"]
    client = client_for(world["cora"])
    reject = reverse("volunteering:hours_reject", kwargs={"public_id": entry.public_id})
    client.post(reject, {"reason": ""})
    assert _entry(entry.pk).status == HoursStatus.LOGGED
    client.post(reject, {"reason": "You were not on the list."})
    rejected = _entry(entry.pk)
    assert (rejected.status, rejected.rejection_reason, rejected.verified_by) == (
        HoursStatus.REJECTED,
        "You were not on the list.",
        world["cora"],
    )
    correct = reverse("volunteering:hours_correct", kwargs={"public_id": entry.public_id})
    response = client.post(correct, {"hours": "1.5", "reason": "Came late."})
    assert response.status_code == 302
    corrected = _entry(entry.pk)
    assert (str(corrected.hours), corrected.status) == ("1.50", HoursStatus.VERIFIED)


def test_queue_pavel_verifies_only_his_partners_hours(world, client_for):
    a_hours_records(world)  # not pavel's partner
    opportunity = make_opportunity(world, partner=partner_of_pavel(world))
    _shift, (sign_up,) = past_sign_ups(world, opportunity)
    mine = hours.log_hours(student=world["dana"], sign_up=sign_up, hours="3", note="Pavel's")
    client = client_for(world["pavel"])
    page = client.get(reverse("volunteering:hours_queue")).content.decode()
    assert "Pavel&#x27;s" in page and SECRET_NOTE not in page
    client.post(reverse("volunteering:hours_verify", kwargs={"public_id": mine.public_id}))
    assert _entry(mine.pk).status == HoursStatus.VERIFIED
    correct = reverse("volunteering:hours_correct", kwargs={"public_id": mine.public_id})
    assert client.get(correct).status_code == 403


# --- Attendance ------------------------------------------------------------------------------


def test_attendance_page_records_bulk(world, client_for):
    opportunity = make_opportunity(world, unit=world["a_department"], visibility="public")
    shift, (dana, bob) = past_sign_ups(world, opportunity, ("dana", "bob"), length=3)
    client = client_for(world["cora"])
    url = reverse("volunteering:attendance", kwargs={"public_id": shift.public_id})
    page = client.get(url).content.decode()
    assert str(shift.public_id) in page and "Dana" in page and "Bob" in page
    response = client.post(url, {f"came_{dana.public_id}": "on", "hours": "2.75"})
    assert response.status_code == 302
    dana.refresh_from_db()
    bob.refresh_from_db()
    assert (dana.attendance, bob.attendance) == (Attendance.ATTENDED, Attendance.ABSENT)
    with all_universities():
        entry = HoursEntry.objects.get(sign_up=dana)
        assert not HoursEntry.objects.filter(sign_up=bob).exists()
    assert (str(entry.hours), entry.source) == ("2.75", HoursSource.ATTENDANCE)


@pytest.mark.parametrize("persona", ["bob", "dana", "pavel", "charlie"])
def test_attendance_page_refused_to_others(world, client_for, persona):
    records = a_hours_records(world)
    url = reverse("volunteering:attendance", kwargs={"public_id": records["shift"].public_id})
    assert client_for(world[persona]).get(url).status_code in {403, 404}


# --- The e-mailed link -----------------------------------------------------------------------


def _link_for_pavel(world, django_capture_on_commit_callbacks):
    opportunity = make_opportunity(world, partner=partner_of_pavel(world))
    _shift, (sign_up,) = past_sign_ups(world, opportunity)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        entry = hours.log_hours(student=world["dana"], sign_up=sign_up, hours="3", note="Games")
    message = next(m for m in mail.outbox if m.to == ["pavel@example.kz"])
    link = next(line for line in message.body.splitlines() if "/hours/link/" in line)
    return entry, link.split("testserver", 1)[-1].replace("http://127.0.0.1:8000", "")


def test_link_verifies_without_an_account(world, client, django_capture_on_commit_callbacks):
    entry, path = _link_for_pavel(world, django_capture_on_commit_callbacks)
    client.logout()
    page = client.get(path)
    assert page.status_code == 200
    assert "Games" in page.content.decode() and "Dana" in page.content.decode()
    client.handler.enforce_csrf_checks = True
    token = page.cookies["csrftoken"].value
    response = client.post(path, {"action": "verify", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    verified = _entry(entry.pk)
    assert verified.status == HoursStatus.VERIFIED
    assert verified.verified_by is None
    assert verified.verifier_name == "Pavel Partnerov <pavel@example.kz>"
    again = client.get(path).content.decode()
    assert "Verified" in again and "Pavel Partnerov" in again


def test_link_reject_needs_a_reason(world, client, django_capture_on_commit_callbacks):
    entry, path = _link_for_pavel(world, django_capture_on_commit_callbacks)
    client.logout()
    response = client.post(path, {"action": "reject", "reason": ""})
    assert response.status_code == 200
    assert "Say why the hours are rejected" in response.content.decode()
    client.post(path, {"action": "reject", "reason": "Not seen that day."})
    rejected = _entry(entry.pk)
    assert (rejected.status, rejected.rejection_reason) == (
        HoursStatus.REJECTED,
        "Not seen that day.",
    )


def test_link_expired_answers_410(world, client, django_capture_on_commit_callbacks):
    entry, path = _link_for_pavel(world, django_capture_on_commit_callbacks)
    later = time.time() + hours.LINK_MAX_AGE.total_seconds() + 60
    with mock.patch("time.time", return_value=later):
        response = client.get(path)
        posted = client.post(path, {"action": "verify"})
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert posted.status_code == 410
    assert _entry(entry.pk).status == HoursStatus.LOGGED


def test_link_tampered_answers_400(world, client, django_capture_on_commit_callbacks):
    entry, path = _link_for_pavel(world, django_capture_on_commit_callbacks)
    token = path.rstrip("/").rsplit("/", 1)[-1]
    forged = hours.signing.TimestampSigner(salt="another").sign_object(
        {"e": str(entry.public_id), "m": "pavel@example.kz", "n": "x"}
    )
    for bad in (token[:-2] + "xx", forged, "nonsense"):
        response = client.get(reverse("volunteering:hours_link", kwargs={"token": bad}))
        assert response.status_code == 400
        assert "This link is not valid" in response.content.decode()


def test_link_of_a_former_representative_refused(world, client, django_capture_on_commit_callbacks):
    entry, path = _link_for_pavel(world, django_capture_on_commit_callbacks)
    from qogam.partners.models import Contact  # noqa: PLC0415

    with all_universities():
        Contact.objects.filter(email="pavel@example.kz").update(is_representative=False)
    assert client.get(path).status_code == 403
    client.post(path, {"action": "verify"})
    assert _entry(entry.pk).status == HoursStatus.LOGGED


# --- Import ----------------------------------------------------------------------------------


def _xlsx(rows) -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["student_email", "shift_id", "hours", "note"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("hours.xlsx", buffer.getvalue())


@pytest.fixture
def importable(world):
    opportunity = make_opportunity(world, unit=world["a_department"], visibility="public")
    shift, (dana, bob) = past_sign_ups(world, opportunity, ("dana", "bob"), length=3)
    return {"shift": shift, "dana": dana, "bob": bob}


def _upload(client, world, rows):
    response = client.post(
        reverse("volunteering:hours_import"), {"university": world["a"].pk, "file": _xlsx(rows)}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(reverse("volunteering:hours_import_preview"))


def test_import_bad_rows_named_nothing_saved(world, client_for, importable):
    shift = str(importable["shift"].public_id)
    client = client_for(world["cora"])
    preview = _upload(
        client,
        world,
        [
            ["dana@example.kz", shift, 2, "ok"],
            ["nobody@example.kz", shift, 2, ""],
            ["bob@example.kz", "3f1b1c7e-0000-4000-8000-000000000000", 2, ""],
            ["bob@example.kz", shift, 7, ""],
        ],
    )
    problems = preview.context["plan"].problems
    assert [(p.row, p.column) for p in problems] == [
        (3, "student_email"),
        (4, "shift_id"),
        (5, "hours"),
    ]
    assert problems[0].message == "No one signs in with the e-mail “nobody@example.kz”."
    assert "more than the shift lasted" in problems[2].message
    confirm = client.post(
        reverse("volunteering:hours_import_confirm"),
        {"sha256": preview.context["pending"]["sha256"]},
    )
    assert confirm.status_code == 302
    with all_universities():
        assert not HoursEntry.objects.exists()


def test_import_fixed_file_saves_all_and_reimport_does_not_double(world, client_for, importable):
    shift = str(importable["shift"].public_id)
    client = client_for(world["cora"])
    rows = [["dana@example.kz", shift, 2, "ok"], ["BOB@example.kz", shift, "2,5", ""]]
    for _round in range(2):
        preview = _upload(client, world, rows)
        assert preview.context["plan"].problems == []
        client.post(
            reverse("volunteering:hours_import_confirm"),
            {"sha256": preview.context["pending"]["sha256"]},
        )
    with all_universities():
        saved = sorted(
            HoursEntry.objects.values_list("student__email", "hours", "status", "source")
        )
    assert [(e, str(h), s, src) for e, h, s, src in saved] == [
        ("bob@example.kz", "2.50", "verified", "import"),
        ("dana@example.kz", "2.00", "verified", "import"),
    ]
    assert preview.context["plan"].unchanged and len(preview.context["plan"].unchanged) == 2


def test_import_absent_and_cancelled_rows_refused(world, client_for, importable):
    hours.record_attendance(
        actor=world["cora"], shift=importable["shift"], attended={importable["bob"]: False}
    )
    client = client_for(world["cora"])
    shift = str(importable["shift"].public_id)
    preview = _upload(client, world, [["bob@example.kz", shift, 1, ""]])
    [problem] = preview.context["plan"].problems
    assert (problem.row, problem.column) == (2, "shift_id")
    assert "did not come" in problem.message


def test_import_refused_to_staff_and_other_university(world, client_for, importable):
    assert client_for(world["bob"]).get(reverse("volunteering:hours_import")).status_code == 403
    client = client_for(world["charlie"])
    assert client.get(reverse("volunteering:hours_import")).status_code == 200
    response = client.post(
        reverse("volunteering:hours_import"),
        {"university": world["a"].pk, "file": _xlsx([["dana@example.kz", "x", 1, ""]])},
    )
    assert response.status_code == 200  # A is not among charlie's choices
    assert "university" in response.context["form"].errors
