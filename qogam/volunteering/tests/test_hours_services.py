"""Hours: logging, verifying, rejecting, correcting and attendance, through the services."""

import threading
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from qogam.core.tenancy import all_universities
from qogam.core.tests.sqlite_file import rerun_on_a_sqlite_file
from qogam.volunteering import hours, services
from qogam.volunteering.enums import Attendance, HoursSource, HoursStatus
from qogam.volunteering.models import HoursCorrection, HoursEntry
from qogam.volunteering.tests.records import make_opportunity, make_shift
from qogam.volunteering.tests.records_hours import (
    move_into_past,
    partner_of_pavel,
    past_sign_ups,
)


def _messages(exc) -> dict:
    return exc.value.message_dict


@pytest.fixture
def past(world, django_capture_on_commit_callbacks):
    opportunity = make_opportunity(world, unit=world["a_department"])
    shift, (sign_up,) = past_sign_ups(world, opportunity, length=3)
    return {"opportunity": opportunity, "shift": shift, "sign_up": sign_up}


def test_log_hours_saves_a_logged_entry(world, past):
    entry = hours.log_hours(
        student=world["dana"], sign_up=past["sign_up"], hours="2.5", note="Games"
    )
    assert (entry.hours, entry.status, entry.source, entry.note) == (
        Decimal("2.50"),
        HoursStatus.LOGGED,
        HoursSource.STUDENT,
        "Games",
    )
    assert (entry.student_id, entry.shift_id) == (world["dana"].pk, past["shift"].pk)


def test_log_hours_more_than_the_shift_refused(world, past):
    with pytest.raises(ValidationError) as exc:
        hours.log_hours(student=world["dana"], sign_up=past["sign_up"], hours="3.5")
    assert "3.50 hours is more than the shift lasted (3.00 hours" in _messages(exc)["hours"][0]
    with all_universities():
        assert not HoursEntry.objects.exists()


def test_log_hours_zero_refused(world, past):
    with pytest.raises(ValidationError) as exc:
        hours.log_hours(student=world["dana"], sign_up=past["sign_up"], hours="0")
    assert _messages(exc)["hours"] == ["Give more than 0 hours."]


def test_log_hours_shift_not_ended_refused(world):
    shift = make_shift(world, make_opportunity(world))
    sign_up = services.sign_up(student=world["dana"], shift=shift)
    with pytest.raises(ValidationError) as exc:
        hours.log_hours(student=world["dana"], sign_up=sign_up, hours="1")
    assert "has not ended yet" in _messages(exc)["sign_up"][0]


def test_log_hours_shift_ongoing_refused(world):
    shift = make_shift(world, make_opportunity(world))
    sign_up = services.sign_up(student=world["dana"], shift=shift)
    move_into_past(shift, length=3, ended_hours_ago=-1)  # started 2 hours ago, ends in 1
    with pytest.raises(ValidationError) as exc:
        hours.log_hours(student=world["dana"], sign_up=sign_up, hours="1")
    assert "has not ended yet" in _messages(exc)["sign_up"][0]


def test_log_hours_absent_refused(world, past):
    hours.record_attendance(
        actor=world["erin"], shift=past["shift"], attended={past["sign_up"]: False}
    )
    with pytest.raises(ValidationError) as exc:
        hours.log_hours(student=world["dana"], sign_up=past["sign_up"], hours="1")
    assert _messages(exc)["sign_up"] == [
        "The coordinator recorded that the volunteer did not come to this shift."
    ]


def test_log_hours_cancelled_sign_up_refused(world):
    shift = make_shift(world, make_opportunity(world))
    sign_up = services.sign_up(student=world["dana"], shift=shift)
    services.cancel_sign_up(actor=world["dana"], sign_up=sign_up)
    move_into_past(shift, length=3)
    sign_up.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        hours.log_hours(student=world["dana"], sign_up=sign_up, hours="1")
    assert _messages(exc)["sign_up"] == [
        "Hours count only for a confirmed place on the shift; this sign-up is “Cancelled”."
    ]


