"""Kazakh, Russian and English for everything a Qogam user sees.

Qogam's own strings are translated in locale/<language>/LC_MESSAGES/ (`make messages` extracts
them). Django's Kazakh catalogues are only about half translated, and django-auditlog and
django-modeltranslation ship neither Kazakh nor Russian, so locale_upstream/kk and
locale_upstream/ru complete them: LOCALE_PATHS takes precedence over the catalogue of every app,
in the same `django` domain, and the admin's JavaScript strings are completed in
locale_upstream/kk/LC_MESSAGES/djangojs.po. When an upgrade of Django adds a string that its
Kazakh lacks, test_upstream_catalogue_complete_with_ours names it: add it to locale_upstream.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import auditlog
import django
import pytest
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import naturalday
from django.utils import dates, formats, translation
from django.utils.translation.trans_real import DjangoTranslation
from django.views.i18n import JavaScriptCatalog

LOCALE = Path(settings.LOCALE_PATHS[0])
UPSTREAM = Path(settings.LOCALE_PATHS[1])
DJANGO = Path(django.__file__).parent
AUDITLOG = Path(auditlog.__file__).parent

# The catalogues of installed apps whose strings a Qogam user meets, as (locale folder, domain).
UPSTREAM_CATALOGUES = {
    "django": (DJANGO / "conf" / "locale", "django"),
    "django.contrib.admin": (DJANGO / "contrib" / "admin" / "locale", "django"),
    "django.contrib.admin (JavaScript)": (DJANGO / "contrib" / "admin" / "locale", "djangojs"),
    "django.contrib.auth": (DJANGO / "contrib" / "auth" / "locale", "django"),
    "django.contrib.contenttypes": (DJANGO / "contrib" / "contenttypes" / "locale", "django"),
    "django.contrib.sessions": (DJANGO / "contrib" / "sessions" / "locale", "django"),
    "django.contrib.humanize": (DJANGO / "contrib" / "humanize" / "locale", "django"),
    "auditlog": (AUDITLOG / "locale", "django"),
}

# A number that picks each plural form: kk has two forms, ru three.
PLURAL_SAMPLES = {"kk": {0: 1, 1: 2}, "ru": {0: 1, 1: 3, 2: 5}}
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


@dataclass(frozen=True)
class Entry:
    context: str | None
    msgid: str
    plural: str | None
    msgstr: tuple[str, ...]
    fuzzy: bool

    @property
    def translated(self) -> bool:
        return not self.fuzzy and bool(self.msgstr) and all(self.msgstr)


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m[1], m[0]), text.strip()[1:-1])


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file, the header (msgid "") included, obsolete ones left out."""
    entries: list[Entry] = []
    fields: dict[str, str] = {}
    flags: set[str] = set()
    last = ""

    def flush():
        if "msgid" in fields:
            forms = sorted(
                (int(name[7:-1]), value)
                for name, value in fields.items()
                if name.startswith("msgstr[")
            )
            msgstr = tuple(v for _, v in forms) if forms else (fields.get("msgstr", ""),)
            entries.append(
                Entry(
                    fields.get("msgctxt"),
                    fields["msgid"],
                    fields.get("msgid_plural"),
                    msgstr,
                    "fuzzy" in flags,
                )
            )
        fields.clear()
        flags.clear()

    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#~"):
            continue
        elif line.startswith("#,"):
            flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            fields[last] += _unquote(line)
        else:
            last, _, value = line.partition(" ")
            fields[last] = _unquote(value)
    return entries


def _ours(language: str, domain: str = "django") -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{domain}.po"


def _upstream(language: str, domain: str = "django") -> Path:
    return UPSTREAM / language / "LC_MESSAGES" / f"{domain}.po"


def _translated_keys(path: Path) -> set[tuple[str | None, str]]:
    if not path.exists():
        return set()
    return {(e.context, e.msgid) for e in read_po(path) if e.msgid and e.translated}


def _plural_count(entries: list[Entry]) -> int:
    header = next(e for e in entries if e.msgid == "")
    return int(re.search(r"nplurals\s*=\s*(\d+)", header.msgstr[0])[1])


def _is_kazakh(text: str) -> bool:
    return any(letter in KAZAKH_LETTERS for letter in text)


