from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from qogam.core.tenancy import all_universities
from qogam.councils import queries, services
from qogam.councils.models import Attendance, Decision
from qogam.councils.tests.records import SECRET_EMAIL, a_council_records
from qogam.notifications.models import Notice
from qogam.partners.tests.records import make_partner


def test_save_council_refuses_secretary_of_another_university(world):
    with pytest.raises(ValidationError) as caught:
        services.save_council(
            actor=world["alice"],
            university=world["a"],
            values={"kind": "other", "name_kk": "Кеңес", "secretary": world["bianca"]},
        )
    assert "secretary" in caught.value.message_dict


def test_save_council_refuses_missing_kazakh_name(world):
    with pytest.raises(ValidationError) as caught:
        services.save_council(
            actor=world["alice"], university=world["a"], values={"kind": "other", "name_en": "X"}
        )
    assert "name_kk" in caught.value.message_dict


def test_save_council_coordinator_only_in_own_subtree(world):
    council = services.save_council(
        actor=world["cora"],
        university=world["a"],
        values={"kind": "methodological", "name_kk": "ОӘК", "unit": world["a_department"]},
    )
    assert council.unit == world["a_department"]
    with pytest.raises(PermissionDenied):
        services.save_council(
            actor=world["cora"],
            university=world["a"],
            values={"kind": "methodological", "name_kk": "ОӘК 2", "unit": world["a_network_unit"]},
        )


def test_save_member_refuses_person_of_another_university(world):
    council = a_council_records(world)["council"]
    with pytest.raises(ValidationError) as caught:
        services.save_member(
            actor=world["alice"],
            council=council,
            values={"user": world["bianca"], "starts_on": date(2025, 1, 1)},
        )
    assert caught.value.message_dict["user"] == [
        "This person is not a staff member of the council's university."
    ]


def test_save_member_refuses_partner_of_another_university(world):
    council = a_council_records(world)["council"]
    b_partner = make_partner(world, actor="charlie", university="b", name_kk="Б серіктесі")
    with pytest.raises(ValidationError) as caught:
        services.save_member(
            actor=world["alice"],
            council=council,
            values={
                "full_name": "Someone",
                "organisation": b_partner,
                "email": "someone@b.kz",
                "starts_on": date(2025, 1, 1),
            },
        )
    assert "organisation" in caught.value.message_dict


def test_save_member_refuses_dates_in_wrong_order(world):
    council = a_council_records(world)["council"]
    with pytest.raises(ValidationError) as caught:
        services.save_member(
            actor=world["alice"],
            council=council,
            values={
                "user": world["erin"],
                "starts_on": date(2025, 5, 1),
                "ends_on": date(2025, 1, 1),
            },
        )
    assert "ends_on" in caught.value.message_dict


def test_save_member_external_needs_organisation_and_email(world):
    council = a_council_records(world)["council"]
    with pytest.raises(ValidationError) as caught:
        services.save_member(
            actor=world["alice"],
            council=council,
            values={"full_name": "Nobody", "starts_on": date(2025, 1, 1)},
        )
    assert {"organisation", "email"} <= set(caught.value.message_dict)


def test_save_member_staff_without_rights_refused(world):
    council = a_council_records(world)["council"]
    with pytest.raises(PermissionDenied):
        services.save_member(
            actor=world["dana"],
            council=council,
            values={"user": world["erin"], "starts_on": date(2025, 1, 1)},
        )


def test_save_decision_without_owner_refused(world):
    meeting = a_council_records(world)["meeting"]
    with pytest.raises(ValidationError) as caught:
        services.save_decision(
            actor=world["alice"],
            meeting=meeting,
            values={"text_kk": "Шешім", "owner": None, "due_on": date(2026, 1, 1)},
        )
    assert caught.value.message_dict["owner"] == [
        "A decision needs an owner: the person who sees it through."
    ]


def test_save_decision_owner_of_another_university_refused(world):
    meeting = a_council_records(world)["meeting"]
    with pytest.raises(ValidationError) as caught:
        services.save_decision(
            actor=world["alice"],
            meeting=meeting,
            values={"text_kk": "Шешім", "owner": world["charlie"], "due_on": date(2026, 1, 1)},
        )
    assert "owner" in caught.value.message_dict


