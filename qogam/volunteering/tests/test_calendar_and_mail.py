"""The .ics text and the e-mail attachment support in core.mail."""

from datetime import UTC, datetime, timedelta, timezone

from django.core import mail

from qogam.core.mail import send_templated_mail
from qogam.volunteering.ics import escape_text, fold, shift_calendar


def test_ics_escapes_text_and_uses_utc_and_crlf(settings):
    settings.SITE_URL = "https://qogam.example.kz"
    almaty = timezone(timedelta(hours=5))
    text = shift_calendar(
        uid="abc",
        starts_at=datetime(2030, 5, 1, 10, 0, tzinfo=almaty),
        ends_at=datetime(2030, 5, 1, 13, 0, tzinfo=almaty),
        summary="Clean-up; park, river\\bank",
        location="Line one\nLine two",
        stamp=datetime(2030, 4, 1, 0, 0, tzinfo=UTC),
    )
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "\n" not in text.replace("\r\n", "")
    assert "UID:abc@qogam.example.kz" in lines
    assert "DTSTAMP:20300401T000000Z" in lines
    assert "DTSTART:20300501T050000Z" in lines
    assert "DTEND:20300501T080000Z" in lines
    assert "SUMMARY:Clean-up\\; park\\, river\\\\bank" in lines
    assert "LOCATION:Line one\\nLine two" in lines


def test_ics_fold_keeps_lines_under_75_octets_and_whole_letters():
    line = "SUMMARY:" + "Ақтөбе " * 30
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert "".join(p[1:] if i else p for i, p in enumerate(pieces)) == line
    assert escape_text("a,b") == "a\\,b"


def test_send_templated_mail_attaches_files():
    send_templated_mail(
        to="dana@example.kz",
        template="volunteering/emails/sign_up",
        context={"title": "T", "when": "now", "confirmed": True},
        language="en",
        attachments=[("shift.ics", "BEGIN:VCALENDAR\r\n", "text/calendar")],
    )
    assert mail.outbox[0].attachments == [("shift.ics", "BEGIN:VCALENDAR\r\n", "text/calendar")]


def test_send_templated_mail_without_attachments_unchanged():
    send_templated_mail(
        to="dana@example.kz",
        template="volunteering/emails/sign_up",
        context={"title": "T", "when": "now", "confirmed": False},
        language="en",
    )
    assert mail.outbox[0].attachments == []
    assert mail.outbox[0].subject == "On the waiting list: T"
