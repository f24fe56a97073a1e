"""Faculties with their departments, institutes, centres and laboratories."""

from dataclasses import dataclass

from qogam.demo.catalogue import NO_SHORT_NAME, Text
from qogam.organisations.enums import UnitKind


@dataclass(frozen=True)
class UnitSpec:
    key: str
    kind: str
    name: Text
    short_name: Text = NO_SHORT_NAME


@dataclass(frozen=True)
class FacultySpec:
    key: str
    name: Text
    short_name: Text
    departments: tuple[UnitSpec, ...]


def _department(key: str, kk: str, ru: str, en: str) -> UnitSpec:
    return UnitSpec(f"department:{key}", UnitKind.DEPARTMENT, Text(kk, ru, en))


FACULTIES: dict[str, FacultySpec] = {
    spec.key: spec
    for spec in (
        FacultySpec(
            "social",
            Text(
                "Әлеуметтік ғылымдар факультеті",
                "Факультет социальных наук",
                "Faculty of Social Sciences",
            ),
            Text("ӘҒФ", "ФСН", "FSS"),
            (
                _department(
                    "sociology",
                    "Әлеуметтану және әлеуметтік жұмыс кафедрасы",
                    "Кафедра социологии и социальной работы",
                    "Department of Sociology and Social Work",
                ),
                _department(
                    "psychology",
                    "Психология кафедрасы",
                    "Кафедра психологии",
                    "Department of Psychology",
                ),
                _department(
                    "politics",
                    "Саясаттану кафедрасы",
                    "Кафедра политологии",
                    "Department of Political Science",
                ),
                _department(
                    "regional",
                    "Аймақтану кафедрасы",
                    "Кафедра регионоведения",
                    "Department of Regional Studies",
                ),
            ),
        ),
        FacultySpec(
            "education",
            Text("Педагогика факультеті", "Педагогический факультет", "Faculty of Education"),
            Text("ПФ", "ПФ", "FoE"),
            (
                _department(
                    "pedagogy",
                    "Педагогика кафедрасы",
                    "Кафедра педагогики",
                    "Department of Pedagogy",
                ),
                _department(
                    "inclusive",
                    "Инклюзивті білім беру кафедрасы",
                    "Кафедра инклюзивного образования",
                    "Department of Inclusive Education",
                ),
                _department(
                    "primary",
                    "Мектепке дейінгі және бастауыш білім беру кафедрасы",
                    "Кафедра дошкольного и начального образования",
                    "Department of Preschool and Primary Education",
                ),
                _department(
                    "kazakh",
                    "Қазақ тілі мен әдебиеті кафедрасы",
                    "Кафедра казахского языка и литературы",
                    "Department of Kazakh Language and Literature",
                ),
            ),
        ),
        FacultySpec(
            "engineering",
            Text(
                "Инженерия және ақпараттық технологиялар факультеті",
                "Факультет инженерии и информационных технологий",
                "Faculty of Engineering and Information Technology",
            ),
            Text("ИАТФ", "ФИИТ", "FEIT"),
            (
                _department(
                    "computing",
                    "Информатика кафедрасы",
                    "Кафедра информатики",
                    "Department of Computer Science",
                ),
                _department(
                    "information-systems",
                    "Ақпараттық жүйелер кафедрасы",
                    "Кафедра информационных систем",
                    "Department of Information Systems",
                ),
                _department(
                    "civil",
                    "Құрылыс кафедрасы",
                    "Кафедра строительства",
                    "Department of Civil Engineering",
                ),
                _department(
                    "power",
                    "Электр энергетикасы кафедрасы",
                    "Кафедра электроэнергетики",
                    "Department of Electrical Power Engineering",
                ),
            ),
        ),
        FacultySpec(
            "economics",
            Text(
                "Экономика және бизнес факультеті",
                "Факультет экономики и бизнеса",
                "Faculty of Economics and Business",
            ),
            Text("ЭБФ", "ФЭБ", "FEB"),
            (
                _department(
                    "economics",
                    "Экономика кафедрасы",
                    "Кафедра экономики",
                    "Department of Economics",
                ),
                _department(
                    "management",
                    "Менеджмент және маркетинг кафедрасы",
                    "Кафедра менеджмента и маркетинга",
                    "Department of Management and Marketing",
                ),
                _department(
                    "finance",
                    "Қаржы және есеп кафедрасы",
                    "Кафедра финансов и учёта",
                    "Department of Finance and Accounting",
                ),
                _department(
                    "tourism",
                    "Туризм және қонақжайлылық кафедрасы",
                    "Кафедра туризма и гостеприимства",
                    "Department of Tourism and Hospitality",
                ),
            ),
        ),
        FacultySpec(
            "health",
            Text(
                "Медицина және қоғамдық денсаулық сақтау факультеті",
                "Факультет медицины и общественного здравоохранения",
                "Faculty of Medicine and Public Health",
            ),
            Text("МҚДФ", "ФМОЗ", "FMPH"),
            (
                _department(
                    "public-health",
                    "Қоғамдық денсаулық сақтау кафедрасы",
                    "Кафедра общественного здравоохранения",
                    "Department of Public Health",
                ),
                _department(
                    "nursing",
                    "Мейіргер ісі кафедрасы",
                    "Кафедра сестринского дела",
                    "Department of Nursing",
                ),
                _department(
                    "general-practice",
                    "Жалпы дәрігерлік практика кафедрасы",
                    "Кафедра общей врачебной практики",
                    "Department of General Practice",
                ),
                _department(
                    "pharmacy", "Фармация кафедрасы", "Кафедра фармации", "Department of Pharmacy"
                ),
            ),
        ),
        FacultySpec(
            "agriculture",
            Text(
                "Аграрлық ғылымдар және экология факультеті",
                "Факультет аграрных наук и экологии",
                "Faculty of Agricultural Sciences and Ecology",
            ),
            Text("АҒЭФ", "ФАНЭ", "FASE"),
            (
                _department(
                    "agronomy", "Агрономия кафедрасы", "Кафедра агрономии", "Department of Agronomy"
                ),
                _department(
                    "water",
                    "Су ресурстары және жерді пайдалану кафедрасы",
                    "Кафедра водных ресурсов и землепользования",
                    "Department of Water Resources and Land Use",
                ),
                _department(
                    "ecology", "Экология кафедрасы", "Кафедра экологии", "Department of Ecology"
                ),
                _department(
                    "veterinary",
                    "Ветеринария кафедрасы",
                    "Кафедра ветеринарии",
                    "Department of Veterinary Medicine",
                ),
            ),
        ),
        FacultySpec(
            "law",
            Text("Құқық факультеті", "Юридический факультет", "Faculty of Law"),
            Text("ҚФ", "ЮФ", "FoL"),
            (
                _department(
                    "constitutional",
                    "Конституциялық және әкімшілік құқық кафедрасы",
                    "Кафедра конституционного и административного права",
                    "Department of Constitutional and Administrative Law",
                ),
                _department(
                    "civil-law",
                    "Азаматтық құқық кафедрасы",
                    "Кафедра гражданского права",
                    "Department of Civil Law",
                ),
                _department(
                    "criminal-law",
                    "Қылмыстық құқық кафедрасы",
                    "Кафедра уголовного права",
                    "Department of Criminal Law",
                ),
                _department(
                    "international-law",
                    "Халықаралық құқық кафедрасы",
                    "Кафедра международного права",
                    "Department of International Law",
                ),
            ),
        ),
        FacultySpec(
            "philology",
            Text(
                "Филология және журналистика факультеті",
                "Факультет филологии и журналистики",
                "Faculty of Philology and Journalism",
            ),
            Text("ФЖФ", "ФФЖ", "FPJ"),
            (
                _department(
                    "journalism",
                    "Журналистика кафедрасы",
                    "Кафедра журналистики",
                    "Department of Journalism",
                ),
                _department(
                    "russian",
                    "Орыс филологиясы кафедрасы",
                    "Кафедра русской филологии",
                    "Department of Russian Philology",
                ),
                _department(
                    "languages",
                    "Шетел тілдері кафедрасы",
                    "Кафедра иностранных языков",
                    "Department of Foreign Languages",
                ),
                _department(
                    "translation",
                    "Аударма ісі кафедрасы",
                    "Кафедра переводческого дела",
                    "Department of Translation Studies",
                ),
            ),
        ),
        FacultySpec(
            "science",
            Text(
                "Жаратылыстану ғылымдары факультеті",
                "Факультет естественных наук",
                "Faculty of Natural Sciences",
            ),
            Text("ЖҒФ", "ФЕН", "FNS"),
            (
                _department(
                    "physics", "Физика кафедрасы", "Кафедра физики", "Department of Physics"
                ),
                _department(
                    "chemistry", "Химия кафедрасы", "Кафедра химии", "Department of Chemistry"
                ),
                _department(
                    "biology", "Биология кафедрасы", "Кафедра биологии", "Department of Biology"
                ),
                _department(
                    "geography",
                    "География кафедрасы",
                    "Кафедра географии",
                    "Department of Geography",
                ),
            ),
        ),
        FacultySpec(
            "arts",
            Text(
                "Өнер және спорт факультеті",
                "Факультет искусств и спорта",
                "Faculty of Arts and Sport",
            ),
            Text("ӨСФ", "ФИС", "FAS"),
            (
                _department(
                    "physical-education",
                    "Дене шынықтыру кафедрасы",
                    "Кафедра физической культуры",
                    "Department of Physical Education",
                ),
                _department(
                    "music",
                    "Музыкалық білім беру кафедрасы",
                    "Кафедра музыкального образования",
                    "Department of Music Education",
                ),
                _department(
                    "design", "Дизайн кафедрасы", "Кафедра дизайна", "Department of Design"
                ),
                _department(
                    "fine-arts",
                    "Бейнелеу өнері кафедрасы",
                    "Кафедра изобразительного искусства",
                    "Department of Fine Arts",
                ),
            ),
        ),
    )
}

