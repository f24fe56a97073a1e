"""Which of Qogam's content languages a text is in, by script and letter statistics.

Kazakh and Russian share the Cyrillic alphabet; Kazakh adds nine letters (ә ғ қ ң ө ұ ү һ і)
that make up several per cent of any Kazakh sentence and are absent from Russian, so their
share decides. Latin script is taken as English, the only Latin-script language we tag.
"""

import re
from dataclasses import dataclass, field

KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# One Kazakh-specific letter in a hundred Cyrillic letters is far below Kazakh prose (5-8 %)
# and far above Russian (0 %), which leaves room for stray loanwords and typos.
KAZAKH_SHARE = 0.01
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")


@dataclass(frozen=True)
class Detection:
    language: str  # "kk", "ru", "en" or "unknown"
    mixed: bool = False
    languages: tuple[str, ...] = field(default_factory=tuple)


def _counts(text: str) -> tuple[int, int, int, int]:
    cyrillic = latin = kazakh = other = 0
    for ch in text:
        if not ch.isalpha():
            continue
        if "\u0400" <= ch <= "\u04ff":
            cyrillic += 1
            kazakh += ch in KAZAKH_LETTERS
        elif ch.isascii():
            latin += 1
        else:
            other += 1
    return cyrillic, latin, kazakh, other


def _one(text: str) -> str:
    cyrillic, latin, kazakh, other = _counts(text)
    if cyrillic + latin + other < 3 or other > cyrillic + latin:
        return "unknown"
    if cyrillic >= latin:
        return "kk" if kazakh / cyrillic >= KAZAKH_SHARE else "ru"
    return "en"


def detect_language(text: str) -> Detection:
    """The main language, and whether sentences in another supported language are mixed in."""
    main = _one(text)
    if main == "unknown":
        return Detection("unknown")
    seen: dict[str, int] = {}
    for sentence in _SENTENCE.split(text):
        if len(sentence) >= 20:
            lang = _one(sentence)
            if lang != "unknown":
                seen[lang] = seen.get(lang, 0) + len(sentence)
    languages = tuple(sorted(seen, key=seen.get, reverse=True)) or (main,)
    # A Kazakh text quoting Russian is mixed; the share test above already counts it as kk.
    return Detection(main, mixed=len(languages) > 1, languages=languages)
