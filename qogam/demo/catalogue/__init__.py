"""What the demo network is made of, in Kazakh, Russian and English.

Every university, unit and person in this package is invented. Two units have no English
name on purpose (marked in universities.py), so the demo shows the visible fallback
kk -> ru -> en.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """One piece of content in the three content languages."""

    kk: str
    ru: str
    en: str

    def columns(self, field: str) -> dict[str, str]:
        return {f"{field}_kk": self.kk, f"{field}_ru": self.ru, f"{field}_en": self.en}


NO_SHORT_NAME = Text("", "", "")