def test_log_hours_waitlisted_sign_up_refused(world):
    shift = make_shift(world, make_opportunity(world, visibility="public"), capacity=1)
    services.sign_up(student=world["bob"], shift=shift)
    waiting = services.sign_up(student=world["dana"], shift=shift)
    move_into_past(shift, length=3)
    with pytest.raises(ValidationError) as exc:
        hours.log_hours(student=world["dana"], sign_up=waiting, hours="1")
    assert "“On the waiting list”" in _messages(exc)["sign_up"][0]


def test_log_hours_someone_elses_sign_up_refused(world, past):
    with pytest.raises(PermissionDenied):
        hours.log_hours(student=world["bob"], sign_up=past["sign_up"], hours="1")


def test_log_hours_relogged_after_rejection_awaits_again(world, past):
    entry = hours.log_hours(student=world["dana"], sign_up=past["sign_up"], hours="3")
    hours.reject_hours(actor=world["cora"], entry=entry, reason="You left at noon.")
    again = hours.log_hours(student=world["dana"], sign_up=past["sign_up"], hours="2")
    assert again.pk == entry.pk
    assert (again.status, again.hours, again.rejection_reason) == (
        HoursStatus.LOGGED,
        Decimal("2.00"),
        "",
    )


def test_log_hours_verified_not_editable_by_student(world, past):
    entry = hours.log_hours(student=world["dana"], sign_up=past["sign_up"], hours="3")
    hours.verify_hours(actor=world["cora"], entry=entry)
    with pytest.raises(ValidationError) as exc:
        hours.log_hours(student=world["dana"], sign_up=past["sign_up"], hours="1")
    assert "verified and cannot be changed" in _messages(exc)["hours"][0]
    entry.refresh_from_db()
    assert (entry.hours, entry.status) == (Decimal("3.00"), HoursStatus.VERIFIED)


def test_verify_hours_by_partner_representative(world):
    opportunity = make_opportunity(world, partner=partner_of_pavel(world))
    _shift, (sign_up,) = past_sign_ups(world, opportunity)
    entry = hours.log_hours(student=world["dana"], sign_up=sign_up, hours="3")
    verified = hours.verify_hours(actor=world["pavel"], entry=entry)
    assert (verified.status, verified.verified_by, verified.verifier_name) == (
        HoursStatus.VERIFIED,
        world["pavel"],
        "Pavel",
    )
    assert verified.verified_at is not None


@pytest.mark.parametrize("persona", ["bob", "dana", "charlie", "bianca", "pavel"])
def test_verify_hours_refused_to_others(world, past, persona):
    entry = hours.log_hours(student=world["dana"], sign_up=past["sign_up"], hours="3")
    with pytest.raises(PermissionDenied):
        hours.verify_hours(actor=world[persona], entry=entry)
    with pytest.raises(PermissionDenied):
        hours.reject_hours(actor=world[persona], entry=entry, reason="No.")


def test_reject_hours_needs_a_reason(world, past):
    entry = hours.log_hours(student=world["dana"], sign_up=past["sign_up"], hours="3")
    with pytest.raises(ValidationError) as exc:
        hours.reject_hours(actor=world["cora"], entry=entry, reason="  ")
    assert _messages(exc)["reason"] == ["Say why the hours are rejected; the student reads it."]
    entry.refresh_from_db()
    assert entry.status == HoursStatus.LOGGED


def test_reject_hours_tells_the_student(world, past, django_capture_on_commit_callbacks):
    entry = hours.log_hours(student=world["dana"], sign_up=past["sign_up"], hours="3")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        hours.reject_hours(actor=world["cora"], entry=entry, reason="You left at noon.")
    assert [m.to for m in mail.outbox] == [["dana@example.kz"]]
    assert "You left at noon." in mail.outbox[0].body


