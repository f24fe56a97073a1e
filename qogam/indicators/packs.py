"""The indicator packs shipped with Qogam: one JSON file per pack in `packs/`, loaded into
the shared (university-less) Indicator, Pack and PackEntry rows.

A file holds the pack's code, names, description and source note in kk/ru/en, and its
indicators in order. An entry with a name is a definition; an entry with only a code (and a
section) puts an indicator defined in another pack's file into this pack too, so a code is
one row however many packs list it and the network compares like with like.

Loading is idempotent (rows are matched by code and only changed fields are written) and
all-or-nothing: every definition is checked with Indicator.full_clean() (a measure that is
not registered, a filter the measure does not know …) and the first bad one stops the load
inside the transaction, with the file, the code and the field in the message.
"""

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from qogam.core.i18n import CONTENT_LANGUAGES
from qogam.indicators.models import Indicator, Pack, PackEntry

PACKS_DIR = Path(__file__).resolve().parent / "packs"

TRANSLATED = ("name", "definition")
PLAIN = (
    "unit",
    "direction",
    "components",
    "sdgs",
    "frameworks",
    "period_type",
    "method",
    "measure",
    "measure_filters",
    "denominator",
    "denominator_filters",
    "scale",
    "options",
    "answer_kind",
    "suggested_from",
    "rubric",
    "rubric_item",
)
# What a definition may leave out, and the model's default for it.
DEFAULTS: dict[str, Any] = {
    "definition": None,
    "direction": "higher",
    "components": [],
    "sdgs": [],
    "frameworks": [],
    "measure": "",
    "measure_filters": {},
    "denominator": "",
    "denominator_filters": {},
    "scale": 1,
    "options": [],
    "answer_kind": "",
    "suggested_from": [],
    "rubric": "",
    "rubric_item": "",
}
ENTRY_KEYS = {"code", "section", "source_note"}
DEFINITION_KEYS = ENTRY_KEYS | set(TRANSLATED) | set(PLAIN)
PACK_KEYS = {
    "code",
    "is_default",
    "name",
    "description",
    "source_note",
    "sections",
    "indicators",
}


class PackError(Exception):
    """A pack file that cannot be loaded; the message names the file, code and field."""


@dataclass
class LoadSummary:
    created_indicators: list[str] = field(default_factory=list)
    updated_indicators: list[str] = field(default_factory=list)
    created_packs: list[str] = field(default_factory=list)
    updated_packs: list[str] = field(default_factory=list)
    entries_added: int = 0
    entries_changed: int = 0
    entries_removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(
            self.created_indicators
            or self.updated_indicators
            or self.created_packs
            or self.updated_packs
            or self.entries_added
            or self.entries_changed
            or self.entries_removed
        )

    def lines(self) -> list[str]:
        def codes(items: list[str]) -> str:
            return ", ".join(items) if items else "-"

        return [
            f"Packs created ({len(self.created_packs)}): {codes(self.created_packs)}",
            f"Packs updated ({len(self.updated_packs)}): {codes(self.updated_packs)}",
            f"Indicators created ({len(self.created_indicators)}): "
            f"{codes(self.created_indicators)}",
            f"Indicators updated ({len(self.updated_indicators)}): "
            f"{codes(self.updated_indicators)}",
            f"Pack entries added {self.entries_added}, changed {self.entries_changed}, "
            f"removed {self.entries_removed}.",
        ]


@dataclass
class _Source:
    path: Path
    data: dict


def _texts(value: Any, where: str, *, required: bool) -> dict[str, str]:
    """{"kk": …, "ru": …, "en": …}; every language is required where `required`."""
    if value is None and not required:
        return dict.fromkeys(CONTENT_LANGUAGES, "")
    if not isinstance(value, dict) or set(value) - set(CONTENT_LANGUAGES):
        raise PackError(f'{where}: write the text as {{"kk": …, "ru": …, "en": …}}.')
    texts = {lang: str(value.get(lang) or "").strip() for lang in CONTENT_LANGUAGES}
    missing = [lang for lang in CONTENT_LANGUAGES if required and not texts[lang]]
    if missing:
        raise PackError(f"{where}: the text in {', '.join(missing)} is missing.")
    return texts


