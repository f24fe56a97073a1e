"""The network, its three fictional universities, their demo logins and invitations."""

from dataclasses import dataclass

from qogam.core.enums import Role
from qogam.demo.catalogue import Text
from qogam.demo.catalogue.units import UnitSpec
from qogam.organisations.enums import UnitKind

NETWORK_NAME = Text(
    "Университеттердің әлеуметтік жауапкершілігі жөніндегі Дала желісі",
    "Степная сеть социальной ответственности университетов",
    "Steppe Network for University Social Responsibility",
)
NETWORK_DESCRIPTION = Text(
    "Қазақстан университеттерінің үшінші миссия бойынша тәжірибе алмасу, ортақ "
    "көрсеткіштерді салыстыру және бірлескен жобалар жүргізу желісі. Демо деректер.",
    "Сеть университетов Казахстана для обмена практиками третьей миссии, сравнения общих "
    "показателей и совместных проектов. Демо-данные.",
    "A network of Kazakhstan's universities that share third-mission practice, compare "
    "common indicators and run joint projects. Demo data.",
)


@dataclass(frozen=True)
class LoginSpec:
    """A demo login: `<local>@<university>.demo.qogam.kz`, one per role."""

    local: str
    role: str
    full_name: str
    language: str
    title: str
    # Where the role sits: "faculty" (the first faculty), "department" (the first
    # department), or "" for a role held at the university itself.
    unit: str = ""


@dataclass(frozen=True)
class InvitationSpec:
    email: str
    full_name: str
    role: str
    language: str
    unit: str = ""


@dataclass(frozen=True)
class UniversitySpec:
    slug: str
    name: Text
    short_name: Text
    city: Text
    description: Text
    # The size of this university against the largest (1.0) at any scale.
    weight: float
    faculties: tuple[str, ...]
    signature_units: tuple[UnitSpec, ...]
    logins: tuple[LoginSpec, ...]
    invitations: tuple[InvitationSpec, ...]
    # The share of Kazakh, Russian, Korean and Uzbek family names among its people.
    name_mix: tuple[float, float, float, float]


