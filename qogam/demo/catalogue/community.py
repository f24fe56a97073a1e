"""Each university's city, its partner organisations and agreements, and its residents' needs.

Every organisation here is invented, although they are named the way such bodies are named in
Kazakhstan. One partner has no English name on purpose (the NGO in Almaty), so partner pages
show the visible fallback too. A resident writes a need in one language, Kazakh or Russian.
"""

from dataclasses import dataclass

from qogam.demo.catalogue import NO_SHORT_NAME, Text
from qogam.needs.enums import AffectedGroup, NeedCategory, NeedState, Urgency
from qogam.partners.enums import AgreementKind, OrganisationKind, Region


@dataclass(frozen=True)
class District:
    name: Text
    # Offset of the district's centre from the city's, in degrees (north, east).
    offset: tuple[float, float]


@dataclass(frozen=True)
class CitySpec:
    region: str
    name: Text
    latitude: float
    longitude: float
    # The telephone area code, for believable numbers: +7 (727) 3xx-xx-xx.
    phone_code: str
    districts: tuple[District, ...]
    business: Text
    business_short: Text
    ngo: Text
    ngo_short: Text
    media: Text


@dataclass(frozen=True)
class PartnerSpec:
    key: str
    kind: str
    name: Text
    short_name: Text
    district: int  # index into the city's districts
    visibility: str = "public"
    website: str = ""
    description: Text = NO_SHORT_NAME


@dataclass(frozen=True)
class AgreementSpec:
    partner: str  # PartnerSpec.key
    kind: str
    title: Text
    # "active", "expiring", "expired", "draft", "terminated" or "open-ended".
    status: str
    unit: str  # "faculty", "department" or "office"


@dataclass(frozen=True)
class NeedSpec:
    title: str
    description: str
    language: str
    category: str
    affected_group: str
    urgency: str
    district: int
    state: str
    # Who posts it: "resident" (a signed-in person), "anonymous" (an e-mail address) or
    # "partner" (the partner login, for the city akimat it represents).
    poster: str = "resident"
    # Who accepts it: the coordinator for "faculty", the office for "department".
    unit: str = "faculty"
    report: Text = NO_SHORT_NAME
    decline_reason: Text = NO_SHORT_NAME
    note: Text = NO_SHORT_NAME
    rejection_reason: str = ""
    comments: tuple[tuple[str, str], ...] = ()  # (language, text)
    sdgs: tuple[int, ...] = ()


def _d(kk: str, ru: str, en: str, north: float, east: float) -> District:
    return District(Text(kk, ru, en), (north, east))