THIRD_MISSION_OFFICE = UnitSpec(
    "office:third-mission",
    UnitKind.OFFICE,
    Text(
        "Әлеуметтік жауапкершілік және үшінші миссия басқармасы",
        "Управление социальной ответственности и третьей миссии",
        "Office of Social Responsibility and the Third Mission",
    ),
    Text("Үшінші миссия", "Третья миссия", "Third Mission Office"),
)

# Institutes and centres any university may have; each draws a few at random.
SHARED_INSTITUTES: tuple[UnitSpec, ...] = (
    UnitSpec(
        "institute:lifelong",
        UnitKind.INSTITUTE,
        Text(
            "Үздіксіз білім беру институты",
            "Институт непрерывного образования",
            "Institute of Lifelong Learning",
        ),
        Text("ҮББИ", "ИНО", "ILL"),
    ),
    UnitSpec(
        "institute:applied-social",
        UnitKind.INSTITUTE,
        Text(
            "Қолданбалы әлеуметтік зерттеулер институты",
            "Институт прикладных социальных исследований",
            "Institute of Applied Social Research",
        ),
        Text("ҚӘЗИ", "ИПСИ", "IASR"),
    ),
    UnitSpec(
        "institute:digital",
        UnitKind.INSTITUTE,
        Text(
            "Цифрлық технологиялар институты",
            "Институт цифровых технологий",
            "Institute of Digital Technologies",
        ),
        Text("ЦТИ", "ИЦТ", "IDT"),
    ),
    UnitSpec(
        "centre:career",
        UnitKind.CENTRE,
        Text(
            "Мансап және жұмысқа орналасу орталығы",
            "Центр карьеры и трудоустройства",
            "Career and Employment Centre",
        ),
    ),
    UnitSpec(
        "centre:legal-clinic",
        UnitKind.CENTRE,
        Text("Заң клиникасы", "Юридическая клиника", "Legal Clinic"),
    ),
    UnitSpec(
        "centre:inclusive",
        UnitKind.CENTRE,
        Text(
            "Инклюзивті білім беру орталығы",
            "Центр инклюзивного образования",
            "Centre for Inclusive Education",
        ),
    ),
    UnitSpec(
        "centre:media",
        UnitKind.CENTRE,
        Text(
            "Медиа және коммуникациялар орталығы",
            "Центр медиа и коммуникаций",
            "Media and Communications Centre",
        ),
    ),
    UnitSpec(
        "centre:green-campus",
        UnitKind.CENTRE,
        Text("«Жасыл кампус» орталығы", "Центр «Зелёный кампус»", "Green Campus Centre"),
    ),
    UnitSpec(
        "centre:science-society",
        UnitKind.CENTRE,
        Text(
            "Ғылым мен қоғамның өзара іс-қимыл орталығы",
            "Центр взаимодействия науки и общества",
            "Science and Society Centre",
        ),
    ),
    UnitSpec(
        "centre:health",
        UnitKind.CENTRE,
        Text(
            "Салауатты өмір салты орталығы",
            "Центр здорового образа жизни",
            "Healthy Lifestyle Centre",
        ),
    ),
)