def test_verify_hours_already_decided_refused(world, past):
    entry = hours.log_hours(student=world["dana"], sign_up=past["sign_up"], hours="3")
    hours.verify_hours(actor=world["cora"], entry=entry)
    with pytest.raises(ValidationError) as exc:
        hours.reject_hours(actor=world["erin"], entry=entry, reason="Too late.")
    assert _messages(exc)["status"][0].startswith(
        "These hours were already decided: Verified by Cora on"
    )


def test_correct_hours_recorded_and_audited(world, past):
    entry = hours.log_hours(student=world["dana"], sign_up=past["sign_up"], hours="3")
    hours.verify_hours(actor=world["cora"], entry=entry)
    correction = hours.correct_hours(
        actor=world["erin"], entry=entry, hours="2", reason="Left an hour early."
    )
    entry.refresh_from_db()
    assert (entry.hours, entry.status) == (Decimal("2.00"), HoursStatus.VERIFIED)
    with all_universities():
        assert list(
            HoursCorrection.objects.values_list(
                "hours_before", "hours_after", "reason", "corrected_by"
            )
        ) == [(Decimal("3.00"), Decimal("2.00"), "Left an hour early.", world["erin"].pk)]
        changes = [
            e.changes_dict.get("hours")
            for e in LogEntry.objects.get_for_object(entry).order_by("timestamp", "pk")
            if "hours" in e.changes_dict
        ]
    assert changes[-1] == ["3.00", "2.00"]
    assert correction.entry_id == entry.pk


def test_correct_hours_refused_to_partner_and_without_reason(world):
    opportunity = make_opportunity(world, partner=partner_of_pavel(world))
    _shift, (sign_up,) = past_sign_ups(world, opportunity)
    entry = hours.log_hours(student=world["dana"], sign_up=sign_up, hours="3")
    with pytest.raises(PermissionDenied):
        hours.correct_hours(actor=world["pavel"], entry=entry, hours="2", reason="Early.")
    with pytest.raises(ValidationError) as exc:
        hours.correct_hours(actor=world["erin"], entry=entry, hours="2", reason="")
    assert "reason" in _messages(exc)
    with pytest.raises(ValidationError) as exc:
        hours.correct_hours(actor=world["erin"], entry=entry, hours="9", reason="More.")
    assert "more than the shift lasted" in _messages(exc)["hours"][0]
    with all_universities():
        assert not HoursCorrection.objects.exists()


def test_record_attendance_bulk(world, django_capture_on_commit_callbacks):
    opportunity = make_opportunity(world, unit=world["a_department"], visibility="public")
    shift, (dana, bob) = past_sign_ups(world, opportunity, ("dana", "bob"), length=4)
    logged = hours.log_hours(student=world["bob"], sign_up=bob, hours="1")
    result = hours.record_attendance(actor=world["cora"], shift=shift, attended=[dana])
    assert result == hours.AttendanceResult(attended=1, absent=1, unchanged=0)
    dana.refresh_from_db()
    bob.refresh_from_db()
    assert (dana.attendance, bob.attendance) == (Attendance.ATTENDED, Attendance.ABSENT)
    with all_universities():
        entry = HoursEntry.objects.get(sign_up=dana)
        logged.refresh_from_db()
    assert (entry.hours, entry.status, entry.source, entry.verified_by) == (
        Decimal("4.00"),
        HoursStatus.VERIFIED,
        HoursSource.ATTENDANCE,
        world["cora"],
    )
    assert logged.status == HoursStatus.REJECTED
    again = hours.record_attendance(actor=world["cora"], shift=shift, attended=[dana])
    assert again == hours.AttendanceResult(attended=0, absent=0, unchanged=2)


def test_record_attendance_given_hours_and_checks(world):
    opportunity = make_opportunity(world)
    shift, (dana,) = past_sign_ups(world, opportunity, length=2)
    with pytest.raises(ValidationError) as exc:
        hours.record_attendance(actor=world["erin"], shift=shift, attended={dana: True}, hours=3)
    assert "more than the shift lasted" in _messages(exc)["hours"][0]
    with pytest.raises(PermissionDenied):
        hours.record_attendance(actor=world["bob"], shift=shift, attended={dana: True})
    hours.record_attendance(actor=world["erin"], shift=shift, attended={dana: True}, hours="1.5")
    with all_universities():
        assert HoursEntry.objects.get(sign_up=dana).hours == Decimal("1.50")
    future = make_shift(world, opportunity, in_hours=300)
    with pytest.raises(ValidationError) as exc:
        hours.record_attendance(actor=world["erin"], shift=future, attended=[])
    assert "has not ended yet" in _messages(exc)["shift"][0]


