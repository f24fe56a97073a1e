"""The network's 2019 conference, its resolution and the demo members' responses to it.

The International conference "New social dimension in the mission of higher education" was
held at L.N. Gumilyov Eurasian National University on 30 October 2019 (a plenary session and
three sections); its resolution recommended nine things to the country's universities. The
English texts are the resolution's own; the Kazakh and Russian ones are translations.

Written through the network's services: the conference and resolution as the network's
administrator, each response as its university's office, linking some of its demo strategy
measures and projects. A conference is its Kazakh title, a response its recommendation and
university; a second run writes nothing. Responses need active memberships, so this runs
after the demo's members are in the network; a university that is not an active member is
passed over.
"""

from datetime import date

from qogam.accounts.models import Membership, User
from qogam.core.enums import Role
from qogam.network.enums import ParticipantRole, ResponseStatus
from qogam.network.models import Conference, RecommendationResponse
from qogam.network.queries import active_member_ids
from qogam.network.services import conferences as services
from qogam.projects.models import Project
from qogam.strategy.models import Measure

HELD_ON = date(2019, 10, 30)
HOST = "L.N. Gumilyov Eurasian National University"

CONFERENCE = {
    "title_kk": "Жоғары білім миссиясындағы жаңа әлеуметтік өлшем",
    "title_ru": "Новое социальное измерение в миссии высшего образования",
    "title_en": "New social dimension in the mission of higher education",
    "description_kk": (
        "Халықаралық ғылыми-практикалық конференция. Мақсаты — жаһандық әлемдегі "
        "университеттердің орны тұрғысынан жоғары білімнің үшінші миссиясын талқылау және "
        "университеттерді ел дамуының қозғаушы күші ретінде қарастыру."
    ),
    "description_ru": (
        "Международная научно-практическая конференция. Цель — обсудить третью миссию "
        "высшего образования в контексте позиционирования университетов в глобальном мире и "
        "рассмотреть их как драйверы развития страны."
    ),
    "description_en": (
        "An international scientific and practical conference. The purpose of the conference "
        "was to discuss the third mission of higher education in the context of positioning "
        "universities in the global world and consider them as drivers in the development of "
        "the country."
    ),
    "place": "L.N. Gumilyov Eurasian National University, Astana",
    "starts_on": HELD_ON,
    "ends_on": HELD_ON,
    "is_public": True,
}

SECTIONS = [
    (
        "Пленарлық отырыс: үшінші миссияны іске асырудың халықаралық тәжірибесі",
        "Пленарное заседание: международный опыт реализации третьей миссии",
        "Plenary session: international experience of implementing the third mission",
    ),
    (
        "1-секция. Қазіргі әлемдегі жоғары білімнің үшінші миссиясы",
        "Секция 1. Третья миссия высшего образования в современном мире",
        "Section 1. The third mission of higher education in the modern world",
    ),
    (
        "2-секция. Қазақстан университеттерінің әлеуметтік жауапкершілігі",
        "Секция 2. Социальная ответственность казахстанских вузов",
        "Section 2. Social responsibility of Kazakhstan universities",
    ),
    (
        "3-секция. Университет, бизнес және қоғам",
        "Секция 3. Университет, бизнес и общество",
        "Section 3. The university, business and society",
    ),
]

RESOLUTION = {
    "title_kk": "«Жоғары білім миссиясындағы жаңа әлеуметтік өлшем» конференциясының қарары",
    "title_ru": "Резолюция конференции «Новое социальное измерение в миссии высшего образования»",
    "title_en": "Resolution of the conference “New social dimension in the mission of higher "
    "education”",
    "preamble_kk": (
        "Қарар министрліктерге, «Атамекен» Ұлттық кәсіпкерлер палатасына, Erasmus+ "
        "бағдарламасының Ұлттық кеңсесіне және Республиканың университеттеріне жіберілді. "
        "Жоғары оқу орындарына ұсынылды:"
    ),
    "preamble_ru": (
        "Резолюция направлена в министерства, Национальную палату предпринимателей "
        "«Атамекен», Национальный офис программы Erasmus+ и вузы Республики. Высшим учебным "
        "заведениям рекомендовано:"
    ),
    "preamble_en": (
        "As a result of the work, a resolution was adopted which was sent to the ministries, "
        "National Chamber of Entrepreneurs “Atameken”, National Office of Erasmus + Program, "
        "and universities of the Republic. It was recommended to the higher educational "
        "institutions:"
    ),
    "adopted_on": HELD_ON,
}