CITIES: dict[str, CitySpec] = {
    "almaty-state": CitySpec(
        region=Region.ALMATY_CITY,
        name=Text("Алматы", "Алматы", "Almaty"),
        latitude=43.2389,
        longitude=76.8897,
        phone_code="727",
        districts=(
            _d("Бостандық", "Бостандыкский", "Bostandyk", -0.02, 0.0),
            _d("Алмалы", "Алмалинский", "Almaly", 0.01, 0.01),
            _d("Әуезов", "Ауэзовский", "Auezov", -0.01, -0.06),
            _d("Медеу", "Медеуский", "Medeu", 0.0, 0.06),
            _d("Түрксіб", "Турксибский", "Turksib", 0.1, 0.05),
            _d("Алатау", "Алатауский", "Alatau", 0.05, -0.1),
        ),
        business=Text(
            "«Алатау Агро Логистика» ЖШС",
            "ТОО «Алатау Агро Логистика»",
            "Alatau Agro Logistics LLP",
        ),
        business_short=Text("Алатау Агро", "Алатау Агро", "Alatau Agro"),
        # No English name, on purpose: the partner pages show the fallback to Kazakh.
        ngo=Text("«Жасыл Алатау» қоғамдық қоры", "Общественный фонд «Зелёный Алатау»", ""),
        ngo_short=Text("Жасыл Алатау", "Зелёный Алатау", ""),
        media=Text(
            "«Алатау Ақпарат» желілік басылымы", "Сетевое издание «Алатау Инфо»", "Alatau Info"
        ),
    ),
    "astana-tech": CitySpec(
        region=Region.ASTANA,
        name=Text("Астана", "Астана", "Astana"),
        latitude=51.1282,
        longitude=71.4304,
        phone_code="7172",
        districts=(
            _d("Есіл", "Есильский", "Yesil", -0.03, 0.0),
            _d("Алматы", "Алматинский", "Almaty", 0.02, 0.06),
            _d("Сарыарқа", "Сарыаркинский", "Saryarka", 0.04, -0.02),
            _d("Байқоңыр", "Байконурский", "Baikonur", 0.05, 0.03),
            _d("Нұра", "Нуринский", "Nura", -0.06, -0.04),
        ),
        business=Text("«Есіл Смарт Сити» ЖШС", "ТОО «Есиль Смарт Сити»", "Yesil Smart City LLP"),
        business_short=Text("Есіл Смарт Сити", "Есиль Смарт Сити", "Yesil Smart City"),
        ngo=Text(
            "«Бірге» еріктілер қауымдастығы",
            "Ассоциация волонтёров «Бирге»",
            "Birge Volunteers Association",
        ),
        ngo_short=Text("Бірге", "Бирге", "Birge"),
        media=Text("«Елорда Таңы» газеті", "Газета «Утро столицы»", "Capital Morning newspaper"),
    ),
    "shymkent-agrarian": CitySpec(
        region=Region.SHYMKENT,
        name=Text("Шымкент", "Шымкент", "Shymkent"),
        latitude=42.3155,
        longitude=69.5869,
        phone_code="7252",
        districts=(
            _d("Әл-Фараби", "Аль-Фарабийский", "Al-Farabi", 0.0, 0.0),
            _d("Абай", "Абайский", "Abai", 0.03, -0.04),
            _d("Еңбекші", "Енбекшинский", "Enbekshi", -0.02, 0.04),
            _d("Қаратау", "Каратауский", "Karatau", 0.06, 0.02),
            _d("Тұран", "Туранский", "Turan", -0.05, -0.05),
        ),
        business=Text("«Оңтүстік Агро» ЖШС", "ТОО «Онтустик Агро»", "Ontustik Agro LLP"),
        business_short=Text("Оңтүстік Агро", "Онтустик Агро", "Ontustik Agro"),
        ngo=Text(
            "«Таза су» экологиялық қоғамдық бірлестігі",
            "Экологическое общественное объединение «Таза су»",
            "Taza Su Environmental Association",
        ),
        ngo_short=Text("Таза су", "Таза су", "Taza Su"),
        media=Text("«Оңтүстік Таңы» телеарнасы", "Телеканал «Онтустик Таны»", "Ontustik Tany TV"),
    ),
}


def partners_of(city: CitySpec) -> tuple[PartnerSpec, ...]:
    """The ten partners every demo university has, named for its own city."""
    c = city.name
    home = city.districts[0].name
    return (
        PartnerSpec(
            "akimat:city",
            OrganisationKind.AKIMAT,
            Text(f"{c.kk} қаласының әкімдігі", f"Акимат города {c.ru}", f"Akimat of {c.en} City"),
            Text(f"{c.kk} әкімдігі", f"Акимат {c.ru}", f"{c.en} Akimat"),
            0,
            description=Text(
                "Қаланың жергілікті атқарушы органы. Демо деректер.",
                "Местный исполнительный орган города. Демо-данные.",
                "The city's local executive body. Demo data.",
            ),
        ),
        PartnerSpec(
            "akimat:district",
            OrganisationKind.AKIMAT,
            Text(
                f"{c.kk} қаласы {home.kk} ауданының әкімдігі",
                f"Акимат {home.ru} района города {c.ru}",
                f"Akimat of {home.en} District, {c.en}",
            ),
            NO_SHORT_NAME,
            0,
        ),
        PartnerSpec(
            "chamber",
            OrganisationKind.CHAMBER,
            Text(
                f"Кәсіпкерлер палатасының {c.kk} қалалық филиалы",
                f"Филиал палаты предпринимателей по городу {c.ru}",
                f"Chamber of Entrepreneurs, {c.en} City Branch",
            ),
            Text("Кәсіпкерлер палатасы", "Палата предпринимателей", "Chamber of Entrepreneurs"),
            1,
        ),
        PartnerSpec("business", OrganisationKind.BUSINESS, city.business, city.business_short, 4),
        PartnerSpec("ngo", OrganisationKind.NGO, city.ngo, city.ngo_short, 2),
        PartnerSpec(
            "school:lyceum",
            OrganisationKind.SCHOOL,
            Text(
                "№ 38 дарынды балаларға арналған мамандандырылған лицей",
                "Специализированный лицей для одарённых детей № 38",
                "Specialised Lyceum for Gifted Children No. 38",
            ),
            Text("№ 38 лицей", "Лицей № 38", "Lyceum No. 38"),
            2,
        ),
        PartnerSpec(
            "school:general",
            OrganisationKind.SCHOOL,
            Text(
                "№ 112 жалпы білім беретін мектеп",
                "Общеобразовательная школа № 112",
                "Secondary School No. 112",
            ),
            NO_SHORT_NAME,
            3,
        ),
        PartnerSpec(
            "hospital",
            OrganisationKind.HOSPITAL,
            Text(
                "№ 4 қалалық клиникалық аурухана",
                "Городская клиническая больница № 4",
                "City Clinical Hospital No. 4",
            ),
            Text("№ 4 ҚКА", "ГКБ № 4", "CCH No. 4"),
            1,
        ),
        PartnerSpec("media", OrganisationKind.MEDIA, city.media, NO_SHORT_NAME, 1),
        PartnerSpec(
            "college",
            OrganisationKind.SCHOOL,
            Text(
                f"{c.kk} жоғары политехникалық колледжі",
                f"Высший политехнический колледж города {c.ru}",
                f"{c.en} Higher Polytechnic College",
            ),
            NO_SHORT_NAME,
            4,
            visibility="network",
        ),
    )