def test_record_attendance_absent_with_verified_hours_refused(world):
    shift, (dana,) = past_sign_ups(world, make_opportunity(world))
    hours.record_attendance(actor=world["erin"], shift=shift, attended=[dana])
    with pytest.raises(ValidationError) as exc:
        hours.record_attendance(actor=world["erin"], shift=shift, attended={dana: False})
    assert _messages(exc)["attended"] == [
        "Verified hours are recorded for Dana; correct them instead of recording them absent."
    ]
    dana.refresh_from_db()
    assert dana.attendance == Attendance.ATTENDED


def test_log_hours_mails_each_verifier_with_a_link(world, django_capture_on_commit_callbacks):
    world["pavel"].language = "ru"
    world["pavel"].save()
    opportunity = make_opportunity(
        world, unit=world["a_department"], partner=partner_of_pavel(world)
    )
    _shift, (sign_up,) = past_sign_ups(world, opportunity)
    with django_capture_on_commit_callbacks(execute=True):
        hours.log_hours(student=world["dana"], sign_up=sign_up, hours="2", note="Games")
    recipients = sorted(m.to[0] for m in mail.outbox if "/hours/link/" in m.body)
    # pavel represents the partner; cora coordinates the faculty above the department.
    assert recipients == ["cora@example.kz", "pavel@example.kz"]
    to_pavel = next(m for m in mail.outbox if m.to == ["pavel@example.kz"])
    assert "/ru/volunteering/hours/link/" in to_pavel.body
    assert "Dana" in to_pavel.subject


def test_verifiers_fall_back_to_the_office(world):
    opportunity = make_opportunity(world)  # no unit, project or partner
    assert [v.email for v in hours.verifiers_of(opportunity)] == ["erin@example.kz"]


@pytest.mark.django_db(transaction=True)
def test_verify_hours_race_decides_once(world, tmp_path):
    """Two verifiers at once: exactly one decision is taken, the other is told."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        rerun_on_a_sqlite_file(__file__, "test_verify_hours_race_decides_once", tmp_path)
        return
    opportunity = make_opportunity(world, unit=world["a_department"])
    _shift, (sign_up,) = past_sign_ups(world, opportunity)
    entry = hours.log_hours(student=world["dana"], sign_up=sign_up, hours="3")
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def decide(actor, verb):
        barrier.wait()
        try:
            if verb == "verify":
                hours.verify_hours(actor=actor, entry=entry)
            else:
                hours.reject_hours(actor=actor, entry=entry, reason="No.")
            outcomes.append(verb)
        except ValidationError:
            outcomes.append("told")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=(world["cora"], "verify")),
        threading.Thread(target=decide, args=(world["erin"], "reject")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) in (["told", "verify"], ["reject", "told"])


def test_verify_hours_second_decision_sees_locked_state(world, past):
    """Without threads: a verifier holding a stale copy is refused once another decided."""
    entry = hours.log_hours(student=world["dana"], sign_up=past["sign_up"], hours="3")
    stale = HoursEntry.objects.with_scopes_disabled().get(pk=entry.pk)
    hours.reject_hours(actor=world["erin"], entry=entry, reason="Not there.")
    assert stale.status == HoursStatus.LOGGED
    with pytest.raises(ValidationError) as exc:
        hours.verify_hours(actor=world["cora"], entry=stale)
    assert "already decided: Rejected by Erin" in _messages(exc)["status"][0]
    stale.refresh_from_db()
    assert (stale.status, stale.rejection_reason) == (HoursStatus.REJECTED, "Not there.")