# The nine recommendations, in the resolution's order (kk, ru, en).
RECOMMENDATIONS = [
    (
        "жоғары білімнің үшінші миссиясын өз қызметінде іске асыру;",
        "реализовывать третью миссию высшего образования в своей деятельности;",
        "to implement the third mission of higher education in their activities;",
    ),
    (
        "жоғары оқу орындарының даму стратегиясына үшінші миссия аясында қоғаммен өзара "
        "іс-қимылға бағытталған шараларды енгізу;",
        "включить в стратегию развития вузов мероприятия, направленные на взаимодействие с "
        "обществом в рамках третьей миссии;",
        "to include in the development strategy of higher education institutions the measures "
        "aimed at interaction with the society in the framework of the third mission;",
    ),
    (
        "жоспарлы көрсеткіштер мен KPI жүйесіне қоғаммен өзара іс-қимылды дамытуға ықпал "
        "ететін көрсеткіштерді енгізу;",
        "включить в систему плановых показателей и KPI показатели, способствующие развитию "
        "взаимодействия с обществом;",
        "to include in the system of planned indicators and KPI indicators, which contribute to "
        "the development of interaction with society;",
    ),
    (
        "жоғары білімнің үшінші миссиясына адалдық мәдениетін қалыптастыру шараларын қабылдау: "
        "біліктілік профильдерін қайта қарап, оқытушылардың кәсіби міндеттерін үшінші "
        "миссияны іске асыратын функциялармен толықтыру;",
        "принять меры по формированию культуры приверженности третьей миссии высшего "
        "образования: пересмотреть квалификационные профили и дополнить профессиональные "
        "обязанности преподавателей функциями, реализующими третью миссию;",
        "take action to foster a culture of commitment to the third mission of higher "
        "education: review the qualifications profiles and complement the professional "
        "assignments of the faculty with functions that implement the third mission;",
    ),
    (
        "студенттер арасында еріктілер қозғалысын жан-жақты дамыту, еріктілік мәдениетін "
        "насихаттау, оны оқу үдерісімен байланыстырып, білім беру бағдарламалары мен "
        "білім беру қызметінде көрсету;",
        "всемерно развивать волонтёрское движение среди студентов, продвигать культуру "
        "волонтёрства, связать его с учебным процессом и отразить в образовательных "
        "программах и образовательной деятельности;",
        "fully develop the volunteer movement among students, promote a culture of "
        "volunteerism, link it to the academic process and reflect it in educational "
        "programmes and educational activities;",
    ),
    (
        "жергілікті атқарушы органдармен, өңірлік бизнес құрылымдарымен белсенді "
        "ынтымақтасып, өңірдің өзекті мәселелерін шешуге күш біріктіру, оның ішінде диалог "
        "алаңы ретінде әрекет ету;",
        "активно сотрудничать с местными исполнительными органами, региональными "
        "бизнес-структурами, объединяя усилия для решения актуальных проблем региона, в том "
        "числе выступая диалоговой площадкой;",
        "actively cooperate with local executive bodies, regional business structures, joining "
        "efforts aimed at solving urgent problems in the region, including acting as a "
        "dialogue platform;",
    ),
    (
        "ОӘК отырыстарына еңбек нарығының, мемлекеттік және жергілікті басқару органдарының "
        "өкілдерін шақыру;",
        "приглашать на заседания УМС представителей рынка труда, органов государственного и "
        "местного управления;",
        "to invite representatives of the labour market and state and local government bodies "
        "to REMC meetings;",
    ),
    (
        "университеттің қоғаммен өзара іс-қимыл тәжірибесін бұқаралық ақпарат құралдарында, "
        "университет сайттарында және әлеуметтік желілерде кеңінен жариялауды қамтамасыз ету;",
        "обеспечить широкое освещение практики взаимодействия университета с обществом в "
        "средствах массовой информации, на сайтах университетов и в социальных сетях;",
        "ensure wide coverage of the University’s practice of interaction with society through "
        "mass media, University websites and social networks;",
    ),
    (
        "қаланың, өңірдің дамуы бойынша зерттеулер жүргізу.",
        "проводить исследования по развитию города, региона.",
        "to conduct research on the development of the city, region.",
    ),
]

P, G, D, N = (
    ResponseStatus.PLANNED,
    ResponseStatus.IN_PROGRESS,
    ResponseStatus.IMPLEMENTED,
    ResponseStatus.NOT_APPLICABLE,
)
# Each demo university's status for recommendations 1–9: a mix, as a real network shows.
STATUSES = {
    "almaty-state": [D, D, G, D, G, D, P, D, G],
    "astana-tech": [D, G, P, G, D, D, G, G, P],
    "shymkent-agrarian": [G, P, P, N, G, D, P, G, N],
}
# Which recommendations cite strategy measures, and which cite projects, as evidence.
WITH_MEASURES = {2, 3, 4}
WITH_PROJECTS = {5, 6, 9}

