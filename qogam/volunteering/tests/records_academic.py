"""Academic records for tests, made through the services: A's programme, its
service-learning course and dana's enrolment; and verified hours made directly (the hours
services are another part's), each on a sign-up made through `services.sign_up`."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from qogam.core.tenancy import all_universities
from qogam.volunteering import academic, services
from qogam.volunteering.models import HoursEntry, Shift
from qogam.volunteering.tests.records import make_opportunity, make_shift

SECRET_PROGRAMME = "A Secret Programme of Social Work"
SECRET_COURSE = "A Secret Service-Learning Course"


def make_programme(world, actor="erin", university=None, **values):
    base = {
        "unit": world["a_faculty"],
        "code": "6B01",
        "name_kk": "Әлеуметтік жұмыс",
        "name_ru": "Социальная работа",
        "name_en": "Social work",
        "level": "bachelor",
    }
    return academic.save_programme(
        actor=world[actor], university=university or world["a"], values={**base, **values}
    )


def make_course(world, actor="erin", university=None, **values):
    base = {
        "unit": world["a_faculty"],
        "code": "SL101",
        "name_kk": "Қоғамға қызмет",
        "name_ru": "Служение обществу",
        "name_en": "Serving the community",
        "credits": 5,
        "service_learning": True,
        "required_hours": Decimal("20"),
        "kinds": [],
    }
    return academic.save_course(
        actor=world[actor], university=university or world["a"], values={**base, **values}
    )


def verified_hours(world, *, student="dana", kind="community_service", starts_at, hours):
    """A verified hours entry of `student` on a new shift of a `kind` opportunity that
    started at `starts_at`: the sign-up is made (through the service) on a future shift that
    is then moved into the past, as happens once a shift has run."""
    opportunity = make_opportunity(world, kind=kind, title_en=f"Opportunity {kind}")
    world.setdefault("_shift_offset", 0)
    world["_shift_offset"] += 5
    shift = make_shift(world, opportunity, in_hours=48 + world["_shift_offset"], hours=2)
    sign_up = services.sign_up(student=world[student], shift=shift)
    with all_universities():
        Shift.objects.filter(pk=shift.pk).update(
            starts_at=starts_at, ends_at=starts_at + timedelta(hours=2)
        )
        return HoursEntry.objects.create(
            university=world["a"],
            sign_up=sign_up,
            shift=shift,
            student=world[student],
            hours=Decimal(str(hours)),
            status="verified",
        )


def at(year, month, day, hour=10) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour))


def a_academic_records(world) -> dict:
    """A's programme, service-learning course (private names) and dana's enrolment."""
    if "_academic_records" not in world:
        programme = make_programme(world, name_en=SECRET_PROGRAMME, code="6B99")
        course = make_course(world, name_en=SECRET_COURSE, code="SL999", programmes=[programme])
        result = academic.enrol(
            actor=world["erin"],
            course=course,
            academic_year=academic.academic_year_of(),
            emails=["dana@example.kz"],
        )
        world["_academic_records"] = {
            "programme": programme,
            "course": course,
            "enrolment": result.enrolled[0],
        }
    return world["_academic_records"]
