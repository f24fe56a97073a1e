"""A demo university's councils: an employers' advisory board and a methodological council.

Written through the councils services as the university's demo administrator and office, so
permissions and the audit trail are the real ones. Natural keys make a second run write
nothing: a council is its university and Kazakh name, a member its council and name (or
person), a meeting its council and start, a decision its meeting and Kazakh text. No
invitation e-mails are sent: the demo's history is invented.
"""

from datetime import date, time, timedelta

from django.utils import timezone

from qogam.core.enums import Visibility
from qogam.core.tenancy import university_scope
from qogam.councils import services
from qogam.councils.models import Council, CouncilMember, Decision, Meeting
from qogam.partners.models import PartnerOrganisation

COUNCILS = [
    {
        "kind": "employers",
        "name_kk": "Жұмыс берушілер кеңесі",
        "name_ru": "Совет работодателей",
        "name_en": "Employers' advisory board",
        "purpose_kk": "Білім беру бағдарламаларын еңбек нарығының талаптарымен үйлестіру.",
        "purpose_ru": "Согласование образовательных программ с требованиями рынка труда.",
        "purpose_en": "Aligning educational programmes with the needs of the labour market.",
        "programme": "6B07101",
        "visibility": Visibility.PUBLIC,
    },
    {
        "kind": "methodological",
        "name_kk": "Оқу-әдістемелік кеңес",
        "name_ru": "Учебно-методический совет",
        "name_en": "Educational-methodological council",
        "purpose_kk": "Оқу бағдарламалары мен әдістемелерін талқылау.",
        "purpose_ru": "Обсуждение учебных программ и методик.",
        "purpose_en": "Reviewing curricula and teaching methods.",
        "programme": "",
        "visibility": Visibility.NETWORK,
    },
]
EXTERNALS = [
    ("Әсел Нұрланқызы", "Кадр бөлімінің басшысы", "ru"),
    ("Ерлан Сейітов", "Директордың орынбасары", "kk"),
]
DECISIONS = [
    (
        "Өндірістік практика базаларын кеңейту",
        "Расширить базы производственной практики",
        "Widen the bases for work placements",
        -10,
    ),
    (
        "Жұмыс берушілермен бірге элективті курс әзірлеу",
        "Разработать элективный курс вместе с работодателями",
        "Develop an elective course with employers",
        45,
    ),
]


def build_councils(community) -> None:
    university = community.university
    admin, office = community.people["admin"], community.people["office"]
    with university_scope(university):
        partners = list(
            PartnerOrganisation.objects.filter(university=university).order_by("pk")[:2]
        )
    faculty = community.tree.faculties[0] if community.tree.faculties else None
    for spec in COUNCILS:
        with university_scope(university):
            council = Council.objects.filter(university=university, name_kk=spec["name_kk"]).first()
        if council is None:
            council = services.save_council(
                actor=admin,
                university=university,
                values={**spec, "unit": faculty, "secretary": office},
            )
            community.b.created["councils"] += 1
        _members(community, council, partners)
        _meeting(community, council)


def _members(community, council: Council, partners) -> None:
    admin = community.people["admin"]
    wanted = [({"user": community.people["coordinator"], "role": "chair"}, None)]
    for (name, position, language), partner in zip(EXTERNALS, partners, strict=False):
        values = {
            "full_name": name,
            "position": position,
            "organisation": partner,
            "email": community.email(f"council.{partner.pk}"),
            "language": language,
            "role": "member",
        }
        wanted.append((values, name))
    for values, name in wanted:
        with university_scope(council.university_id):
            existing = CouncilMember.objects.filter(council=council)
            existing = (
                existing.filter(full_name=name) if name else existing.filter(user=values["user"])
            )
            if existing.exists():
                continue
        services.save_member(
            actor=admin,
            council=council,
            values={**values, "starts_on": community.today - timedelta(days=365)},
        )
        community.b.created["council_members"] += 1


def _meeting(community, council: Council) -> None:
    admin = community.people["admin"]
    held_day: date = community.today - timedelta(days=30)
    starts_at = timezone.make_aware(timezone.datetime.combine(held_day, time(15, 0)))
    with university_scope(council.university_id):
        meeting = Meeting.objects.filter(council=council, starts_at=starts_at).first()
    if meeting is None:
        meeting = services.save_meeting(
            actor=admin,
            council=council,
            values={"starts_at": starts_at, "place": "Бас ғимарат, 204", "status": "held"},
            agenda={
                "kk": "Бағдарлама нәтижелері\nПрактика базалары",
                "ru": "Итоги программы\nБазы практики",
                "en": "Results of the programme\nInternship bases",
            },
        )
        with university_scope(council.university_id):
            members = list(CouncilMember.objects.filter(council=council))
        services.record_attendance(
            actor=admin, meeting=meeting, statuses={m.pk: "attended" for m in members}
        )
        community.b.created["council_meetings"] += 1
    for kk, ru, en, due_in in DECISIONS:
        with university_scope(council.university_id):
            if Decision.objects.filter(meeting=meeting, text_kk=kk).exists():
                continue
        services.save_decision(
            actor=admin,
            meeting=meeting,
            values={
                "text_kk": kk,
                "text_ru": ru,
                "text_en": en,
                "owner": community.people["office"],
                "due_on": community.today + timedelta(days=due_in),
            },
        )
        community.b.created["council_decisions"] += 1
