"""The structures the annual report's PDF and workbook are drawn from, and the way they
write numbers and content fields in the report's language."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from qogam.core.i18n import LANGUAGE_NAMES, TranslatedText, translated
from qogam.indicators import compute
from qogam.indicators.compute import Value
from qogam.indicators.models import Indicator, Snapshot
from qogam.indicators.periods import Period
from qogam.organisations.models import Unit, University


class Content(TranslatedText):
    """A content field in the report's language; a fallback shows its language as the pages
    do (qogam.core.templatetags.qogam.tr), so a reader sees it is not yet translated."""

    @property
    def html(self) -> str:
        # A property rather than __html__: templates turn non-strings into str first.
        if not self.is_fallback:
            return format_html("{}", self.text)
        return format_html(
            '<span lang="{}">{}</span> <abbr class="fallback" title="{}">{}</abbr>',
            self.language,
            self.text,
            LANGUAGE_NAMES.get(self.language, self.language),
            self.language.upper(),
        )

    @property
    def plain(self) -> str:
        return f"{self.text} [{self.language.upper()}]" if self.is_fallback else self.text

    def __str__(self) -> str:
        return self.plain


def content(obj, name: str, language: str, *, limit: int = 0) -> Content:
    if obj is None:
        return Content("", language, False)
    found = translated(obj, name, language)
    text = Truncator(found.text).chars(limit) if limit else found.text
    return Content(text, found.language, found.is_fallback)


@dataclass
class Figure:
    label: str
    value: Decimal | None
    shown: str


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[Any]]
    # Rows left out of the list, and the sentence that says so.
    more: int = 0
    # Columns holding numbers (right-aligned in the PDF).
    numeric: frozenset[int] = frozenset()

    @property
    def more_text(self) -> str:
        if not self.more:
            return ""
        return _("… and %(count)s more.") % {"count": number(self.more)}


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    # The sentence shown instead of figures when the period has no data for the section.
    empty: str = ""
    has_data: bool = True
    notes: list[str] = field(default_factory=list)
    charts: list[tuple[str, bytes]] = field(default_factory=list)


@dataclass
class IndicatorRow:
    pack: str
    section: str
    indicator: Indicator
    name: Content
    value: Value
    shown: str
    target_shown: str
    status: str
    status_label: str
    provenance: int | None


@dataclass
class PackGroup:
    title: Content
    rows: list[IndicatorRow]


@dataclass
class AnnualData:
    university: University
    university_name: Content
    unit: Unit | None
    unit_name: Content | None
    period: Period
    language: str
    language_name: str
    generated_on: str
    snapshot: Snapshot | None
    snapshot_note: str
    summary: list[Figure]
    packs: list[PackGroup]
    indicator_rows: list[IndicatorRow]
    sections: list[Section]
    status_counts: dict[str, int]
    has_fallbacks: bool = False


# --- Numbers ---------------------------------------------------------------------------------


def number(value: Decimal | int | None, places: int | None = None) -> str:
    if value is None:
        return "—"
    value = Decimal(value)
    if places is None:
        places = 0 if value == value.to_integral_value() else 1
    return formats.number_format(
        compute.round_value(value, places), decimal_pos=places, use_l10n=True, force_grouping=True
    )


def figure(label: str, value: Decimal | int | None) -> Figure:
    return Figure(label, None if value is None else Decimal(value), number(value))