NOTES = {
    D: (
        "Орындалды; дәлелдері төменде.",
        "Выполнено; подтверждения ниже.",
        "Done; the evidence is linked below.",
    ),
    G: (
        "Жұмыс жүріп жатыр; стратегиядағы шараларға енгізілді.",
        "Работа идёт; включено в мероприятия стратегии.",
        "Under way; part of the measures of our strategy.",
    ),
    P: (
        "Келесі оқу жылына жоспарланды.",
        "Запланировано на следующий учебный год.",
        "Planned for the next academic year.",
    ),
    N: (
        "Университеттің бейініне сәйкес келмейді.",
        "Не соответствует профилю университета.",
        "Does not fit the university's profile.",
    ),
}


def _texts(field: str, values: tuple[str, str, str]) -> dict[str, str]:
    return dict(zip((f"{field}_kk", f"{field}_ru", f"{field}_en"), values, strict=True))


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


def _conference(builder, network_admin: User, universities: dict) -> Conference:
    conference = Conference.objects.filter(title_kk=CONFERENCE["title_kk"]).first()
    if conference is not None:
        return conference
    conference = services.create_conference(actor=network_admin, values=CONFERENCE)
    builder.created["conferences"] += 1
    sections = []
    for texts in SECTIONS:
        sections.append(
            services.add_section(
                actor=network_admin, conference=conference, values=_texts("title", texts)
            )
        )
        builder.created["conference sections"] += 1
    participants = [
        {"name": HOST, "organisation": HOST, "role": ParticipantRole.ORGANISER},
    ]
    # Each demo university sent its administrator to a section, one section each.
    for index, university in enumerate(universities.values()):
        admin = (
            Membership.objects.filter(university=university, role=Role.UNIVERSITY_ADMIN)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if admin is None:
            continue
        participants.append(
            {
                "name": admin.user.full_name or admin.user.email,
                "university": university,
                "role": ParticipantRole.SPEAKER,
                "section": sections[1 + index % (len(sections) - 1)],
            }
        )
    for values in participants:
        services.add_participant(actor=network_admin, conference=conference, values=values)
        builder.created["conference participants"] += 1
    services.adopt_resolution(
        actor=network_admin,
        conference=conference,
        values=RESOLUTION,
        recommendations=[_texts("text", texts) for texts in RECOMMENDATIONS],
    )
    builder.created["resolutions"] += 1
    builder.created["recommendations"] += len(RECOMMENDATIONS)
    return conference


def _responses(builder, conference: Conference, universities: dict) -> None:
    members = active_member_ids()
    recommendations = list(conference.resolutions.get().recommendations.all())
    for slug, university in universities.items():
        statuses = STATUSES.get(slug)
        office = _office_of(university)
        if statuses is None or office is None or university.pk not in members:
            continue
        answered = set(
            RecommendationResponse.objects.filter(
                university=university, recommendation__in=recommendations
            ).values_list("recommendation_id", flat=True)
        )
        # Its own strategy's measures, not the network template the secretariat keeps.
        measures = list(
            Measure.objects.filter(university=university, strategy__is_template=False).order_by(
                "pk"
            )[:2]
        )
        projects = list(Project.objects.filter(university=university).order_by("pk")[:2])
        for recommendation, status in zip(recommendations, statuses, strict=True):
            if recommendation.pk in answered:
                continue
            cites = status != ResponseStatus.NOT_APPLICABLE
            note = dict(zip(("kk", "ru", "en"), NOTES[status], strict=True))
            services.record_response(
                actor=office,
                recommendation=recommendation,
                university=university,
                status=status,
                # The office writes in its own language.
                note=note.get(office.language, note["kk"]),
                measures=measures if cites and recommendation.number in WITH_MEASURES else [],
                projects=projects if cites and recommendation.number in WITH_PROJECTS else [],
            )
            builder.created["responses to recommendations"] += 1


def build_conferences(builder, *, universities: dict, network_admin: User) -> None:
    """The 2019 conference with its resolution, and each demo member's responses.

    `universities` maps the demo's slugs to universities; `network_admin` is the network's
    demo administrator. Counts go to builder.created under "conferences", "conference
    sections", "conference participants", "resolutions", "recommendations" and "responses to
    recommendations".
    """
    conference = _conference(builder, network_admin, universities)
    _responses(builder, conference, universities)
