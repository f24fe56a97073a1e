"""The evidence pack for a ranking submission: per SDG chosen, the indicators and their evidence
as a ZIP with an index.

For every indicator of the university tagged with a chosen goal (Indicator.sdgs), the pack
holds its value for the period (from the report's snapshot when there is one, so the figures
match what was reported), and what backs it:

* computed values: the records behind the number, listed as CSV (the provenance);
* entered values and ranking evidence items: the answer and options ticked, the evidence files
  copied into the ZIP, and the evidence links with whether anyone can open them.

An indicator tagged with several chosen goals is stored once under indicators/<code>/ and
listed under each goal in index.html and index.csv. The ZIP is written to a spooled temporary
file, so only its small parts sit in memory while it is made; its size is bounded by the limits
below, checked when the pack is asked for and again while it is made.
"""

import csv
import io
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from qogam.core.i18n import translated
from qogam.indicators import compute, evidence_export, queries
from qogam.indicators.enums import Method
from qogam.indicators.models import Indicator, ManualValue, SnapshotValue, ValueEvidence
from qogam.indicators.services.entries import absolute_url
from qogam.reports.services import report_period

# What one pack may hold: a ranking's portal takes a few hundred documents per submission,
# and a bigger pack would not finish in a worker's time or fit in its memory.
MAX_FILES = 500
MAX_BYTES = 200 * 1024 * 1024
# Records listed per computed indicator; the rest are counted in the index.
MAX_RECORDS = 10_000
# Files are read in pieces of this size when copied into the ZIP.
SPOOL_BYTES = 16 * 1024 * 1024
ENTERED = (Method.MANUAL, Method.EVIDENCE)


# --- What the pack holds ----------------------------------------------------------------------


def tagged_indicators(university_id: int, sdgs: Sequence[int]) -> list[Indicator]:
    """The university's indicators tagged with any of the goals, by code."""
    wanted = {int(goal) for goal in sdgs}
    indicators = queries.active_indicators(university_id).order_by("code")
    return [i for i in indicators if wanted & {int(goal) for goal in i.sdgs or []}]


def entries_of(university_id: int, indicators: Sequence[Indicator], year: int, unit) -> dict:
    """Entered values (any status) of the year for the university or unit, by indicator."""
    wanted = [i for i in indicators if i.method in ENTERED]
    if not wanted:
        return {}
    periods = {i.pk: compute.period_in_year(i, year).key for i in wanted}
    rows = ManualValue.objects.filter(
        university_id=university_id,
        indicator__in=wanted,
        unit=unit,
        period__in=set(periods.values()),
    ).prefetch_related(Prefetch("evidence", queryset=ValueEvidence.objects.order_by("pk")))
    return {row.indicator_id: row for row in rows if row.period == periods[row.indicator_id]}


def files_of(*, university_id: int, year: int, sdgs: Sequence[int], unit=None) -> tuple[int, int]:
    """How many evidence files the pack would copy, and their bytes together."""
    entries = entries_of(university_id, tagged_indicators(university_id, sdgs), year, unit)
    count = size = 0
    for entry in entries.values():
        for item in entry.evidence.all():
            if item.file:
                count += 1
                size += _size(item)
    return count, size


def _size(item: ValueEvidence) -> int:
    try:
        return item.file.size
    except OSError:
        return 0


