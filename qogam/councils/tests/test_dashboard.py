"""Done when: a meeting with two external members is held (invitations e-mailed, attendance
recorded), its decisions tracked, and an overdue decision shows on its owner's dashboard."""

from datetime import date, timedelta

from django.core import mail
from django.utils import timezone

from qogam.core.tenancy import all_universities
from qogam.councils import queries, services
from qogam.councils.models import Attendance, Meeting
from qogam.partners.models import PartnerOrganisation
from qogam.partners.tests.records import make_partner


def test_meeting_with_two_external_members_held_and_overdue_decision_on_dashboard(
    world, client_for, django_capture_on_commit_callbacks
):
    alice, bob = world["alice"], world["bob"]
    akimat = make_partner(world, name_kk="Ақтөбе әкімдігі")
    chamber = make_partner(world, kind="chamber", name_kk="Кәсіпкерлер палатасы", city="Aktobe 2")
    council = services.save_council(
        actor=alice,
        university=world["a"],
        values={"kind": "employers", "name_kk": "Жұмыс берушілер кеңесі", "secretary": bob},
    )
    externals = [
        services.save_member(
            actor=bob,
            council=council,
            values={
                "full_name": name,
                "organisation": org,
                "email": email,
                "language": lang,
                "starts_on": date(2025, 1, 1),
            },
        )
        for name, org, email, lang in [
            ("Aigerim Akimat", akimat, "aigerim@akimat.kz", "kk"),
            ("Boris Chamber", chamber, "boris@chamber.kz", "ru"),
        ]
    ]
    meeting = services.save_meeting(
        actor=bob,
        council=council,
        values={"starts_at": timezone.now() + timedelta(hours=2), "place": "Room 1"},
        agenda={"kk": "Бағдарлама", "ru": "", "en": ""},
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_invitations(actor=bob, meeting=meeting) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["aigerim@akimat.kz", "boris@chamber.kz"]

    # The meeting took place: it is moved into the past and marked held.
    with all_universities():
        Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(days=1))
        meeting.refresh_from_db()
    services.save_meeting(actor=bob, council=council, values={"status": "held"}, meeting=meeting)
    services.record_attendance(
        actor=bob, meeting=meeting, statuses={m.pk: "attended" for m in externals}
    )
    with all_universities():
        assert set(Attendance.objects.filter(meeting=meeting).values_list("status", flat=True)) == {
            "attended"
        }
    decision = services.save_decision(
        actor=bob,
        meeting=meeting,
        values={
            "text_kk": "Практика базаларын кеңейту",
            "text_en": "Widen the internship bases",
            "owner": world["erin"],
            "due_on": timezone.localdate() - timedelta(days=2),
        },
    )
    services.update_decision_status(
        actor=world["erin"], decision=decision, status="in_progress", note="Talks begun."
    )
    assert list(queries.overdue_decisions_of(world["erin"])) == [decision]

    home = client_for(world["erin"]).get("/en/").content.decode()
    assert 'data-panel="councils-overdue"' in home
    assert "Widen the internship bases" in home
    # Nobody else's dashboard shows it.
    assert "Widen the internship bases" not in client_for(bob).get("/en/").content.decode()

    # The partner's page lists the meeting its people sat on.
    with all_universities():
        akimat = PartnerOrganisation.objects.get(pk=akimat.pk)
    page = client_for(alice).get(akimat.get_absolute_url()).content.decode()
    assert meeting.get_absolute_url() in page

    services.update_decision_status(
        actor=world["erin"], decision=decision, status="done", note="Three new bases signed."
    )
    assert list(queries.overdue_decisions_of(world["erin"])) == []
