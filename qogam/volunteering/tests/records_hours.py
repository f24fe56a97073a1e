"""Hours records for tests, made through the services.

A student can sign up only for a shift that has not started, and hours are logged only after
it has ended, so `past_sign_up` signs up for a future shift and then moves the shift into the
past (a plain UPDATE: no service moves a shift that people attended).
"""

from datetime import timedelta

from django.utils import timezone

from qogam.core.tenancy import all_universities
from qogam.partners.models import Contact, PartnerOrganisation
from qogam.volunteering import hours, services
from qogam.volunteering.models import Shift
from qogam.volunteering.tests.records import make_opportunity, make_shift

SECRET_NOTE = "A secret note about the hours"


def move_into_past(shift, *, length: float, ended_hours_ago: float = 2) -> Shift:
    """The shift, now `length` hours long and ended `ended_hours_ago` hours ago."""
    ends = timezone.now() - timedelta(hours=ended_hours_ago)
    with all_universities():
        Shift.objects.filter(pk=shift.pk).update(
            starts_at=ends - timedelta(hours=length), ends_at=ends
        )
        return Shift.objects.select_related("opportunity").get(pk=shift.pk)


def past_sign_ups(world, opportunity, students=("dana",), *, length: float = 3, capacity=5):
    """Confirmed sign-ups of `students` on a shift of `opportunity` that ended 2 hours ago."""
    # Far ahead, so it clashes with no other sign-up of the same students before it moves.
    shift = make_shift(world, opportunity, in_hours=24 * 900, hours=length, capacity=capacity)
    sign_ups = [services.sign_up(student=world[name], shift=shift) for name in students]
    shift = move_into_past(shift, length=length)
    for record in sign_ups:
        record.shift = shift
    return shift, sign_ups


def partner_of_pavel(world, name="Partner NGO"):
    """A partner organisation of A that pavel represents (with his e-mail)."""
    with all_universities():
        partner = PartnerOrganisation.objects.create(
            university=world["a"], name_kk=name, name_en=name, kind="ngo"
        )
        Contact.objects.create(
            university=world["a"],
            organisation=partner,
            full_name="Pavel Partnerov",
            email="pavel@example.kz",
            user=world["pavel"],
            is_representative=True,
        )
    return partner


def a_hours_records(world) -> dict:
    """A's private opportunity with an ended shift, dana's logged hours (with a secret note)
    and a second entry of hers, corrected by erin; made once per `world`."""
    if "_hours_records" not in world:
        opportunity = make_opportunity(world, visibility="private", unit=world["a_department"])
        shift, (sign_up,) = past_sign_ups(world, opportunity)
        entry = hours.log_hours(
            student=world["dana"], sign_up=sign_up, hours="2.5", note=SECRET_NOTE
        )
        _shift, (other,) = past_sign_ups(world, opportunity)
        corrected = hours.log_hours(student=world["dana"], sign_up=other, hours="3")
        correction = hours.correct_hours(
            actor=world["erin"], entry=corrected, hours="2", reason="Left an hour early."
        )
        world["_hours_records"] = {
            "opportunity": opportunity,
            "shift": shift,
            "sign_up": sign_up,
            "entry": entry,
            "corrected": corrected,
            "correction": correction,
        }
    return world["_hours_records"]