def limit_problems(*, files: int, size: int) -> list[str]:
    problems = []
    if files > MAX_FILES:
        problems.append(
            _(
                "The pack would copy %(files)d evidence files; one pack holds at most %(limit)d. "
                "Choose fewer goals, or a unit."
            )
            % {"files": files, "limit": MAX_FILES}
        )
    if size > MAX_BYTES:
        problems.append(
            _(
                "The pack's evidence files come to %(size)d MB; one pack holds at most "
                "%(limit)d MB. Choose fewer goals, or a unit."
            )
            % {"size": size // (1024 * 1024), "limit": MAX_BYTES // (1024 * 1024)}
        )
    return problems


# --- The index ---------------------------------------------------------------------------------


@dataclass
class IndexRow:
    """One line of the index: a goal, an indicator and one piece of its evidence."""

    sdg: int
    code: str
    name: str
    method: str
    period: str
    value: str
    target: str
    status: str = ""
    answer: str = ""
    options: str = ""
    kind: str = ""
    title: str = ""
    # A path inside the ZIP for a file or a record list; the address for a link.
    location: str = ""
    is_link: bool = False
    public: str = ""
    description: str = ""
    on: str = ""


def index_columns() -> list[tuple[str, str]]:
    return [
        ("sdg", _("Goal")),
        ("code", _("Indicator code")),
        ("name", _("Indicator")),
        ("method", _("How it is measured")),
        ("period", _("Period")),
        ("value", _("Value")),
        ("target", _("Target")),
        ("status", _("Status of the entry")),
        ("answer", _("Answer")),
        ("options", _("Options ticked")),
        ("kind", _("Kind of evidence")),
        ("title", _("Evidence")),
        ("location", _("File in the pack or address")),
        ("public", _("Public link")),
        ("description", _("Description")),
        ("on", _("Activity date")),
    ]


@dataclass
class IndicatorPart:
    """An indicator's value and evidence, written once, listed under each of its goals."""

    indicator: Indicator
    period: str
    value: str
    target: str
    note: str = ""
    status: str = ""
    answer: str = ""
    options: str = ""
    evidence: list[dict] = field(default_factory=list)


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    # "f": a whole 10 stays "10", where normalize() alone would write "1E+1".
    return format(compute.round_value(Decimal(value), 2).normalize(), "f")


def _safe_name(name: str, fallback: str) -> str:
    """A file name safe inside a ZIP on every system: no folders, no odd characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    base = re.sub(r"[^\w.\-]+", "-", base, flags=re.UNICODE).strip(".-")
    return base[:120] or fallback


def _csv_bytes(header: Sequence[str], rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([evidence_export._cell(cell) for cell in row])
    # A byte-order mark so spreadsheet programs read Kazakh and Russian letters as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# --- Making the pack ---------------------------------------------------------------------------


class _Pack:
    def __init__(self, report, progress: Callable[[int, str], None]):
        self.report = report
        self.progress = progress
        self.university_id = report.university_id
        self.year = report_period(report.period).year
        self.files = 0
        self.bytes = 0

    def values(self, indicators: Sequence[Indicator]) -> dict[int, tuple[str, str, str, str]]:
        """(period, value, target, note) by indicator: frozen ones from the snapshot."""
        if self.report.snapshot_id:
            frozen = {
                row.indicator_id: row
                for row in SnapshotValue.objects.filter(
                    snapshot_id=self.report.snapshot_id, indicator__in=list(indicators)
                )
            }
            found = {}
            for indicator in indicators:
                row = frozen.get(indicator.pk)
                if row is None:
                    period = compute.period_in_year(indicator, self.year).key
                    found[indicator.pk] = (period, "", "", _("Not in the snapshot."))
                else:
                    note = "" if row.value is not None else _("No data in the snapshot.")
                    found[indicator.pk] = (
                        row.period,
                        _number(row.value),
                        _number(row.target),
                        note,
                    )
            return found
        evaluated = compute.evaluate(
            indicators,
            university_id=self.university_id,
            period_for=lambda i: compute.period_in_year(i, self.year),
            unit=self.report.unit,
        )
        return {
            v.indicator.pk: (v.period.key, _number(v.value), _number(v.target), str(v.note))
            for v in evaluated
        }

    def records(self, book: zipfile.ZipFile, indicator: Indicator, folder: str) -> dict | None:
        found = compute.provenance(
            indicator,
            university_id=self.university_id,
            period=compute.period_in_year(indicator, self.year),
            unit=self.report.unit,
        )
        if found is None:
            return None
        measure, records = found
        total = records.count()
        rows = []
        for record in records[:MAX_RECORDS]:
            row = measure.row(record)
            rows.append(
                [
                    str(row.title),
                    absolute_url(row.url),
                    row.on.isoformat() if row.on else "",
                    str(row.detail or ""),
                    "" if row.counted is None else str(row.counted),
                ]
            )
        header = [_("Record"), _("Address"), _("Date"), _("Detail"), _("Counted")]
        path = f"{folder}/records.csv"
        book.writestr(path, _csv_bytes(header, rows))
        title = _("%(count)d records behind the value") % {"count": total}
        if total > len(rows):
            title = _("%(listed)d of %(count)d records behind the value") % {
                "listed": len(rows),
                "count": total,
            }
        return {"kind": _("Records"), "title": title, "location": path, "is_link": False}

    def copy_file(self, book: zipfile.ZipFile, item: ValueEvidence, folder: str) -> dict:
        name = f"{folder}/evidence/{item.pk}-{_safe_name(item.file_name or item.file.name, 'file')}"
        self.files += 1
        self.bytes += _size(item)
        problems = limit_problems(files=self.files, size=self.bytes)
        if problems:
            # Files were added since the pack was asked for.
            raise ValidationError(problems)
        try:
            with item.file.open("rb") as source, book.open(name, "w", force_zip64=True) as target:
                shutil.copyfileobj(source, target, 1024 * 1024)
        except FileNotFoundError:
            return {
                "kind": _("Evidence file"),
                "title": item.title,
                "location": _("The file is missing from storage."),
                "is_link": False,
            }
        return {"kind": _("Document"), "title": item.title, "location": name, "is_link": False}

    def part(
        self, book: zipfile.ZipFile, indicator: Indicator, value: tuple, entry: ManualValue | None
    ) -> IndicatorPart:
        period, number, target, note = value
        folder = f"indicators/{_safe_name(indicator.code, str(indicator.pk))}"
        part = IndicatorPart(indicator, period, number, target, note=note)
        if indicator.method == Method.COMPUTED:
            listed = self.records(book, indicator, folder)
            if listed:
                part.evidence.append(listed)
            return part
        if entry is None:
            return part
        part.status = entry.get_status_display()
        part.answer = evidence_export.answer_text(indicator, entry)
        part.options = evidence_export.options_text(indicator, entry)
        for item in entry.evidence.all():
            extra = {
                "description": item.description,
                "on": item.on.isoformat() if item.on else "",
            }
            if item.file:
                part.evidence.append({**self.copy_file(book, item, folder), **extra})
            if item.url:
                part.evidence.append(
                    {
                        "kind": _("Link"),
                        "title": item.title,
                        "location": absolute_url(item.url),
                        "is_link": True,
                        "public": _("yes") if item.is_public else _("no"),
                        **extra,
                    }
                )
        return part


def _index_rows(sdgs: Sequence[int], parts: list[IndicatorPart]) -> list[IndexRow]:
    rows = []
    for goal in sdgs:
        for part in parts:
            if goal not in {int(g) for g in part.indicator.sdgs or []}:
                continue
            common = {
                "sdg": goal,
                "code": part.indicator.code,
                "name": translated(part.indicator, "name").text,
                "method": str(part.indicator.get_method_display()),
                "period": part.period,
                "value": part.value or part.note or _("No data"),
                "target": part.target,
                "status": str(part.status),
                "answer": part.answer,
                "options": part.options,
            }
            if not part.evidence:
                rows.append(
                    IndexRow(**common, kind=_("No evidence"), title=_("No evidence recorded."))
                )
            for item in part.evidence:
                rows.append(
                    IndexRow(
                        **common,
                        kind=str(item["kind"]),
                        title=str(item["title"]),
                        location=str(item["location"]),
                        is_link=item["is_link"],
                        public=str(item.get("public", "")),
                        description=str(item.get("description", "")),
                        on=str(item.get("on", "")),
                    )
                )
    return rows


def filename_of(report) -> str:
    goals = "-".join(str(goal) for goal in report.sdgs)
    period = report.period.replace("/", "-")
    return f"evidence-pack-{slugify(report.university.slug)}-{period}-sdg-{goals}.zip"


def render(report, progress: Callable[[int, str], None]) -> tuple[str, bytes]:
    """The report's evidence pack as (file name, ZIP bytes); writes nothing to the report."""
    pack = _Pack(report, progress)
    sdgs = [int(goal) for goal in report.sdgs]
    progress(5, _("Finding the indicators of the goals chosen"))
    indicators = tagged_indicators(report.university_id, sdgs)
    values = pack.values(indicators)
    entries = entries_of(report.university_id, indicators, pack.year, report.unit)
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as book:
            parts = []
            for number, indicator in enumerate(indicators, start=1):
                progress(
                    10 + 80 * number // max(len(indicators), 1),
                    _("Collecting the evidence of %(code)s") % {"code": indicator.code},
                )
                parts.append(
                    pack.part(book, indicator, values[indicator.pk], entries.get(indicator.pk))
                )
            progress(92, _("Writing the index"))
            rows = _index_rows(sdgs, parts)
            columns = index_columns()
            book.writestr(
                "index.csv",
                _csv_bytes(
                    [str(label) for _key, label in columns],
                    ([getattr(row, key) for key, _label in columns] for row in rows),
                ),
            )
            book.writestr(
                "index.html",
                render_to_string(
                    "reports/evidence/index.html",
                    {
                        "report": report,
                        "rows": rows,
                        "goals": sdgs,
                        "indicators": len(indicators),
                        "files": pack.files,
                        "made_at": timezone.now(),
                    },
                ),
            )
        spool.seek(0)
        content = spool.read()
    return filename_of(report), content