# Every status an agreement can have, with the units that take part.
AGREEMENTS: tuple[AgreementSpec, ...] = (
    AgreementSpec(
        "akimat:city",
        AgreementKind.MEMORANDUM,
        Text(
            "Қала дамуы жөніндегі өзара түсіністік туралы меморандум",
            "Меморандум о взаимопонимании по развитию города",
            "Memorandum of understanding on the city's development",
        ),
        "active",
        "faculty",
    ),
    AgreementSpec(
        "chamber",
        AgreementKind.COOPERATION,
        Text(
            "Жас кәсіпкерлерді қолдау туралы ынтымақтастық келісімі",
            "Соглашение о сотрудничестве по поддержке молодых предпринимателей",
            "Cooperation agreement on supporting young entrepreneurs",
        ),
        "expiring",
        "department",
    ),
    AgreementSpec(
        "business",
        AgreementKind.INTERNSHIP_BASE,
        Text(
            "Студенттердің өндірістік практикасы туралы шарт",
            "Договор о производственной практике студентов",
            "Agreement on students' work placements",
        ),
        "expired",
        "department",
    ),
    AgreementSpec(
        "ngo",
        AgreementKind.CONTRACT,
        Text(
            "Еріктілер бағдарламасын бірлесіп өткізу туралы шарт",
            "Договор о совместной волонтёрской программе",
            "Contract for a joint volunteering programme",
        ),
        "draft",
        "office",
    ),
    AgreementSpec(
        "media",
        AgreementKind.COOPERATION,
        Text(
            "Ақпараттық серіктестік туралы келісім",
            "Соглашение об информационном партнёрстве",
            "Agreement on media partnership",
        ),
        "terminated",
        "office",
    ),
    AgreementSpec(
        "hospital",
        AgreementKind.INTERNSHIP_BASE,
        Text(
            "Клиникалық база туралы мерзімсіз шарт",
            "Бессрочный договор о клинической базе",
            "Open-ended agreement on a clinical base",
        ),
        "open-ended",
        "faculty",
    ),
)

CONTACT_POSITIONS = {
    "kk": ("Бөлім басшысы", "Бас маман", "Директордың орынбасары", "Жобалар үйлестірушісі"),
    "ru": ("Руководитель отдела", "Главный специалист", "Заместитель директора", "Координатор"),
}

_REPORT_PLAYGROUND = Text(
    "Құрылыс факультетінің студенттері ауладағы алаңды жөндеп, екі әткеншек пен орындық "
    "орнатты. Жұмысқа 24 ерікті қатысты.",
    "Студенты строительного факультета отремонтировали дворовую площадку, поставили две "
    "качели и скамейки. В работе участвовали 24 волонтёра.",
    "Engineering students repaired the courtyard playground and put up two swings and "
    "benches. 24 volunteers took part.",
)
_REPORT_DUMP = Text(
    "Экология клубы аудандық әкімдікпен бірге жағалауды тазалады: 3,5 тонна қоқыс шығарылды, "
    "ескерту тақталары орнатылды.",
    "Экоклуб вместе с акиматом района очистил берег: вывезено 3,5 тонны мусора, "
    "установлены предупреждающие таблички.",
    "The eco club and the district akimat cleared the riverbank: 3.5 tonnes of rubbish "
    "removed and warning signs put up.",
)

