"""Renewal reminders for agreements that end soon."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from conftest import make_user
from qogam.accounts.services import grant_membership
from qogam.core.enums import Role
from qogam.core.tenancy import all_universities, university_scope
from qogam.notifications.models import Notice
from qogam.partners import services
from qogam.partners.models import Agreement
from qogam.partners.reminders import send_agreement_reminders

TODAY = date(2026, 3, 2)


def _partner(world, university="a", actor="alice"):
    return services.create_organisation(
        actor=world[actor],
        university=world[university],
        values={
            "kind": "akimat",
            "name_kk": "Ақтөбе қаласының әкімдігі",
            "name_ru": "Акимат города Актобе",
            "name_en": "Aqtobe City Akimat",
            "region": "aktobe",
            "city": "Aqtobe",
        },
    )


def _agreement(world, *, ends_in=30, state="signed", university="a", actor="alice", units=()):
    signed = state != "draft"
    agreement = services.save_agreement(
        actor=world[actor],
        university=world[university],
        values={
            "kind": "memorandum",
            "title_kk": "Ынтымақтастық туралы меморандум",
            "title_ru": "Меморандум о сотрудничестве",
            "title_en": "Cooperation memorandum",
            "organisation": _partner(world, university, actor),
            "state": state,
            "signed_on": TODAY - timedelta(days=700) if signed else None,
            "starts_on": TODAY - timedelta(days=700),
            "ends_on": TODAY + timedelta(days=ends_in),
        },
        units=list(units),
    )
    return agreement


def _notices(kind="agreement_expiring"):
    return Notice.objects.filter(kind=kind).select_related("user")


def test_reminder_goes_once_to_admins_office_and_unit_coordinators(world):
    agreement = _agreement(world, units=[world["a_faculty"]])
    assert send_agreement_reminders(today=TODAY) == 1
    assert sorted(n.user.email for n in _notices()) == [
        "alice@example.kz",
        "cora@example.kz",
        "erin@example.kz",
    ]
    assert send_agreement_reminders(today=TODAY + timedelta(days=1)) == 0
    assert _notices().count() == 3
    with all_universities():
        agreement.refresh_from_db()
    assert agreement.reminder_sent_on == TODAY


def test_reminder_skips_coordinators_of_other_units(world):
    _agreement(world, units=[world["a_network_unit"]])
    send_agreement_reminders(today=TODAY)
    assert "cora@example.kz" not in [n.user.email for n in _notices()]


def test_reminder_is_in_the_recipients_language(world, django_capture_on_commit_callbacks):
    olga = make_user("olga@example.kz", "Olga", language="ru")
    grant_membership(actor=None, user=olga, university=world["a"], role=Role.OFFICE)
    _agreement(world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send_agreement_reminders(today=TODAY)
    olgas = _notices().get(user=olga)
    alices = _notices().get(user=world["alice"])
    assert olgas.title == "«Меморандум о сотрудничестве» истекает 01.04.2026"
    assert alices.title == "“Cooperation memorandum” ends on 04/01/2026"
    assert "Акимат города Актобе" in olgas.body
    assert "ends in 30 days" in alices.body
    assert olgas.url.startswith("/ru/partners/agreements/")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "alice@example.kz",
        "erin@example.kz",
        "olga@example.kz",
    ]


@pytest.mark.parametrize(
    ("state", "ends_in"),
    [("draft", 30), ("terminated", 30), ("signed", -1), ("signed", 61)],
)
def test_reminder_not_sent_for_drafts_terminated_expired_or_far_off(world, state, ends_in):
    agreement = _agreement(world, ends_in=ends_in, state=state)
    assert send_agreement_reminders(today=TODAY) == 0
    assert _notices().count() == 0
    with all_universities():
        agreement.refresh_from_db()
    assert agreement.reminder_sent_on is None


def test_reminder_never_reaches_another_universitys_people(world):
    _agreement(world, university="b", actor="charlie")
    send_agreement_reminders(today=TODAY)
    assert sorted(n.user.email for n in _notices()) == ["charlie@example.kz"]


def test_renewed_agreement_is_reminded_again_in_its_new_window(world):
    agreement = _agreement(world, ends_in=10)
    send_agreement_reminders(today=TODAY)
    with university_scope(world["a"]):
        Agreement.objects.filter(pk=agreement.pk).update(ends_on=TODAY + timedelta(days=400))
    later = TODAY + timedelta(days=350)
    assert send_agreement_reminders(today=later) == 1
    assert _notices().filter(user=world["alice"]).count() == 2


def test_reminder_command_runs_for_a_given_day(world, capsys):
    _agreement(world)
    call_command("send_agreement_reminders", "--today", TODAY.isoformat())
    assert capsys.readouterr().out == "Reminded about 1 agreement(s).\n"
