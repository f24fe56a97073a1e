"""Demo volunteering: an open opportunity per university with two shifts, one of them full."""

from datetime import timedelta

from django.utils import timezone

from qogam.accounts.models import Membership
from qogam.core.enums import Role, Visibility
from qogam.projects.models import Project
from qogam.volunteering import services
from qogam.volunteering.models import Opportunity

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
