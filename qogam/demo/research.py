"""A demo university's regional studies and science-shop topics.

Written through the research services, so permissions, checks and the audit trail are the
real ones; the acting person is the university's demo office login, the supervisor its
coordinator. Natural keys make a second run write nothing: a study is its university and
Kazakh title, a topic its need and Kazakh text. Small on purpose: three studies and two
topics per university, the second taken by a demo student and completed with a summary that
shows on its need's public timeline.
"""

from datetime import timedelta

from qogam.accounts.models import Membership
from qogam.core.enums import Role, Visibility
from qogam.core.tenancy import university_scope
from qogam.demo.catalogue import Text
from qogam.needs.enums import PUBLIC_STATES
from qogam.needs.models import Need
from qogam.partners.enums import OrganisationKind
from qogam.partners.models import PartnerOrganisation
from qogam.research import services
from qogam.research.enums import StudyStatus, Uptake
from qogam.research.models import ResearchQuestion, Study

STUDIES = (
    (
        Text(
            "Қаланың қоғамдық көлігінің қолжетімділігі",
            "Доступность общественного транспорта города",
            "Accessibility of the city's public transport",
        ),
        Text(
            "Аялдамалар мен бағыттардың мүмкіндігі шектеулі адамдарға қолжетімділігін бағалау.",
            "Оценка доступности остановок и маршрутов для людей с инвалидностью.",
            "An assessment of how accessible stops and routes are for people with disabilities.",
        ),
        StudyStatus.COMPLETED,
        [10, 11],
    ),
    (
        Text(
            "Облыстағы жастардың жұмыспен қамтылуы",
            "Занятость молодёжи в области",
            "Youth employment in the region",
        ),
        Text(
            "Түлектердің жұмысқа орналасуы мен өңірде қалуын талдау.",
            "Анализ трудоустройства выпускников и их закрепления в регионе.",
            "An analysis of graduates' employment and whether they stay in the region.",
        ),
        StudyStatus.ONGOING,
        [4, 8],
    ),
    (
        Text(
            "Қала ауасының сапасын бақылау",
            "Мониторинг качества воздуха в городе",
            "Monitoring the city's air quality",
        ),
        Text(
            "Аудандардағы ауа сапасының датчиктер желісі.",
            "Сеть датчиков качества воздуха по районам.",
            "A network of air-quality sensors across the districts.",
        ),
        StudyStatus.PLANNED,
        [3, 11, 13],
    ),
)
UPTAKE_NOTE = Text(
    "Әкімдік үш ұсыныстың екеуін қалалық көлік бағдарламасына енгізді.",
    "Акимат включил две из трёх рекомендаций в городскую транспортную программу.",
    "The akimat put two of the three recommendations into the city transport programme.",
)
TOPICS = (
    Text(
        "Осы қажеттілікті шешудің тиімді жолдары: аудандағы тұрғындар сауалнамасы",
        "Эффективные пути решения этой потребности: опрос жителей района",
        "Ways to meet this need: a survey of the district's residents",
    ),
    Text(
        "Мәселенің себептері мен ауқымы: деректерді талдау",
        "Причины и масштаб проблемы: анализ данных",
        "Causes and scale of the problem: a data analysis",
    ),
)
SUMMARY = Text(
    "Студент 120 тұрғынмен сөйлесті: көпшілігі кешкі жарықтандыру мен қауіпсіз өткелдерді сұрайды.",
    "Студент опросил 120 жителей: большинство просят вечернее освещение и безопасные переходы.",
    "The student surveyed 120 residents: most ask for lighting in the evening and safe crossings.",
)


def _texts(text: Text) -> dict[str, str]:
    return {"kk": text.kk, "ru": text.ru, "en": text.en}


def _student(university):
    membership = (
        Membership.objects.filter(university=university, role=Role.STUDENT)
        .select_related("user")
        .order_by("user__email")
        .first()
    )
    return membership.user if membership else None


def build_research(community) -> None:
    university = community.university
    office = community.people["office"]
    supervisor = community.people["coordinator"]
    tree = community.tree
    with university_scope(university):
        partners = list(PartnerOrganisation.objects.filter(university=university).order_by("pk"))
        akimat = next((p for p in partners if p.kind == OrganisationKind.AKIMAT), None)
        needs = list(
            Need.objects.filter(
                university=university,
                state__in=PUBLIC_STATES,
                is_hidden=False,
                visibility=Visibility.PUBLIC,
            ).order_by("pk")[:2]
        )
        have = set(Study.objects.filter(university=university).values_list("title_kk", flat=True))
        student = _student(university)
    units = tree.faculties or tree.workplaces
    for number, (title, abstract, status, sdgs) in enumerate(STUDIES):
        if title.kk in have:
            continue
        starts = community.today - timedelta(days=400 - 150 * number)
        study = services.save_study(
            actor=office,
            university=university,
            values={
                **title.columns("title"),
                **abstract.columns("abstract"),
                "lead_unit": units[number % len(units)],
                "partner": akimat if number == 0 else None,
                "sdgs": sdgs,
                "starts_on": starts,
                "ends_on": starts + timedelta(days=300),
                "status": status,
                "visibility": Visibility.PUBLIC,
                "external_authors": "Akimat analytics department" if number == 0 else "",
            },
            needs=needs[:1] if number == 0 else [],
        )
        community.b.created["studies"] += 1
        if status == StudyStatus.COMPLETED:
            services.add_output(
                actor=office,
                study=study,
                values={
                    "kind": "policy_brief",
                    **title.columns("title"),
                    "url": f"https://{community.slug}.example.kz/research/transport-brief",
                    "published_on": starts + timedelta(days=310),
                },
            )
            services.record_uptake(
                actor=office,
                study=study,
                uptake=Uptake.PARTLY,
                note=_texts(UPTAKE_NOTE),
                on=starts + timedelta(days=360),
            )
    with university_scope(university):
        existing = set(
            ResearchQuestion.objects.filter(university=university).values_list(
                "need_id", "question_kk"
            )
        )
    for number, need in enumerate(needs):
        topic = TOPICS[number % len(TOPICS)]
        if (need.pk, topic.kk) in existing:
            continue
        question = services.create_question(
            actor=office,
            need=need,
            values={
                **topic.columns("question"),
                "kind": "bachelor_thesis" if number == 0 else "research_question",
                "unit": units[0],
                "supervisor": supervisor,
                "visibility": Visibility.PUBLIC,
            },
        )
        community.b.created["research_topics"] += 1
        if number == 1 and student is not None:
            taker = services.take_question(actor=student, question=question)
            services.confirm_taker(actor=supervisor, taker=taker)
            services.complete_question(
                actor=supervisor,
                question=question,
                summary=_texts(SUMMARY),
            )
