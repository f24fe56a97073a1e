"""A demo university's projects: a handful per university, written through the services.

The office login records them (it may do everything at its university), so permission
checks, the needs' workflow and the audit trail are the real ones. A project is found again
by its university and Kazakh title, an update by its project and Kazakh title, a participant
by project and person: a second run writes nothing.
"""

from dataclasses import dataclass
from datetime import timedelta

from qogam.accounts.models import Membership
from qogam.core.enums import Role, Visibility
from qogam.needs.enums import NeedState
from qogam.needs.models import Need
from qogam.partners.models import PartnerOrganisation
from qogam.projects import services
from qogam.projects.models import Participant, Project, ProjectUpdate


@dataclass(frozen=True)
class _Spec:
    key: str
    kind: str
    title: dict[str, str]
    description: dict[str, str]
    components: list[str]
    sdgs: list[int]
    status: str
    starts_days: int  # days from today (negative: in the past)
    ends_days: int | None
    visibility: str
    budget: int | None = None
    funding: tuple[tuple[str, int], ...] = ()
    outcome: dict[str, str] | None = None
    answers_need: bool = False
    update: dict[str, str] | None = None


PROJECTS = (
    _Spec(
        key="yards",
        kind="community_service",
        title={
            "kk": "Аулалардағы балалар алаңдарын жөндеу",
            "ru": "Ремонт детских площадок во дворах",
            "en": "Repairing playgrounds in residential yards",
        },
        description={
            "kk": "Студенттер мен оқытушылар тұрғындармен бірге алаңдарды жөндейді.",
            "ru": "Студенты и преподаватели вместе с жителями ремонтируют площадки.",
            "en": "Students and staff repair playgrounds together with the residents.",
        },
        components=["educational", "spiritual_moral"],
        sdgs=[3, 11],
        status="running",
        starts_days=-60,
        ends_days=90,
        visibility=Visibility.PUBLIC,
        budget=1_500_000,
        funding=(("university", 500_000), ("akimat", 1_000_000)),
        answers_need=True,
        update={
            "kk": "Алғашқы екі алаң жөнделді",
            "ru": "Отремонтированы первые две площадки",
            "en": "The first two playgrounds are repaired",
        },
    ),
    _Spec(
        key="lectures",
        kind="outreach",
        title={
            "kk": "Мектеп оқушыларына арналған ғылыми дәрістер",
            "ru": "Научные лекции для школьников",
            "en": "Science lectures for schoolchildren",
        },
        description={
            "kk": "Оқытушылар қала мектептерінде ашық дәрістер оқиды.",
            "ru": "Преподаватели читают открытые лекции в школах города.",
            "en": "Lecturers give open lectures in the city's schools.",
        },
        components=["educational", "research"],
        sdgs=[4],
        status="finished",
        starts_days=-300,
        ends_days=-120,
        visibility=Visibility.PUBLIC,
        outcome={
            "kk": "12 мектепте 600-ден астам оқушы дәрістерге қатысты.",
            "ru": "Более 600 школьников из 12 школ посетили лекции.",
            "en": "More than 600 pupils from 12 schools attended the lectures.",
        },
    ),
    _Spec(
        key="consulting",
        kind="consulting",
        title={
            "kk": "Әкімдікке арналған көлік ағындарын талдау",
            "ru": "Анализ транспортных потоков для акимата",
            "en": "Traffic flow analysis for the akimat",
        },
        description={
            "kk": "Қала көшелеріндегі кептелістерді зерттеу және ұсыныстар.",
            "ru": "Исследование заторов на улицах города и рекомендации.",
            "en": "A study of congestion in the city's streets, with recommendations.",
        },
        components=["research", "innovation"],
        sdgs=[9, 11],
        status="planned",
        starts_days=30,
        ends_days=210,
        visibility=Visibility.PRIVATE,
        budget=3_000_000,
        funding=(("akimat", 3_000_000),),
    ),
)


def _values(spec: _Spec, community, lead_unit) -> dict:
    today = community.today
    values = {
        "kind": spec.kind,
        "components": list(spec.components),
        "sdgs": list(spec.sdgs),
        "status": spec.status,
        "starts_on": today + timedelta(days=spec.starts_days),
        "ends_on": today + timedelta(days=spec.ends_days) if spec.ends_days is not None else None,
        "visibility": spec.visibility,
        "lead_unit": lead_unit,
        "district": community.city.districts[0].name.kk if community.city.districts else "",
        "budget": spec.budget,
        "funding": [{"source": s, "amount": f"{a}.00"} for s, a in spec.funding],
        "beneficiaries": 40 if spec.status != "planned" else None,
        "beneficiary_groups": ["schoolchildren"] if spec.key != "consulting" else ["everyone"],
    }
    for code in ("kk", "ru", "en"):
        values[f"title_{code}"] = spec.title[code]
        values[f"description_{code}"] = spec.description[code]
        if spec.outcome:
            values[f"outcomes_{code}"] = spec.outcome[code]
    return values


def _members(university, role: str, count: int) -> list:
    memberships = (
        Membership.objects.filter(university=university, role=role)
        .select_related("user")
        .order_by("pk")[:count]
    )
    return [m.user for m in memberships]


def build_projects(community) -> None:
    """A few projects of `community.university`; idempotent (see the module docstring)."""
    university = community.university
    office = community.people["office"]
    lead_unit = community.tree.faculties[0] if community.tree.faculties else None
    if lead_unit is None:
        return
    existing = {p.title_kk: p for p in Project.objects.filter(university=university)}
    partner = (
        PartnerOrganisation.objects.filter(university=university, kind="akimat")
        .order_by("pk")
        .first()
    )
    staff = _members(university, Role.STAFF, 2)
    students = _members(university, Role.STUDENT, 3)
    for spec in PROJECTS:
        project = existing.get(spec.title["kk"])
        if project is None:
            needs = []
            if spec.answers_need:
                # A need already in progress: linking it adds a note to its public timeline
                # and leaves the needs' own demo states as they are.
                needs = list(
                    Need.objects.filter(
                        university=university, state=NeedState.IN_PROGRESS, is_hidden=False
                    ).order_by("pk")[:1]
                )
            project = services.create_project(
                actor=office,
                university=university,
                values=_values(spec, community, lead_unit),
                responsible=staff[:1],
                partners=[partner] if partner else [],
                needs=needs,
            )
            community.b.created["projects"] += 1
        taken = set(Participant.objects.filter(project=project).values_list("user_id", flat=True))
        people = [(u, "organiser", 20) for u in staff[:1]] + [
            (u, "volunteer", 8 + 4 * i) for i, u in enumerate(students)
        ]
        if spec.status == "planned":
            people = people[:1]
        for user, role, hours in people:
            if user.pk in taken:
                continue
            services.add_participant(
                actor=office, project=project, user=user, role=role, hours=hours
            )
            community.b.created["project participants"] += 1
        if (
            spec.update
            and not ProjectUpdate.objects.filter(
                project=project, title_kk=spec.update["kk"]
            ).exists()
        ):
            services.post_update(
                actor=office,
                project=project,
                on=community.today - timedelta(days=7),
                title=spec.update,
                body=spec.description,
            )
            community.b.created["project updates"] += 1