# Research laboratories fill the tree when a large scale asks for more units than the
# faculties and centres above provide; a repeated topic gets a number.
LABORATORY_TOPICS: tuple[Text, ...] = (
    Text("Қала зерттеулері", "городских исследований", "Urban Studies"),
    Text("Әлеуметтік инновациялар", "социальных инноваций", "Social Innovation"),
    Text("Геоақпараттық жүйелер", "геоинформационных систем", "GIS"),
    Text("Су сапасы", "качества воды", "Water Quality"),
    Text("Топырақтану", "почвоведения", "Soil Science"),
    Text("Жаңартылатын энергия", "возобновляемой энергетики", "Renewable Energy"),
    Text("Цифрлық білім беру", "цифрового образования", "Digital Education"),
    Text("Қоғамдық пікірді зерттеу", "изучения общественного мнения", "Public Opinion Research"),
    Text("Денсаулықты нығайту", "укрепления здоровья", "Health Promotion"),
    Text("Ауа сапасы", "качества воздуха", "Air Quality"),
    Text("Этнография және мұра", "этнографии и наследия", "Ethnography and Heritage"),
    Text("Қолжетімді орта", "доступной среды", "Accessible Environment"),
)


def laboratory_name(topic: Text, number: int) -> Text:
    suffix = f" № {number}" if number > 1 else ""
    en_suffix = f" No. {number}" if number > 1 else ""
    return Text(
        f"{topic.kk} зертханасы{suffix}",
        f"Лаборатория {topic.ru}{suffix}",
        f"{topic.en} Laboratory{en_suffix}",
    )
