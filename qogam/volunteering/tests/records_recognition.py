"""Recognition records for tests: verified hours, certificates and signing keys.

Hours are made directly as rows (the hours services belong to another part of the app): a
sign-up through the services on a shift made in the future, the shift then moved into the
past, and an HoursEntry with the status asked for.
"""

from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from qogam.core.tenancy import university_scope
from qogam.volunteering import certificates, credentials, services
from qogam.volunteering.models import HoursEntry, Opportunity, Shift
from qogam.volunteering.tests.records import make_opportunity, make_shift

# Together with the holder's name below these carry every Kazakh letter: ә ғ қ ң ө ұ ү һ і.
KAZAKH_TITLE = "Балалар үйіне көмек: өнер, ұлттық ойындар және жаңа кітаптар"
KAZAKH_HOLDER = "Һәдия Ғабитқызы Құрманова"
KAZAKH_LETTERS = "әғқңөұүһі"


def hours_entry(
    world,
    opportunity: Opportunity,
    *,
    student="dana",
    hours="3",
    status="verified",
    starts_at: datetime | None = None,
) -> HoursEntry:
    """`student`'s hours on a new past shift of `opportunity` (30 days ago unless told)."""
    # Each shift starts at its own time in the future, so the sign-ups never overlap.
    world["_recognition_shifts"] = world.get("_recognition_shifts", 0) + 1
    shift = make_shift(world, opportunity, in_hours=1000 + 10 * world["_recognition_shifts"])
    sign_up = services.sign_up(student=world[student], shift=shift)
    start = starts_at or timezone.now() - timedelta(days=30)
    Shift.objects.with_scopes_disabled().filter(pk=shift.pk).update(
        starts_at=start, ends_at=start + timedelta(hours=4)
    )
    shift.refresh_from_db()
    with university_scope(opportunity.university_id):
        return HoursEntry.objects.create(
            university_id=opportunity.university_id,
            sign_up=sign_up,
            shift=shift,
            student=world[student],
            hours=Decimal(hours),
            status=status,
            rejection_reason="Not there." if status == "rejected" else "",
        )


def a_recognition_records(world) -> dict:
    """Dana's verified hours on A's private opportunity, her certificate of them (in Kazakh)
    and A's signing key; made once per `world`."""
    if "_recognition_records" not in world:
        opportunity = make_opportunity(
            world,
            title_kk=KAZAKH_TITLE,
            title_en="A Secret Recognised Opportunity",
            visibility="private",
        )
        hours_entry(world, opportunity, hours="3.5")
        hours_entry(world, opportunity, hours="2")
        certificate = certificates.issue_certificate(
            student=world["dana"], opportunity=opportunity, language="kk"
        )
        key, _private = credentials.active_signing_key(university=world["a"])
        world["_recognition_records"] = {
            "opportunity": opportunity,
            "certificate": certificate,
            "signing_key": key,
        }
    return world["_recognition_records"]