def read_pack_files(directory: Path = PACKS_DIR) -> list[_Source]:
    sources = []
    for path in sorted(directory.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise PackError(f"{path.name}: not readable JSON ({exc}).") from exc
        if not isinstance(data, dict):
            raise PackError(f"{path.name}: the file must hold one JSON object (a pack).")
        unknown = set(data) - PACK_KEYS
        if unknown:
            raise PackError(f"{path.name}: unknown keys {', '.join(sorted(unknown))}.")
        if data.get("code") != path.stem:
            raise PackError(f"{path.name}: the pack's code must be the file name, {path.stem}.")
        if not isinstance(data.get("indicators"), list):
            raise PackError(f"{path.name}: “indicators” must be a list.")
        sources.append(_Source(path, data))
    return sources


def _definitions(sources: list[_Source]) -> dict[str, tuple[_Source, dict]]:
    """Every definition by code, each from exactly one file."""
    found: dict[str, tuple[_Source, dict]] = {}
    for source in sources:
        for entry in source.data["indicators"]:
            if not isinstance(entry, dict) or not entry.get("code"):
                raise PackError(f"{source.path.name}: every indicator needs a “code”.")
            code = entry["code"]
            keys = set(entry)
            allowed = DEFINITION_KEYS if "name" in entry else ENTRY_KEYS
            if keys - allowed:
                raise PackError(
                    f"{source.path.name}, {code}: unknown keys {', '.join(sorted(keys - allowed))}"
                    + (
                        ""
                        if "name" in entry
                        else " (a reference to another pack's indicator "
                        "holds only code, section and source_note)"
                    )
                    + "."
                )
            if "name" not in entry:
                continue
            if code in found:
                raise PackError(
                    f"{source.path.name}, {code}: already defined in {found[code][0].path.name}; "
                    "list it here with only its code and section."
                )
            found[code] = (source, entry)
    return found


def _field_values(source: _Source, entry: dict) -> dict[str, Any]:
    code = entry["code"]
    where = f"{source.path.name}, {code}"
    values: dict[str, Any] = {}
    for name in TRANSLATED:
        texts = _texts(entry.get(name), f"{where}, {name}", required=name == "name")
        for lang, text in texts.items():
            values[f"{name}_{lang}"] = text
    for name in PLAIN:
        if name in entry:
            values[name] = entry[name]
        elif name in DEFAULTS:
            values[name] = DEFAULTS[name]
        else:
            raise PackError(f"{where}, {name}: required.")
    try:
        values["scale"] = Decimal(str(values["scale"])).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError) as exc:
        raise PackError(f"{where}, scale: not a number.") from exc
    return values


def _apply(record, values: dict[str, Any]) -> list[str]:
    """Set the values that differ; the names of the fields changed."""
    changed = []
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed.append(name)
    return changed


def _validated(record: Indicator, where: str) -> None:
    try:
        record.full_clean()
    except ValidationError as exc:
        problems = [
            f"{name}: {' '.join(str(m) for m in messages)}"
            for name, messages in exc.message_dict.items()
        ]
        raise PackError(f"{where}, {'; '.join(problems)}") from exc


@transaction.atomic
def load_packs(directory: Path = PACKS_DIR) -> LoadSummary:
    """Create or update the shipped indicators and packs from the files in `directory`."""
    summary = LoadSummary()
    sources = read_pack_files(directory)
    definitions = _definitions(sources)
    existing = {i.code: i for i in Indicator.objects.filter(university__isnull=True)}

    indicators: dict[str, Indicator] = {}
    for code, (source, entry) in definitions.items():
        values = _field_values(source, entry)
        record = existing.get(code) or Indicator(university=None, code=code)
        changed = _apply(record, values)
        if record.pk is None or changed:
            _validated(record, f"{source.path.name}, {code}")
            record.save()
            (summary.updated_indicators if code in existing else summary.created_indicators).append(
                code
            )
        indicators[code] = record

    packs = {p.code: p for p in Pack.objects.filter(university__isnull=True)}
    for source in sources:
        data = source.data
        name = source.path.name
        values: dict[str, Any] = {"is_default": bool(data.get("is_default", False))}
        for field_name, required in (
            ("name", True),
            ("description", False),
            ("source_note", False),
        ):
            texts = _texts(data.get(field_name), f"{name}, {field_name}", required=required)
            values.update({f"{field_name}_{lang}": text for lang, text in texts.items()})
        values["sections"] = _section_names(data.get("sections"), name)
        pack = packs.get(data["code"]) or Pack(university=None, code=data["code"])
        is_new = pack.pk is None
        if _apply(pack, values) or is_new:
            try:
                pack.full_clean()
            except ValidationError as exc:
                raise PackError(f"{name}: {exc.message_dict}") from exc
            pack.save()
            (summary.created_packs if is_new else summary.updated_packs).append(pack.code)
        _sync_entries(pack, source, indicators, summary)
    return summary


def _section_names(raw: Any, name: str) -> dict[str, dict[str, str]]:
    """The pack's section names by code, each in every language it gives."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise PackError(f"{name}: “sections” must map a section's code to its names.")
    return {
        str(code): _texts(names, f"{name}, sections, {code}", required=True)
        for code, names in raw.items()
    }


def _sync_entries(
    pack: Pack, source: _Source, indicators: dict[str, Indicator], summary: LoadSummary
) -> None:
    """The pack's entries become exactly those of its file, in the file's order."""
    current = {e.indicator_id: e for e in PackEntry.objects.filter(pack=pack)}
    kept: set[int] = set()
    for position, entry in enumerate(source.data["indicators"], start=1):
        code = entry["code"]
        indicator = indicators.get(code)
        if indicator is None:
            raise PackError(f"{source.path.name}, {code}: no pack file defines this indicator.")
        if indicator.pk in kept:
            raise PackError(f"{source.path.name}, {code}: listed twice in the pack.")
        kept.add(indicator.pk)
        values: dict[str, Any] = {"section": str(entry.get("section") or ""), "order": position}
        notes = _texts(
            entry.get("source_note"), f"{source.path.name}, {code}, source_note", required=False
        )
        values.update({f"source_note_{lang}": text for lang, text in notes.items()})
        record = current.get(indicator.pk)
        if record is None:
            PackEntry.objects.create(pack=pack, indicator=indicator, **values)
            summary.entries_added += 1
        elif _apply(record, values):
            record.save()
            summary.entries_changed += 1
    stale = [entry.pk for indicator_id, entry in current.items() if indicator_id not in kept]
    if stale:
        PackEntry.objects.filter(pk__in=stale).delete()
        summary.entries_removed += len(stale)
