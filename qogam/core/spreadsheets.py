"""Reading spreadsheets for imports, and the plan an all-or-nothing import shows first.

Each app's `importing.py` names its columns and checks its rows; what every import shares
lives here: which files are accepted (the content decides, not the name), reading the header
and rows of an .xlsx or a CSV file, and the plan of problems named by row and column.
"""

import csv
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import filetype
import openpyxl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_ROWS = 10_000
FORMATS = ("xlsx", "csv")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"xlsx": XLSX_MIME, "csv": "text/csv; charset=utf-8"}


def check_upload(name: str, content: bytes) -> str:
    """The file's real format, "xlsx" or "csv"; ValidationError when it is neither or too big.

    The content decides, not the name: a text file named .xlsx, or a workbook named .csv, is
    refused.
    """
    limit_mb = settings.UPLOAD_MAX_MB
    if len(content) > limit_mb * 1024 * 1024:
        raise ValidationError(
            _("The file is %(size).1f MB; the limit is %(limit)d MB.")
            % {"size": len(content) / 1024 / 1024, "limit": limit_mb},
            code="too_large",
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in FORMATS:
        raise ValidationError(
            _("Upload an Excel workbook (.xlsx) or a CSV file (.csv)."), code="wrong_type"
        )
    kind = filetype.guess(content)
    if extension == "xlsx":
        if kind is None or kind.mime != XLSX_MIME:
            raise ValidationError(
                _("The file's name ends in “.xlsx” but it is not an Excel workbook."),
                code="wrong_type",
            )
        return "xlsx"
    if kind is not None or b"\x00" in content[:8192]:
        raise ValidationError(
            _("The file's name ends in “.csv” but it is not a text file."), code="wrong_type"
        )
    return "csv"


def read_rows(
    name: str,
    content: bytes,
    *,
    columns: Sequence[str],
    required: Sequence[str],
    cell: Callable[[Any], Any] | None = None,
) -> list[tuple[int, dict]]:
    """(spreadsheet row number, {column: value}) for every non-empty row below the header.

    The header is row 1 and the first data row is row 2, as the spreadsheet shows them; `cell`
    converts each value. Raises ValidationError for a problem with the whole file (type, size,
    headers, length).
    """
    file_format = check_upload(name, content)
    records = _xlsx_records(content) if file_format == "xlsx" else _csv_records(content)
    header = next(records, None)
    if header is None:
        raise ValidationError(_("The file is empty."), code="empty")
    found = [str(h).strip().lower() if h is not None else "" for h in header]
    unknown = [c for c in found if c and c not in columns]
    if unknown:
        raise ValidationError(
            _("Unknown columns: %(columns)s. The columns are: %(known)s.")
            % {"columns": ", ".join(unknown), "known": ", ".join(columns)},
            code="unknown_columns",
        )
    missing = [c for c in required if c not in found]
    if missing:
        raise ValidationError(
            _("Required columns are missing: %(columns)s.") % {"columns": ", ".join(missing)},
            code="missing_columns",
        )
    repeated = sorted({c for c in found if c and found.count(c) > 1})
    if repeated:
        raise ValidationError(
            _("Columns appear twice: %(columns)s.") % {"columns": ", ".join(repeated)},
            code="repeated_columns",
        )
    convert = cell or (lambda value: value)
    rows = []
    for number, record in enumerate(records, start=2):
        values = {c: convert(value) for c, value in zip(found, record, strict=False) if c}
        if not any(v not in ("", None) for v in values.values()):
            continue  # an empty line between rows is not a record
        if len(rows) == MAX_ROWS:
            raise ValidationError(
                _("The file has more than %(limit)d rows; split it into several files.")
                % {"limit": MAX_ROWS},
                code="too_many_rows",
            )
        rows.append((number, values))
    return rows


def _xlsx_records(content: bytes):
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ValidationError(
            _("The workbook could not be read; save it again in Excel as .xlsx."),
            code="unreadable",
        ) from exc
    try:
        # Read-only sheets yield an empty row for each missing one, so row numbers hold.
        yield from workbook.worksheets[0].iter_rows(values_only=True)
    finally:
        workbook.close()


def _csv_records(content: bytes):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _("The CSV file is not in UTF-8; in Excel choose “CSV UTF-8” when saving."),
            code="encoding",
        ) from exc
    # Excel in Russian and Kazakh locales separates with ";" (the comma is the decimal mark).
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    message: str


@dataclass
class ImportPlan:
    """What an import would do, row by row; each app's rows say what they hold."""

    university: object
    rows: list = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        return not self.problems

    def with_action(self, action: str) -> list:
        return [r for r in self.rows if r.action == action]

    @property
    def to_create(self) -> list:
        return self.with_action("create")

    @property
    def to_update(self) -> list:
        return self.with_action("update")

    @property
    def unchanged(self) -> list:
        return self.with_action("unchanged")

    @property
    def problem_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems})


class ImportRefused(ValidationError):
    """The file has bad rows; `plan` says which. Nothing was saved."""

    def __init__(self, plan: ImportPlan):
        super().__init__(_("The file has rows with problems; nothing was saved."), code="refused")
        self.plan = plan
