"""The demo network's good practices, one adoption and a joint project of the three members.

Each demo member's office publishes one practice from one of its projects; the second member
adopts the first one's practice with its own project, so the practice's spread shows; and the
secretariat's university leads a joint project with the other two, each writing its own part.

Written through the network's services as each university's office, so permissions,
validation and the audit trail are the real ones. A practice is found again by its university
and Kazakh title, an adoption by its practice and university, a joint project by its Kazakh
title: a second run writes nothing. Members must be active first (the demo's membership part
runs before this); a university that is not an active member is passed over.
"""

from datetime import date

from qogam.accounts.models import Membership, User
from qogam.core.enums import Role, Visibility
from qogam.network.models import GoodPractice, JointProject, JointProjectPart, PracticeAdoption
from qogam.network.queries import active_member_ids
from qogam.network.services import joint_projects as joint_services
from qogam.network.services import practices as services
from qogam.projects.models import Project

# The Kazakh titles of the demo's projects (qogam/demo/projects.py) the practices come from.
YARDS = "Аулалардағы балалар алаңдарын жөндеу"
LECTURES = "Мектеп оқушыларына арналған ғылыми дәрістер"
CONSULTING = "Әкімдікке арналған көлік ағындарын талдау"

# (project it comes from, the practice), in the order of the demo's universities.
PRACTICES = [
    (
        LECTURES,
        {
            "title_kk": "Университет оқытушыларының мектептегі ашық дәрістері",
            "title_ru": "Открытые лекции преподавателей университета в школах",
            "title_en": "Open lectures by university staff in city schools",
            "summary_kk": (
                "Оқытушылар ай сайын қала мектептерінде ғылым туралы ашық дәріс оқиды; "
                "мектептер тақырыпты өздері таңдайды."
            ),
            "summary_ru": (
                "Преподаватели ежемесячно читают открытые лекции о науке в городских школах; "
                "темы выбирают сами школы."
            ),
            "summary_en": (
                "Staff give an open science lecture in a city school every month; the schools "
                "choose the topics."
            ),
            "audience_kk": "7–11 сынып оқушылары және олардың мұғалімдері",
            "audience_ru": "Ученики 7–11 классов и их учителя",
            "audience_en": "Pupils of grades 7–11 and their teachers",
            "results_kk": "Бір жылда 12 мектептің 600-ден астам оқушысы",
            "results_ru": "Более 600 учеников из 12 школ за год",
            "results_en": "More than 600 pupils from 12 schools in a year",
            "theme": "Schools",
            "sdgs": [4],
            "components": ["educational"],
            "visibility": Visibility.PUBLIC,
        },
    ),
    (
        YARDS,
        {
            "title_kk": "Тұрғындармен бірге аула алаңдарын жөндеу",
            "title_ru": "Ремонт дворовых площадок вместе с жителями",
            "title_en": "Repairing yard playgrounds together with residents",
            "summary_kk": (
                "Студенттер мен тұрғындар бірге жоспар құрып, алаңдарды демалыс күндері "
                "жөндейді; әкімдік материал береді."
            ),
            "summary_ru": (
                "Студенты и жители вместе составляют план и по выходным ремонтируют площадки; "
                "материалы даёт акимат."
            ),
            "summary_en": (
                "Students and residents plan together and repair playgrounds at weekends; the "
                "akimat provides the materials."
            ),
            "audience_en": "Families of the city's residential districts",
            "results_en": "Four playgrounds repaired in the first season",
            "theme": "City",
            "sdgs": [3, 11],
            "components": ["educational", "spiritual_moral"],
            "visibility": Visibility.NETWORK,
        },
    ),
    (
        CONSULTING,
        {
            "title_kk": "Әкімдікке арналған студенттік талдау зертханасы",
            "title_ru": "Студенческая аналитическая лаборатория для акимата",
            "title_en": "A student analysis lab for the akimat",
            "summary_kk": "Магистранттар әкімдіктің сұрағы бойынша қала деректерін талдайды.",
            "summary_ru": "Магистранты анализируют городские данные по запросу акимата.",
            "summary_en": "Master's students analyse city data on the akimat's questions.",
            "theme": "City",
            "sdgs": [9, 11],
            "components": ["research", "innovation"],
            "visibility": Visibility.NETWORK,
        },
    ),
]

