"""Signing up, the waiting list, cancelling and the shifts' rules, through the services."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from conftest import make_user
from qogam.accounts.services import grant_membership
from qogam.core.enums import Role
from qogam.core.tenancy import all_universities
from qogam.notifications.models import Notice
from qogam.volunteering import services
from qogam.volunteering.models import SignUp
from qogam.volunteering.tests.records import make_opportunity, make_shift


def _messages(exc) -> str:
    return " ".join(exc.value.messages)


@pytest.fixture
def shift(world):
    return make_shift(world, make_opportunity(world), capacity=1)


def _student(world, name, university="a"):
    user = make_user(f"{name}@example.kz", name.capitalize())
    grant_membership(actor=None, user=user, university=world[university], role=Role.STUDENT)
    return user


def test_sign_up_confirms_while_places_last_then_waitlists(
    world, shift, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.sign_up(student=world["dana"], shift=shift)
        second = services.sign_up(student=_student(world, "sam"), shift=shift)
    assert (first.status, second.status) == ("confirmed", "waitlisted")
    assert first.confirmed_at is not None and second.confirmed_at is None
    # Both are told; only the confirmed one gets the calendar file.
    assert [m.to for m in mail.outbox] == [["dana@example.kz"], ["sam@example.kz"]]
    ics = mail.outbox[0].attachments
    assert [(name, mimetype) for name, _c, mimetype in ics] == [("shift.ics", "text/calendar")]
    assert "BEGIN:VEVENT" in ics[0][1]
    assert mail.outbox[1].attachments == []
    assert "waiting list" in mail.outbox[1].subject


def test_sign_up_mail_in_students_language(world, shift, django_capture_on_commit_callbacks):
    world["dana"].language = "ru"
    world["dana"].save()
    with django_capture_on_commit_callbacks(execute=True):
        services.sign_up(student=world["dana"], shift=shift)
    # The Russian title of the opportunity, and a link with the student's language prefix.
    assert "Помощь детскому дому" in mail.outbox[0].subject
    assert "/ru/volunteering/" in mail.outbox[0].body
    assert "SUMMARY:Помощь детскому дому" in mail.outbox[0].attachments[0][1]


def test_sign_up_twice_refused(world, shift):
    services.sign_up(student=world["dana"], shift=shift)
    with pytest.raises(ValidationError) as exc:
        services.sign_up(student=world["dana"], shift=shift)
    assert _messages(exc) == "You have already signed up for this shift."


def test_sign_up_after_cancelling_allowed_again(world, shift):
    record = services.sign_up(student=world["dana"], shift=shift)
    services.cancel_sign_up(actor=world["dana"], sign_up=record)
    again = services.sign_up(student=world["dana"], shift=shift)
    assert again.status == "confirmed"


def test_sign_up_overlapping_shift_refused_naming_it(world, shift):
    other = make_opportunity(world, title_en="Tree planting", title_kk="Ағаш отырғызу")
    clash = make_shift(world, other, in_hours=73, hours=1)
    services.sign_up(student=world["dana"], shift=shift)
    with pytest.raises(ValidationError) as exc:
        services.sign_up(student=world["dana"], shift=clash)
    assert "This shift overlaps your sign-up for “Helping the children's home” on" in _messages(exc)


def test_sign_up_back_to_back_shifts_allowed(world, shift):
    later = make_shift(world, shift.opportunity, in_hours=75, hours=1)
    services.sign_up(student=world["dana"], shift=shift)
    assert services.sign_up(student=world["dana"], shift=later).status == "confirmed"


def test_sign_up_draft_or_closed_opportunity_refused(world):
    for status in ("draft", "closed"):
        shift = make_shift(world, make_opportunity(world, status=status), in_hours=100)
        with pytest.raises(ValidationError) as exc:
            services.sign_up(student=world["dana"], shift=shift)
        assert _messages(exc) == "This opportunity is not open for sign-ups."


def test_sign_up_started_shift_refused(world, shift):
    with all_universities():
        type(shift).objects.filter(pk=shift.pk).update(
            starts_at=timezone.now() - timedelta(minutes=5)
        )
    shift.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.sign_up(student=world["dana"], shift=shift)
    assert _messages(exc) == "This shift has already started."


@pytest.mark.parametrize("persona", ["bob", "pavel", "charlie"])
def test_sign_up_private_opportunity_not_a_student_refused(world, shift, persona):
    with pytest.raises(PermissionDenied) as exc:
        services.sign_up(student=world[persona], shift=shift)
    assert str(exc.value) == "Only students of the university may sign up for this opportunity."


def test_sign_up_network_opportunity_open_to_students_of_the_network(world):
    shift = make_shift(world, make_opportunity(world, visibility="network"))
    b_student = _student(world, "bek", university="b")
    assert services.sign_up(student=b_student, shift=shift).status == "confirmed"
    with pytest.raises(PermissionDenied):
        services.sign_up(student=world["bianca"], shift=shift)  # staff of B, not a student


def test_sign_up_public_opportunity_open_to_anyone_signed_in(world):
    shift = make_shift(world, make_opportunity(world, visibility="public"))
    visitor = make_user("visitor@example.kz", "Visitor")
    assert services.sign_up(student=visitor, shift=shift).status == "confirmed"


def test_cancel_by_student_before_cut_off_promotes_first_waiting(
    world, shift, django_capture_on_commit_callbacks
):
    dana = services.sign_up(student=world["dana"], shift=shift)
    sam = services.sign_up(student=_student(world, "sam"), shift=shift)
    tom = services.sign_up(student=_student(world, "tom"), shift=shift)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_sign_up(actor=world["dana"], sign_up=dana)
    with all_universities():
        statuses = {r.student.email: r.status for r in SignUp.objects.filter(shift=shift)}
    assert statuses == {
        "dana@example.kz": "cancelled",
        "sam@example.kz": "confirmed",
        "tom@example.kz": "waitlisted",
    }
    notice = Notice.objects.get(user=sam.student)
    assert notice.kind == "volunteering_promoted"
    assert "Helping the children's home" in notice.title
    assert "sam@example.kz" in [m.to[0] for m in mail.outbox]
    assert tom.pk  # still waiting, untouched


def test_cancel_by_student_after_cut_off_refused(world):
    shift = make_shift(world, make_opportunity(world), in_hours=10, cancel_until=24)
    record = services.sign_up(student=world["dana"], shift=shift)
    with pytest.raises(ValidationError) as exc:
        services.cancel_sign_up(actor=world["dana"], sign_up=record)
    assert "could be cancelled until" in _messages(exc)
    assert "ask the coordinator" in _messages(exc)


def test_cancel_by_coordinator_after_cut_off_allowed(world):
    shift = make_shift(world, make_opportunity(world), in_hours=10, cancel_until=24)
    record = services.sign_up(student=world["dana"], shift=shift)
    assert services.cancel_sign_up(actor=world["erin"], sign_up=record).status == "cancelled"


def test_cancel_someone_elses_sign_up_refused(world, shift):
    record = services.sign_up(student=world["dana"], shift=shift)
    with pytest.raises(PermissionDenied):
        services.cancel_sign_up(actor=world["bob"], sign_up=record)


def test_cancel_twice_refused(world, shift):
    record = services.sign_up(student=world["dana"], shift=shift)
    services.cancel_sign_up(actor=world["dana"], sign_up=record)
    with pytest.raises(ValidationError) as exc:
        services.cancel_sign_up(actor=world["dana"], sign_up=record)
    assert _messages(exc) == "This sign-up is already cancelled."


def test_save_shift_ending_before_start_refused(world):
    opportunity = make_opportunity(world)
    start = timezone.now() + timedelta(days=2)
    with pytest.raises(ValidationError) as exc:
        services.save_shift(
            actor=world["erin"],
            opportunity=opportunity,
            values={"starts_at": start, "ends_at": start - timedelta(hours=1), "capacity": 3},
        )
    assert exc.value.message_dict["ends_at"] == ["A shift must end after it starts."]


def test_save_shift_without_places_refused(world):
    with pytest.raises(ValidationError) as exc:
        make_shift(world, make_opportunity(world), capacity=0)
    assert "capacity" in exc.value.message_dict


def test_save_shift_more_places_fill_from_waiting_list(world, shift):
    services.sign_up(student=world["dana"], shift=shift)
    sam = services.sign_up(student=_student(world, "sam"), shift=shift)
    services.save_shift(actor=world["erin"], shift=shift, values={"capacity": 2})
    sam.refresh_from_db()
    assert sam.status == "confirmed"


def test_save_shift_fewer_places_than_confirmed_refused(world):
    shift = make_shift(world, make_opportunity(world), capacity=2)
    services.sign_up(student=world["dana"], shift=shift)
    services.sign_up(student=_student(world, "sam"), shift=shift)
    with pytest.raises(ValidationError) as exc:
        services.save_shift(actor=world["erin"], shift=shift, values={"capacity": 1})
    assert exc.value.message_dict["capacity"] == [
        "2 volunteers are already confirmed; the shift cannot have fewer places."
    ]


def test_save_opportunity_with_other_universitys_unit_refused(world):
    with pytest.raises(ValidationError) as exc:
        make_opportunity(world, unit=world["b_public"])
    assert exc.value.message_dict["unit"] == ["The unit belongs to another university."]


def test_save_opportunity_without_kazakh_title_refused(world):
    with pytest.raises(ValidationError) as exc:
        make_opportunity(world, title_kk="")
    assert "title_kk" in exc.value.message_dict


def test_save_opportunity_coordinator_outside_own_units_refused(world):
    assert make_opportunity(world, actor="cora", unit=world["a_department"]).pk
    with pytest.raises(PermissionDenied):
        make_opportunity(world, actor="cora", unit=world["a_network_unit"])
    with pytest.raises(PermissionDenied):
        make_opportunity(world, actor="charlie")  # another university


def test_save_shift_by_staff_refused(world):
    with pytest.raises(PermissionDenied):
        make_shift(world, make_opportunity(world), actor="bob")