def _is_russian(text: str) -> bool:
    return bool(re.search("[а-яА-ЯёЁ]", text)) and not _is_kazakh(text)


def _lookup(language: str, entry: Entry, n: int | None = None) -> str:
    with translation.override(language):
        if entry.plural is None:
            if entry.context is None:
                return translation.gettext(entry.msgid)
            return translation.pgettext(entry.context, entry.msgid)
        if entry.context is None:
            return translation.ngettext(entry.msgid, entry.plural, n)
        return translation.npgettext(entry.context, entry.msgid, entry.plural, n)


# (a) Every msgid of our Kazakh and Russian catalogues is translated, and nothing is fuzzy.


TRANSLATED_CATALOGUES = sorted(
    path
    for folder in (LOCALE, UPSTREAM)
    for path in folder.glob("*/LC_MESSAGES/*.po")
    if path.parts[-3] != "en"
)


def test_catalogues_present_for_kk_and_ru():
    expected = {
        _ours("kk"),
        _ours("ru"),
        _upstream("kk"),
        _upstream("ru"),
        _upstream("kk", "djangojs"),
    }
    assert expected <= set(TRANSLATED_CATALOGUES)


def test_upstream_and_own_catalogues_do_not_overlap():
    for language in ("kk", "ru"):
        own = {(e.context, e.msgid) for e in read_po(_ours(language)) if e.msgid}
        upstream = {(e.context, e.msgid) for e in read_po(_upstream(language)) if e.msgid}
        assert own & upstream == set()


@pytest.mark.parametrize("path", TRANSLATED_CATALOGUES, ids=lambda path: "/".join(path.parts[-3:]))
def test_catalogue_every_msgid_translated(path):
    entries = read_po(path)
    nplurals = _plural_count(entries)
    untranslated = [e.msgid for e in entries if e.msgid and not e.translated]
    fuzzy = [e.msgid for e in entries if e.fuzzy]
    wrong_plurals = [e.msgid for e in entries if e.plural and len(e.msgstr) != nplurals]
    assert len(entries) > 50
    assert untranslated == []
    assert fuzzy == []
    assert wrong_plurals == []


def test_catalogue_plural_forms_match_language():
    assert _plural_count(read_po(_ours("kk"))) == 2
    assert _plural_count(read_po(_upstream("kk", "djangojs"))) == 2
    assert _plural_count(read_po(_upstream("ru"))) == 3
    assert _plural_count(read_po(_ours("ru"))) == 3
    assert _plural_count(read_po(_ours("en"))) == 2


def test_english_catalogue_has_no_fuzzy_entries():
    entries = read_po(_ours("en"))
    assert len(entries) > 50
    assert [e.msgid for e in entries if e.fuzzy] == []


# (b) A sample of the strings of Django and of the apps a user meets, in Kazakh and in Russian.

UPSTREAM_SAMPLES = [
    "This field is required.",  # forms
    "Enter a valid email address.",
    "Log in",  # admin
    "Save and add another",
    "Select %s to change",
    "Add another %(model)s",
    "Password",  # auth
    "Password reset",
    "update",  # auditlog's action names
    "Click to filter by records with this correlation id",
    "From",
    "None",  # modeltranslation's "clear" checkbox
]


@pytest.mark.parametrize("msgid", UPSTREAM_SAMPLES)
def test_upstream_string_kazakh_when_kk_active(msgid):
    with translation.override("kk"):
        text = translation.gettext(msgid)
    assert _is_kazakh(text), text


@pytest.mark.parametrize("msgid", UPSTREAM_SAMPLES)
def test_upstream_string_russian_when_ru_active(msgid):
    with translation.override("ru"):
        text = translation.gettext(msgid)
    assert _is_russian(text), text


def test_plural_validation_message_kazakh_when_kk_active():
    singular = "This password is too short. It must contain at least %d character."
    plural = "This password is too short. It must contain at least %d characters."
    with translation.override("kk"):
        text = translation.ngettext(singular, plural, 8) % 8
    assert text == "Бұл құпия сөз тым қысқа. Ол кемінде 8 таңбадан тұруы керек."