CONTACT = "The third-mission office, {email}"

JOINT = {
    "title_kk": "Мектептерге арналған ғылым апталығы",
    "title_ru": "Неделя науки для школ",
    "title_en": "A science week for schools",
    "description_kk": "Үш университет бір аптада өз қалаларының мектептерінде дәріс оқиды.",
    "description_ru": "Три университета за одну неделю читают лекции в школах своих городов.",
    "description_en": "Three universities lecture in the schools of their cities in one week.",
    "sdgs": [4, 17],
    "visibility": Visibility.PUBLIC,
}
PART = {
    "kk": "Біздің оқытушылар қаламыздың мектептерінде дәріс оқиды.",
    "ru": "Наши преподаватели читают лекции в школах нашего города.",
    "en": "Our lecturers speak in the schools of our city.",
}


def _office_of(university) -> User | None:
    """The university's third-mission office login, or its administrator when it has none."""
    for role in (Role.OFFICE, Role.UNIVERSITY_ADMIN):
        membership = (
            Membership.objects.filter(university=university, role=role).order_by("pk").first()
        )
        if membership is not None:
            # A fresh object: each caches its Viewer, and the memberships may be new.
            return User.objects.get(pk=membership.user_id)
    return None


def _project(university, title_kk: str) -> Project | None:
    return Project.objects.filter(university=university, title_kk=title_kk).order_by("pk").first()


def _practices(builder, members: list) -> dict[int, GoodPractice]:
    made = {}
    for (university, office), (source, values) in zip(members, PRACTICES, strict=False):
        practice = GoodPractice.objects.filter(
            university=university, title_kk=values["title_kk"]
        ).first()
        if practice is None:
            project = _project(university, source)
            practice = services.publish_practice(
                actor=office,
                university=university,
                values={**values, "contact": CONTACT.format(email=office.email)},
                projects=[project] if project else [],
            )
            builder.created["good practices"] += 1
        made[university.pk] = practice
    return made


def _adoption(builder, members: list, practices: dict) -> None:
    (first, _office), (second, office) = members[0], members[1]
    practice = practices[first.pk]
    if PracticeAdoption.objects.filter(practice=practice, university=second).exists():
        return
    services.adopt_practice(
        actor=office,
        practice=practice,
        university=second,
        project=_project(second, LECTURES),
        note="Our lecturers started in two schools of the city.",
        adopted_on=date(2026, 2, 1),
    )
    builder.created["adoptions of practices"] += 1


def _joint(builder, members: list, lead) -> None:
    if JointProject.objects.filter(title_kk=JOINT["title_kk"]).exists():
        return
    offices = {u.pk: o for u, o in members}
    lead = lead if lead.pk in offices else members[0][0]
    joint = joint_services.create_joint_project(
        actor=offices[lead.pk],
        lead_university=lead,
        values=JOINT,
        partners=[u for u, _office in members],
    )
    builder.created["joint projects"] += 1
    for part in JointProjectPart.objects.filter(joint=joint).select_related("university"):
        office = offices[part.university_id]
        joint_services.save_part(
            actor=office,
            part=part,
            contribution=PART.get(office.language, PART["kk"]),
            project=_project(part.university, LECTURES),
        )
        builder.created["parts of joint projects"] += 1


def build_network_practices(builder, *, universities: dict, lead_slug: str) -> None:
    """Practices, an adoption and a joint project of the demo's active members.

    `universities` maps the demo's slugs to universities, in the catalogue's order;
    `lead_slug` names the joint project's lead (the secretariat's university). Counts go to
    builder.created under "good practices", "adoptions of practices", "joint projects" and
    "parts of joint projects". Opens no tenant scope: the demo runs with every university's.
    """
    active = active_member_ids()
    members = []
    for university in universities.values():
        office = _office_of(university)
        if university.pk in active and office is not None:
            members.append((university, office))
    if len(members) < 2:
        return
    practices = _practices(builder, members)
    _adoption(builder, members, practices)
    _joint(builder, members, universities.get(lead_slug, members[0][0]))
