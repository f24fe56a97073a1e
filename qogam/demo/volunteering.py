"""Demo volunteering: an open opportunity per university with two shifts, one of them full, a
shift last week with verified and awaiting hours and a certificate, and a service-learning
course its volunteers are enrolled in."""

from datetime import timedelta
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from qogam.accounts.models import Membership
from qogam.core.enums import Role, Visibility
from qogam.projects.models import Project
from qogam.volunteering import academic, certificates, hours, services
from qogam.volunteering.models import Opportunity, Shift

TEXTS = {
    "title_kk": "Ауыл мектебінде цифрлық сауаттылық сабақтары",
    "title_ru": "Уроки цифровой грамотности в сельской школе",
    "title_en": "Digital literacy lessons at a village school",
    "description_kk": "Оқушыларға компьютер мен интернетті қауіпсіз пайдалануды үйретеміз.",
    "description_ru": "Учим школьников безопасно пользоваться компьютером и интернетом.",
    "description_en": "We teach schoolchildren to use computers and the internet safely.",
}


def build_volunteering(community) -> None:
    university = community.university
    if Opportunity.objects.filter(university=university).exists():
        return
    project = Project.objects.filter(university=university).order_by("pk").first()
    opportunity = services.save_opportunity(
        actor=community.people["office"],
        university=university,
        values={
            **TEXTS,
            "kind": "community_service",
            "project": project,
            "skills": "Patience; basic computer skills",
            "location": "School No. 12",
            "status": "open",
            "visibility": Visibility.PUBLIC,
        },
    )
    community.b.created["opportunities"] += 1
    # Shifts start on whole hours a few days ahead, so the demo always has a future to sign up to.
    start = timezone.localtime().replace(minute=0, second=0, microsecond=0) + timedelta(days=3)
    shifts = [
        services.save_shift(
            actor=community.people["office"],
            opportunity=opportunity,
            values={"starts_at": at, "ends_at": at + timedelta(hours=3), "capacity": capacity},
        )
        for at, capacity in [(start, 2), (start + timedelta(days=7), 15)]
    ]
    students = [
        m.user
        for m in Membership.objects.filter(university=university, role=Role.STUDENT)
        .select_related("user")
        .order_by("pk")[:3]
    ]
    # Three students for a two-place shift: two confirmed and one on the waiting list.
    for student in students:
        services.sign_up(student=student, shift=shifts[0])
        community.b.created["sign-ups"] += 1
    build_hours_and_credit(community, opportunity, students)


PROGRAMME = {
    "code": "6B01801",
    "name_kk": "Әлеуметтік педагогика және өзін-өзі тану",
    "name_ru": "Социальная педагогика и самопознание",
    "name_en": "Social pedagogy and self-knowledge",
    "level": "bachelor",
}
COURSE = {
    "code": "SL-101",
    "name_kk": "Қоғамға қызмет ету арқылы оқыту",
    "name_ru": "Обучение через служение обществу",
    "name_en": "Service-learning in the community",
    "credits": 3,
    "service_learning": True,
    "required_hours": Decimal("20"),
    "kinds": ["community_service"],
}


def build_hours_and_credit(community, opportunity, students) -> None:
    """A shift that took place last week, with hours verified, logged and certified, and a
    service-learning course whose students these volunteers are."""
    office = community.people["office"]
    unit = community.tree.faculties[0]
    programme = academic.save_programme(
        actor=office, university=community.university, values={**PROGRAMME, "unit": unit}
    )
    course = academic.save_course(
        actor=office,
        university=community.university,
        values={**COURSE, "unit": unit, "programmes": [programme]},
    )
    community.b.created["programmes"] += 1
    community.b.created["courses"] += 1
    year = academic.academic_year_of(timezone.localdate())
    # The demo login of a student, where the university has one, comes first.
    login = community.people.get("student")
    enrolled = list(dict.fromkeys([login, *students] if login else students))
    demo_student = enrolled[0]
    academic.enrol(actor=office, course=course, academic_year=year, students=enrolled)
    community.b.created["enrolments"] += len(enrolled)

    # Sign-ups open only before a shift starts; the demo writes its history by signing up
    # first and then moving the shift back to last week (minutes, not a date, so the shift
    # always lies in the current academic year's past).
    start = timezone.localtime().replace(minute=0, second=0, microsecond=0) + timedelta(days=1)
    shift = services.save_shift(
        actor=office,
        opportunity=opportunity,
        values={"starts_at": start, "ends_at": start + timedelta(hours=4), "capacity": 10},
    )
    sign_ups = [services.sign_up(student=person, shift=shift) for person in enrolled[:3]]
    community.b.created["sign-ups"] += len(sign_ups)
    since_september = timezone.localtime() - academic.academic_year_bounds(year)[0]
    past = max(min(timedelta(days=8), since_september), timedelta(hours=5))
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=F("starts_at") - past - timedelta(days=1),
        ends_at=F("ends_at") - past - timedelta(days=1),
    )
    shift.refresh_from_db()
    # The coordinator records that the demo student and the next came (verified hours);
    # the third logs hours herself, which wait for the partner's or coordinator's check.
    hours.record_attendance(actor=office, shift=shift, attended=dict.fromkeys(sign_ups[:2], True))
    hours.log_hours(
        student=sign_ups[2].student,
        sign_up=sign_ups[2],
        hours=Decimal("3.5"),
        note="Ran the lesson on safe passwords.",
    )
    community.b.created["hours entries"] += 3
    certificates.issue_certificate(student=demo_student, opportunity=opportunity)
    community.b.created["certificates"] += 1