def test_month_names_lowercase_after_day_when_kk_active():
    with translation.override("kk"):
        assert [str(name) for name in dates.MONTHS_ALT.values()] == [
            "қаңтар",
            "ақпан",
            "наурыз",
            "сәуір",
            "мамыр",
            "маусым",
            "шілде",
            "тамыз",
            "қыркүйек",
            "қазан",
            "қараша",
            "желтоқсан",
        ]
        assert str(dates.MONTHS[11]) == "Қараша"


def test_date_format_kazakh_when_kk_active():
    with translation.override("kk"):
        assert formats.date_format(date(2026, 11, 23)) == "23 қараша 2026 ж."
        assert formats.date_format(date(2026, 5, 1), "SHORT_DATE_FORMAT") == "01.05.2026"
        assert formats.date_format(date(2026, 11, 27), "D") == "Жм"


def test_date_format_russian_when_ru_active():
    with translation.override("ru"):
        assert formats.date_format(date(2026, 11, 23)) == "23 ноября 2026 г."


def test_humanize_tomorrow_kazakh_when_kk_active():
    with translation.override("kk"):
        assert naturalday(date.today() + timedelta(days=1)) == "ертең"


def test_role_names_in_each_language():
    expected = {
        "kk": ["Желі әкімшісі", "Үшінші миссия бөлімі", "Серіктес өкілі"],
        "ru": ["Администратор сети", "Отдел третьей миссии", "Представитель партнёра"],
        "en": ["Network administrator", "Third-mission office", "Partner representative"],
    }
    roles = ["Network administrator", "Third-mission office", "Partner representative"]
    for language, names in expected.items():
        with translation.override(language):
            assert [translation.gettext(role) for role in roles] == names


# (c) Django's Kazakh and Russian catalogues plus ours leave no msgid untranslated.


def _source_msgids(locale_dir: Path, domain: str) -> set[tuple[str | None, str]]:
    """Every msgid of a package: its English catalogue, or all its catalogues where it has none."""
    english = locale_dir / "en" / "LC_MESSAGES" / f"{domain}.po"
    paths = [english] if english.exists() else sorted(locale_dir.glob(f"*/LC_MESSAGES/{domain}.po"))
    return {(e.context, e.msgid) for path in paths for e in read_po(path) if e.msgid}


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("name", list(UPSTREAM_CATALOGUES))
def test_upstream_catalogue_complete_with_ours(name, language):
    locale_dir, domain = UPSTREAM_CATALOGUES[name]
    source = _source_msgids(locale_dir, domain)
    theirs = _translated_keys(locale_dir / language / "LC_MESSAGES" / f"{domain}.po")
    ours = _translated_keys(_ours(language, domain)) | _translated_keys(_upstream(language, domain))
    missing = sorted(
        (key for key in source if key not in theirs and key not in ours),
        key=lambda key: (key[0] or "", key[1]),
    )
    assert source
    assert missing == []


# Our catalogues win over the apps' at run time, for every entry and every plural form.


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_our_catalogue_wins_at_runtime(language):
    wrong = []
    for entry in [*read_po(_ours(language)), *read_po(_upstream(language))]:
        if not entry.msgid or not entry.translated:
            continue
        if entry.plural is None:
            if _lookup(language, entry) != entry.msgstr[0]:
                wrong.append(entry.msgid)
            continue
        for index, n in PLURAL_SAMPLES[language].items():
            if _lookup(language, entry, n) != entry.msgstr[index]:
                wrong.append(f"{entry.msgid} [{index}]")
    assert wrong == []


def test_admin_javascript_catalogue_uses_ours_when_kk_active():
    view = JavaScriptCatalog()
    view.translation = DjangoTranslation(
        "kk", domain="djangojs", localedirs=view.get_paths(["django.contrib.admin"])
    )
    catalog = view.get_catalog()
    wrong = []
    for entry in read_po(_upstream("kk", "djangojs")):
        if not entry.msgid or not entry.translated:
            continue
        key = entry.msgid if entry.context is None else f"{entry.context}\x04{entry.msgid}"
        expected = list(entry.msgstr) if entry.plural else entry.msgstr[0]
        if catalog.get(key) != expected:
            wrong.append(entry.msgid)
    assert wrong == []
    assert catalog["Choose all %s"] == "Барлық %s таңдау"
