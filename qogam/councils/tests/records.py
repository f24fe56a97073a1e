"""University A's private council records, for the tests and the cross-tenant sweep."""

from datetime import date, timedelta

from django.utils import timezone

from qogam.core.tenancy import all_universities
from qogam.councils import services
from qogam.councils.models import Attendance
from qogam.partners.tests.records import a_partner_records

# Distinctive strings: a page or an API answer that shows one to charlie has leaked.
SECRET_COUNCIL = "A Secret Employers Board"
SECRET_MEMBER = "Secret External Member"
SECRET_EMAIL = "secret.member@employer.kz"
SECRET_DECISION = "A Secret Decision To Revise The Curriculum"


def a_council_records(world) -> dict:
    """A's private council with members, a meeting, an agenda and a decision; made once."""
    if "_council_records" not in world:
        alice = world["alice"]
        partner = a_partner_records(world)["partner"]
        council = services.save_council(
            actor=alice,
            university=world["a"],
            values={
                "kind": "employers",
                "name_kk": SECRET_COUNCIL,
                "name_en": SECRET_COUNCIL,
                "unit": world["a_faculty"],
                "programme": "6B07101 Mechanical engineering",
                "secretary": world["bob"],
            },
        )
        internal = services.save_member(
            actor=alice,
            council=council,
            values={"user": world["cora"], "role": "chair", "starts_on": date(2025, 1, 1)},
        )
        external = services.save_member(
            actor=alice,
            council=council,
            values={
                "full_name": SECRET_MEMBER,
                "position": "HR director",
                "organisation": partner,
                "email": SECRET_EMAIL,
                "phone": "+7 701 555 0101",
                "language": "ru",
                "role": "member",
                "starts_on": date(2025, 1, 1),
            },
        )
        meeting = services.save_meeting(
            actor=alice,
            council=council,
            values={
                "starts_at": timezone.now() + timedelta(days=7),
                "place": "Main building, room 101",
            },
            agenda={"kk": "Оқу жоспары", "ru": "Учебный план", "en": "The curriculum"},
        )
        decision = services.save_decision(
            actor=alice,
            meeting=meeting,
            values={
                "text_kk": SECRET_DECISION,
                "text_en": SECRET_DECISION,
                "owner": world["bob"],
                "due_on": timezone.localdate() + timedelta(days=30),
            },
        )
        note = services.update_decision_status(
            actor=world["bob"], decision=decision, status="in_progress", note="Started."
        )
        services.record_attendance(
            actor=alice, meeting=meeting, statuses={internal.pk: "invited", external.pk: "invited"}
        )
        with all_universities():
            attendance = Attendance.objects.get(meeting=meeting, member=external)
            agenda_item = meeting.agenda.get()
        world["_council_records"] = {
            "council": council,
            "internal": internal,
            "external": external,
            "meeting": meeting,
            "agenda_item": agenda_item,
            "attendance": attendance,
            "decision": decision,
            "note": note,
        }
    return world["_council_records"]