UNIVERSITIES: tuple[UniversitySpec, ...] = (
    UniversitySpec(
        slug="almaty-state",
        name=Text(
            "Алматы ашық мемлекеттік университеті",
            "Алматинский открытый государственный университет",
            "Almaty Open State University",
        ),
        short_name=Text("ААМУ", "АОГУ", "AOSU"),
        city=Text("Алматы", "Алматы", "Almaty"),
        description=Text(
            "Алматыдағы көпсалалы университет: әлеуметтік ғылымдар, педагогика және инженерия. "
            "Қала әкімдігімен және үкіметтік емес ұйымдармен бірге өңірлік даму жобаларын "
            "жүргізеді. Демо деректер: университет ойдан шығарылған.",
            "Многопрофильный университет в Алматы: социальные науки, педагогика и инженерия. "
            "Вместе с акиматом города и некоммерческими организациями ведёт проекты "
            "регионального развития. Демо-данные: университет вымышленный.",
            "A comprehensive university in Almaty: social sciences, education and engineering. "
            "It runs regional development projects with the city akimat and non-profit "
            "organisations. Demo data: the university is fictional.",
        ),
        weight=1.0,
        faculties=("social", "education", "engineering", "economics", "law", "philology", "arts"),
        signature_units=(
            UnitSpec(
                "institute:regional-development",
                UnitKind.INSTITUTE,
                Text(
                    "Өңірлік даму институты",
                    "Институт регионального развития",
                    "Institute for Regional Development",
                ),
                Text("ӨДИ", "ИРР", "IRD"),
            ),
            # No English name, on purpose: the demo shows the fallback to Kazakh.
            UnitSpec(
                "centre:state-language",
                UnitKind.CENTRE,
                Text(
                    "Мемлекеттік тілді дамыту орталығы",
                    "Центр развития государственного языка",
                    "",
                ),
            ),
        ),
        logins=(
            LoginSpec(
                "admin",
                Role.UNIVERSITY_ADMIN,
                "Әлия Сәрсенбаева",
                "kk",
                "Стратегиялық даму жөніндегі проректор",
            ),
            LoginSpec(
                "office",
                Role.OFFICE,
                "Ерлан Жұмабеков",
                "kk",
                "Үшінші миссия басқармасының басшысы",
            ),
            LoginSpec(
                "coordinator",
                Role.UNIT_COORDINATOR,
                "Ирина Ковалёва",
                "ru",
                "Заместитель декана по социальной работе",
                unit="faculty",
            ),
            LoginSpec(
                "staff", Role.STAFF, "Дмитрий Ким", "ru", "Старший преподаватель", unit="department"
            ),
            LoginSpec(
                "student",
                Role.STUDENT,
                "Айгерім Тоқтарова",
                "kk",
                "Бакалавриат, 2-курс",
                unit="department",
            ),
            LoginSpec(
                "partner",
                Role.PARTNER,
                "Марат Исмаилов",
                "ru",
                "Главный специалист отдела образования акимата города Алматы",
            ),
        ),
        invitations=(
            InvitationSpec(
                "gulmira.tulegenova@partners.demo.qogam.kz",
                "Гүлмира Төлегенова",
                Role.PARTNER,
                "kk",
            ),
            InvitationSpec(
                "andrey.volkov@almaty-state.demo.qogam.kz",
                "Андрей Волков",
                Role.STAFF,
                "ru",
                unit="department",
            ),
        ),
        name_mix=(0.6, 0.28, 0.08, 0.04),
    ),
    UniversitySpec(
        slug="astana-tech",
        name=Text(
            "Астана азаматтық политехникалық университеті",
            "Астанинский гражданский политехнический университет",
            "Astana Civic Polytechnic University",
        ),
        short_name=Text("ААПУ", "АГПУ", "ACPU"),
        city=Text("Астана", "Астана", "Astana"),
        description=Text(
            "Елордадағы техникалық университет: инженерия, цифрлық технологиялар және "
            "экономика. Желінің хатшылығы осында; «ақылды қала» және тұрақты даму жобаларына "
            "қатысады. Демо деректер: университет ойдан шығарылған.",
            "Технический университет в столице: инженерия, цифровые технологии и экономика. "
            "Здесь работает секретариат сети; университет участвует в проектах «умного города» "
            "и устойчивого развития. Демо-данные: университет вымышленный.",
            "A technical university in the capital: engineering, digital technology and "
            "economics. It hosts the network's secretariat and takes part in smart-city and "
            "sustainable development projects. Demo data: the university is fictional.",
        ),
        weight=0.75,
        faculties=("engineering", "economics", "science", "social", "health", "philology"),
        signature_units=(
            UnitSpec(
                "institute:sustainable-development",
                UnitKind.INSTITUTE,
                Text(
                    "Тұрақты даму институты",
                    "Институт устойчивого развития",
                    "Institute for Sustainable Development",
                ),
                Text("ТДИ", "ИУР", "ISD"),
            ),
            UnitSpec(
                "centre:business-incubator",
                UnitKind.CENTRE,
                Text(
                    "Технологиялық бизнес-инкубатор",
                    "Технологический бизнес-инкубатор",
                    "Technology Business Incubator",
                ),
            ),
        ),
        logins=(
            LoginSpec(
                "admin",
                Role.UNIVERSITY_ADMIN,
                "Нұрлан Бекмұхамбетов",
                "kk",
                "Бірінші проректор",
            ),
            LoginSpec(
                "office",
                Role.OFFICE,
                "Гүлнар Әбдірахманова",
                "kk",
                "Әлеуметтік жауапкершілік жөніндегі менеджер",
            ),
            LoginSpec(
                "coordinator",
                Role.UNIT_COORDINATOR,
                "Сергей Петренко",
                "ru",
                "Координатор факультета по третьей миссии",
                unit="faculty",
            ),
            LoginSpec(
                "staff",
                Role.STAFF,
                "Асель Нұрпейісова",
                "kk",
                "Қауымдастырылған профессор",
                unit="department",
            ),
            LoginSpec(
                "student",
                Role.STUDENT,
                "Данияр Омаров",
                "kk",
                "Бакалавриат, 3-курс",
                unit="department",
            ),
            LoginSpec(
                "partner",
                Role.PARTNER,
                "Елена Шевченко",
                "ru",
                "Руководитель отдела цифровизации акимата города Астаны",
            ),
        ),
        invitations=(
            InvitationSpec(
                "zhanna.karimova@astana-tech.demo.qogam.kz",
                "Жанна Каримова",
                Role.UNIT_COORDINATOR,
                "kk",
                unit="faculty",
            ),
            InvitationSpec(
                "aset.mukanov@partners.demo.qogam.kz", "Әсет Мұқанов", Role.PARTNER, "kk"
            ),
        ),
        name_mix=(0.65, 0.3, 0.05, 0.0),
    ),
    UniversitySpec(
        slug="shymkent-agrarian",
        name=Text(
            "Шымкент гуманитарлық-аграрлық университеті",
            "Шымкентский гуманитарно-аграрный университет",
            "Shymkent University of Humanities and Agriculture",
        ),
        short_name=Text("ШГАУ", "ШГАУ", "SUHA"),
        city=Text("Шымкент", "Шымкент", "Shymkent"),
        description=Text(
            "Оңтүстік өңірдің университеті: ауыл шаруашылығы, экология, педагогика және "
            "денсаулық сақтау. Ауыл мектептерімен, фермерлермен және аудан әкімдіктерімен "
            "жұмыс істейді. Демо деректер: университет ойдан шығарылған.",
            "Университет южного региона: сельское хозяйство, экология, педагогика и "
            "здравоохранение. Работает с сельскими школами, фермерами и районными акиматами. "
            "Демо-данные: университет вымышленный.",
            "A university of the southern region: agriculture, ecology, education and health. "
            "It works with rural schools, farmers and district akimats. Demo data: the "
            "university is fictional.",
        ),
        weight=0.5,
        faculties=("agriculture", "education", "health", "economics", "philology", "science"),
        signature_units=(
            UnitSpec(
                "centre:volunteering",
                UnitKind.CENTRE,
                Text(
                    "Еріктілік және қоғамға қызмет ету арқылы оқыту орталығы",
                    "Центр волонтёрства и обучения через служение обществу",
                    "Centre for Volunteering and Service Learning",
                ),
            ),
            # No English name, on purpose: the demo shows the fallback to Kazakh.
            UnitSpec(
                "centre:spiritual-moral",
                UnitKind.CENTRE,
                Text(
                    "Рухани-адамгершілік тәрбие орталығы",
                    "Центр духовно-нравственного воспитания",
                    "",
                ),
            ),
        ),
        logins=(
            LoginSpec(
                "admin", Role.UNIVERSITY_ADMIN, "Бауыржан Сейітқали", "kk", "Ректордың кеңесшісі"
            ),
            LoginSpec(
                "office",
                Role.OFFICE,
                "Сәуле Есенова",
                "kk",
                "Еріктілер қозғалысының үйлестірушісі",
            ),
            LoginSpec(
                "coordinator",
                Role.UNIT_COORDINATOR,
                "Қайрат Әлімжанов",
                "kk",
                "Факультет деканының орынбасары",
                unit="faculty",
            ),
            LoginSpec("staff", Role.STAFF, "Ольга Пак", "ru", "Доцент", unit="department"),
            LoginSpec(
                "student",
                Role.STUDENT,
                "Мадина Юсупова",
                "kk",
                "Бакалавриат, 1-курс",
                unit="department",
            ),
            LoginSpec(
                "partner",
                Role.PARTNER,
                "Тимур Рахимов",
                "kk",
                "Шымкент қаласы әкімдігі жастар саясаты бөлімінің басшысы",
            ),
        ),
        invitations=(
            InvitationSpec(
                "nigora.usmanova@shymkent-agrarian.demo.qogam.kz",
                "Нигора Усманова",
                Role.STUDENT,
                "ru",
                unit="department",
            ),
            InvitationSpec(
                "berik.ospanov@partners.demo.qogam.kz", "Берік Оспанов", Role.PARTNER, "kk"
            ),
        ),
        name_mix=(0.7, 0.1, 0.02, 0.18),
    ),
)

# The network's secretariat sits at this university; its administrator's membership is there.
SECRETARIAT_SLUG = "astana-tech"
NETWORK_LOGIN = LoginSpec(
    "network", Role.NETWORK_ADMIN, "Самал Жақсылықова", "en", "Желі хатшылығының жетекшісі"
)