NEEDS: tuple[NeedSpec, ...] = (
    NeedSpec(
        "Ауладағы балалар алаңы жөндеуді қажет етеді",
        "Біздің көп қабатты үйлердің ауласындағы балалар алаңының әткеншектері сынған, "
        "орындықтары жоқ. Балалар жолдың жанында ойнайды. Студенттер жобасы ретінде "
        "жөндеуге көмектесе аласыздар ма?",
        "kk",
        NeedCategory.INFRASTRUCTURE,
        AffectedGroup.SCHOOLCHILDREN,
        Urgency.HIGH,
        district=2,
        state=NeedState.ADDRESSED,
        report=_REPORT_PLAYGROUND,
        comments=(("kk", "Рахмет! Балалар енді ауладан шықпайды."),),
        sdgs=(11,),
    ),
    NeedSpec(
        "Стихийная свалка у арыка на окраине района",
        "Вдоль арыка за гаражами уже год копится мусор: пластик, старая мебель, строительные "
        "отходы. Летом запах, весной всё уносит водой. Нужна уборка и таблички.",
        "ru",
        NeedCategory.ENVIRONMENT,
        AffectedGroup.EVERYONE,
        Urgency.MEDIUM,
        district=4,
        state=NeedState.ADDRESSED,
        unit="department",
        report=_REPORT_DUMP,
        comments=(
            ("ru", "Спасибо экоклубу, берег не узнать."),
            ("kk", "Келесі көктемде тағы бір сенбілік өткізейік."),
        ),
        sdgs=(6, 11, 15),
    ),
    NeedSpec(
        "Мектепке робототехника үйірмесінің жетекшісі керек",
        "Мектебімізде робототехника жиынтықтары бар, бірақ сабақ беретін маман жоқ. "
        "Апта сайын екі сабақ өткізетін студент-тәлімгерлер керек.",
        "kk",
        NeedCategory.EDUCATION,
        AffectedGroup.SCHOOLCHILDREN,
        Urgency.MEDIUM,
        district=3,
        state=NeedState.IN_PROGRESS,
        note=Text(
            "Бес студент-тәлімгер іріктелді; сабақтар қазанда басталады.",
            "Отобраны пять студентов-наставников; занятия начнутся в октябре.",
            "Five student mentors have been chosen; classes start in October.",
        ),
        sdgs=(4,),
    ),
    NeedSpec(
        "Исследование занятости выпускников колледжей города",
        "Акимат просит провести исследование: где работают выпускники колледжей через год "
        "после выпуска и каких специалистов не хватает работодателям города.",
        "ru",
        NeedCategory.ECONOMY,
        AffectedGroup.YOUTH,
        Urgency.MEDIUM,
        district=0,
        state=NeedState.ACCEPTED,
        poster="partner",
        unit="department",
        note=Text(
            "Кафедра зерттеудің жоспарын акимдікпен келісуде.",
            "Кафедра согласует план исследования с акиматом.",
            "The department is agreeing the study's plan with the akimat.",
        ),
        sdgs=(8,),
    ),
    NeedSpec(
        "Первая помощь: курсы для родителей малышей",
        "Молодые мамы нашего микрорайона просят бесплатные занятия по первой помощи детям: "
        "что делать при ожоге, удушье, высокой температуре.",
        "ru",
        NeedCategory.HEALTH,
        AffectedGroup.FAMILIES,
        Urgency.LOW,
        district=1,
        state=NeedState.DECLINED,
        decline_reason=Text(
            "Университетте медицина факультеті жоқ. Өтінішті қалалық емханаға жібердік; "
            "олар ай сайын тегін курс өткізеді.",
            "В университете нет медицинского факультета. Мы передали запрос в городскую "
            "поликлинику: она проводит бесплатные курсы каждый месяц.",
            "The university has no medical faculty. We passed the request to the city "
            "polyclinic, which runs free courses every month.",
        ),
    ),
    NeedSpec(
        "Қарттарға электрондық үкімет қызметтерін үйрету",
        "Зейнеткерлер eGov арқылы анықтама алуды, дәрігерге жазылуды білмейді. Аптасына бір "
        "рет кітапханада көмектесетін еріктілер керек.",
        "kk",
        NeedCategory.DIGITAL,
        AffectedGroup.ELDERLY,
        Urgency.MEDIUM,
        district=0,
        state=NeedState.PUBLISHED,
        comments=(("kk", "Менің әжем де осындай көмекке мұқтаж."),),
        sdgs=(4, 10),
    ),
    NeedSpec(
        "Пандусы на остановках нашей улицы",
        "На трёх остановках по нашей улице высокие бордюры, на коляске не подняться. "
        "Просим студентов-архитекторов сделать обследование доступности для акимата.",
        "ru",
        NeedCategory.INFRASTRUCTURE,
        AffectedGroup.DISABILITIES,
        Urgency.HIGH,
        district=3,
        state=NeedState.IN_MODERATION,
    ),
    NeedSpec(
        "Бездомные собаки у школы",
        "Утром у ворот школы собираются стаи собак, дети боятся идти на уроки.",
        "ru",
        NeedCategory.SOCIAL_SUPPORT,
        AffectedGroup.SCHOOLCHILDREN,
        Urgency.HIGH,
        district=5,
        state=NeedState.SUBMITTED,
        poster="anonymous",
    ),
    NeedSpec(
        "Көшеге ағаш отырғызу",
        "Біздің көшеде бірде-бір ағаш жоқ. Жазда өте ыстық.",
        "kk",
        NeedCategory.ENVIRONMENT,
        AffectedGroup.EVERYONE,
        Urgency.LOW,
        district=4,
        state=NeedState.REJECTED,
        rejection_reason="Осы көше бойынша жаңа ғана жарияланған өтініш бар; соған қолдау "
        "білдіріңіз.",
    ),
    NeedSpec(
        "Жастарға арналған кітапхана оқу залы кешке дейін ашық болсын",
        "Аудандық кітапхана 18:00-де жабылады, студенттер мен мектеп оқушыларына кешкі "
        "уақытта дайындалатын тыныш орын керек.",
        "kk",
        NeedCategory.CULTURE,
        AffectedGroup.YOUTH,
        Urgency.LOW,
        district=1,
        state=NeedState.PUBLISHED,
        sdgs=(4,),
    ),
    NeedSpec(
        "Консультации по налогам для начинающих предпринимателей",
        "Многие в нашем районе открыли ИП и не понимают, как сдавать отчётность. Нужны "
        "бесплатные консультации студентов-экономистов с преподавателем.",
        "ru",
        NeedCategory.ECONOMY,
        AffectedGroup.SMES,
        Urgency.MEDIUM,
        district=2,
        state=NeedState.ACCEPTED,
        unit="department",
        sdgs=(8,),
    ),
    NeedSpec(
        "Түлектерге кәсіптік бағдар беру кездесулері",
        "Ауыл мектептерінің түлектері қандай мамандық таңдау керектігін білмейді. "
        "Университет оқытушылары мен студенттерінің кездесулері керек.",
        "kk",
        NeedCategory.EDUCATION,
        AffectedGroup.RURAL,
        Urgency.MEDIUM,
        district=5,
        state=NeedState.IN_PROGRESS,
        sdgs=(4, 8),
    ),
)

# Topics for the extra needs a larger scale asks for, as (language, title, category, group).
_E = AffectedGroup
EXTRA_NEED_TOPICS: tuple[tuple[str, str, str, str], ...] = (
    ("kk", "Аула жарығын жөндеу", NeedCategory.INFRASTRUCTURE, AffectedGroup.EVERYONE),
    ("ru", "Кружок программирования для подростков", NeedCategory.DIGITAL, AffectedGroup.YOUTH),
    ("kk", "Көпбалалы отбасыларға репетиторлық көмек", NeedCategory.EDUCATION, _E.FAMILIES),
    ("ru", "Сортировка мусора во дворах", NeedCategory.ENVIRONMENT, AffectedGroup.EVERYONE),
    ("kk", "Ауылдық клубта мәдени кештер", NeedCategory.CULTURE, AffectedGroup.RURAL),
    ("ru", "Юридические консультации для пожилых", NeedCategory.SOCIAL_SUPPORT, _E.ELDERLY),
)  # fmt: skip
