"""E-mail reminders the day before a shift."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from conftest import make_user
from qogam.accounts.services import grant_membership
from qogam.core.enums import Role
from qogam.volunteering import services
from qogam.volunteering.enums import SignUpStatus
from qogam.volunteering.models import Shift, SignUp
from qogam.volunteering.reminders import send_shift_reminders
from qogam.volunteering.tests.records import make_opportunity, make_shift


def _student(world, name, language, university="a"):
    user = make_user(f"{name}@example.kz", name.capitalize(), language=language)
    grant_membership(actor=None, user=user, university=world[university], role=Role.STUDENT)
    return user


@pytest.fixture
def tomorrow(world):
    """A shift 24 hours ahead with two places: dana (Russian) and kairat (Kazakh) confirmed,
    aru waiting, and marat who cancelled."""
    world["dana"].language = "ru"
    world["dana"].save(update_fields=["language"])
    kairat = _student(world, "kairat", "kk")
    aru = _student(world, "aru", "en")
    marat = _student(world, "marat", "en")
    opportunity = make_opportunity(world)
    shift = make_shift(world, opportunity, in_hours=24, capacity=3, cancel_until=12)
    confirmed = [services.sign_up(student=s, shift=shift) for s in (world["dana"], kairat)]
    cancelled = services.sign_up(student=marat, shift=shift)
    services.cancel_sign_up(actor=marat, sign_up=cancelled)
    # The third place is taken by a late student so that aru waits.
    services.sign_up(student=_student(world, "late", "en"), shift=shift)
    waiting = services.sign_up(student=aru, shift=shift)
    assert waiting.status == SignUpStatus.WAITLISTED
    mail.outbox.clear()
    return {"opportunity": opportunity, "shift": shift, "confirmed": confirmed}


def _recipients():
    return sorted(message.to[0] for message in mail.outbox)


def test_reminders_go_once_to_confirmed_volunteers_only(world, tomorrow):
    assert send_shift_reminders() == 3
    assert _recipients() == ["dana@example.kz", "kairat@example.kz", "late@example.kz"]
    reminded = SignUp.objects.with_scopes_disabled().filter(reminded_at__isnull=False)
    assert sorted(r.student.email for r in reminded) == _recipients()
    # A second run sends nothing again.
    mail.outbox.clear()
    assert send_shift_reminders() == 0
    assert mail.outbox == []


def test_reminder_is_in_the_students_language_with_the_calendar(world, tomorrow):
    send_shift_reminders()
    by_address = {message.to[0]: message for message in mail.outbox}
    russian, kazakh = by_address["dana@example.kz"], by_address["kairat@example.kz"]
    assert "Помощь детскому дому" in russian.subject
    assert "Балалар үйіне көмек" in kazakh.subject
    assert "Aqtobe, Abai avenue 1" in russian.body
    with translation.override("kk"):
        opportunity_url = tomorrow["opportunity"].get_absolute_url()
    assert opportunity_url.startswith("/kk/")
    assert opportunity_url in kazakh.body  # the link opens the page in Kazakh
    assert "/en/" not in kazakh.body
    (name, content, mimetype) = kazakh.attachments[0]
    assert (name, mimetype) == ("shift.ics", "text/calendar")
    assert "SUMMARY:Балалар үйіне көмек" in content
    assert str(tomorrow["shift"].public_id) in content


def test_reminder_names_the_cancel_deadline(world, tomorrow):
    send_shift_reminders()
    english = next(m for m in mail.outbox if m.to == ["late@example.kz"])
    # cancel_until is 12 hours: the deadline is 12 hours from now, still ahead.
    assert "cancel your sign-up on the page above before" in english.body
    Shift.objects.with_scopes_disabled().filter(pk=tomorrow["shift"].pk).update(cancel_until=48)
    SignUp.objects.with_scopes_disabled().update(reminded_at=None)
    mail.outbox.clear()
    send_shift_reminders()
    english = next(m for m in mail.outbox if m.to == ["late@example.kz"])
    assert "The time to cancel on the site ended at" in english.body


@pytest.mark.parametrize(
    ("in_hours", "sent"),
    [(6, 0), (11, 0), (13, 1), (35, 1), (37, 0), (72, 0)],
)
def test_reminders_only_for_shifts_12_to_36_hours_ahead(world, in_hours, sent):
    shift = make_shift(world, make_opportunity(world), in_hours=in_hours)
    services.sign_up(student=world["dana"], shift=shift)
    mail.outbox.clear()
    assert send_shift_reminders() == sent
    assert len(mail.outbox) == sent


def test_reminders_not_for_shifts_that_have_passed(world):
    shift = make_shift(world, make_opportunity(world), in_hours=100)
    services.sign_up(student=world["dana"], shift=shift)
    starts = timezone.now() - timedelta(hours=24)
    Shift.objects.with_scopes_disabled().filter(pk=shift.pk).update(
        starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    mail.outbox.clear()
    assert send_shift_reminders() == 0
    # As if run the day before, it would have been sent.
    assert send_shift_reminders(now=starts - timedelta(hours=24)) == 1


def test_reminders_cover_every_university(world):
    a_shift = make_shift(world, make_opportunity(world), in_hours=20)
    b_opportunity = make_opportunity(world, actor="charlie", university=world["b"])
    b_shift = make_shift(world, b_opportunity, actor="charlie", in_hours=30)
    b_student = _student(world, "baurzhan", "kk", university="b")
    services.sign_up(student=world["dana"], shift=a_shift)
    services.sign_up(student=b_student, shift=b_shift)
    mail.outbox.clear()
    out = StringIO()
    call_command("send_shift_reminders", stdout=out)
    assert out.getvalue().strip() == "Sent 2 shift reminder(s)."
    assert _recipients() == ["baurzhan@example.kz", "dana@example.kz"]


def test_command_runs_as_of_a_given_moment(world):
    shift = make_shift(world, make_opportunity(world), in_hours=100)
    services.sign_up(student=world["dana"], shift=shift)
    mail.outbox.clear()
    moment = timezone.localtime(shift.starts_at - timedelta(hours=24)).replace(tzinfo=None)
    out = StringIO()
    call_command("send_shift_reminders", "--now", moment.isoformat(), stdout=out)
    assert out.getvalue().strip() == "Sent 1 shift reminder(s)."
    with pytest.raises(CommandError, match="--now must be an ISO 8601"):
        call_command("send_shift_reminders", "--now", "tomorrow")


def test_reminder_that_fails_to_send_is_tried_again(world, monkeypatch):
    shift = make_shift(world, make_opportunity(world), in_hours=24)
    record = services.sign_up(student=world["dana"], shift=shift)
    mail.outbox.clear()

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("the mail server is down")

    monkeypatch.setattr("qogam.volunteering.reminders.send_templated_mail", refuse)
    assert send_shift_reminders() == 0
    assert SignUp.objects.with_scopes_disabled().get(pk=record.pk).reminded_at is None
    monkeypatch.undo()
    assert send_shift_reminders() == 1