def test_save_meeting_needs_place_or_link(world):
    council = a_council_records(world)["council"]
    with pytest.raises(ValidationError) as caught:
        services.save_meeting(
            actor=world["alice"],
            council=council,
            values={"starts_at": timezone.now() + timedelta(days=3)},
        )
    assert "place" in caught.value.message_dict


def test_save_meeting_agenda_lines_must_match_kazakh(world):
    council = a_council_records(world)["council"]
    with pytest.raises(ValidationError) as caught:
        services.save_meeting(
            actor=world["alice"],
            council=council,
            values={"starts_at": timezone.now() + timedelta(days=3), "place": "Room 5"},
            agenda={"kk": "Бір", "ru": "Один\nДва", "en": ""},
        )
    assert "agenda_kk" in caught.value.message_dict


def test_attach_minutes_refuses_non_pdf(world):
    meeting = a_council_records(world)["meeting"]
    fake = SimpleUploadedFile("minutes.pdf", b"#!/bin/sh\necho not a pdf\n")
    with pytest.raises(ValidationError) as caught:
        services.attach_minutes(actor=world["alice"], meeting=meeting, upload=fake)
    assert "minutes" in caught.value.message_dict


def test_send_invitations_emails_each_member_in_their_language(
    world, django_capture_on_commit_callbacks
):
    records = a_council_records(world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        count = services.send_invitations(actor=world["bob"], meeting=records["meeting"])
    assert count == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {SECRET_EMAIL, "cora@example.kz"}
    external = by_address[SECRET_EMAIL]
    # Rendered in Russian: the answer link carries the /ru/ prefix.
    assert "/ru/councils/answer/" in external.body
    (ics,) = external.attachments
    assert ics[0] == "meeting.ics"
    assert "BEGIN:VEVENT" in ics[1]


def test_answer_invitation_by_link_confirms(world, django_capture_on_commit_callbacks):
    records = a_council_records(world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(actor=world["bob"], meeting=records["meeting"])
    body = next(m.body for m in mail.outbox if m.to == [SECRET_EMAIL])
    token = body.split("/councils/answer/")[1].split("/")[0]
    services.answer_invitation(raw_token=token, attending=True)
    with all_universities():
        attendance = Attendance.objects.get(pk=records["attendance"].pk)
    assert attendance.status == "confirmed"
    with pytest.raises(services.AnswerLinkError):
        services.find_invitation("not-a-real-token")


def test_update_decision_status_by_owner_with_note(world):
    decision = a_council_records(world)["decision"]
    services.update_decision_status(
        actor=world["bob"], decision=decision, status="done", note="Curriculum revised."
    )
    with all_universities():
        saved = Decision.objects.get(pk=decision.pk)
        notes = list(queries.notes_of(saved).values_list("status", flat=True))
    assert saved.status == "done"
    assert saved.done_on == timezone.localdate()
    assert notes == ["done", "in_progress"]


def test_update_decision_status_by_other_staff_refused(world):
    decision = a_council_records(world)["decision"]
    with pytest.raises(PermissionDenied):
        services.update_decision_status(
            actor=world["dana"], decision=decision, status="done", note="x"
        )


def test_update_decision_status_needs_note(world):
    decision = a_council_records(world)["decision"]
    with pytest.raises(ValidationError) as caught:
        services.update_decision_status(
            actor=world["bob"], decision=decision, status="done", note="  "
        )
    assert "note" in caught.value.message_dict


def test_send_decision_reminders_notifies_owner_once(world):
    decision = a_council_records(world)["decision"]
    later = decision.due_on + timedelta(days=3)
    call_command("send_decision_reminders", "--today", later.isoformat())
    call_command("send_decision_reminders", "--today", later.isoformat())
    notices = Notice.objects.filter(user=world["bob"], kind="decision_overdue")
    assert notices.count() == 1
    assert "3 days overdue" in notices.get().body
