"""Project lists in and out of spreadsheets: export, and an all-or-nothing import with preview.

One set of columns both ways (COLUMNS, stable English headers, values as stored codes; lists
such as components and goals separated by commas), so an exported file can be edited and
imported back. The import checks every row the way the services do (`full_clean()`,
`require_translations`, the lead unit's university) and saves nothing unless every row is
good. A row with the Kazakh title and start date of a project already recorded updates it,
or leaves it alone when nothing changed, so importing the same file twice doubles nothing.
"""

import copy
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import openpyxl
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from qogam.core import spreadsheets
from qogam.core.i18n import CONTENT_LANGUAGES, require_translations
from qogam.core.spreadsheets import (
    CONTENT_TYPES,
    FORMATS,
    ImportPlan,
    ImportRefused,
    RowProblem,
    check_upload,
)
from qogam.core.tenancy import university_scope
from qogam.organisations.models import Unit
from qogam.projects.models import Project

# Shared with every import; named here so pages and tests read one module per app.
__all__ = ["CONTENT_TYPES", "FORMATS", "ImportRefused", "check_upload"]

COLUMNS = (
    "kind",
    "title_kk",
    "title_ru",
    "title_en",
    "description_kk",
    "description_ru",
    "description_en",
    "components",
    "lead_unit",
    "status",
    "starts_on",
    "ends_on",
    "budget",
    "sdgs",
    "district",
    "beneficiaries",
    "beneficiary_groups",
    "external_participants",
    "visibility",
)
REQUIRED_COLUMNS = ("kind", "title_kk", "components", "lead_unit", "starts_on")
CODE_COLUMNS = ("kind", "status", "visibility")
LIST_COLUMNS = ("components", "beneficiary_groups")
DATE_COLUMNS = ("starts_on", "ends_on")
INTEGER_COLUMNS = ("beneficiaries", "external_participants")
_SEPARATORS = re.compile(r"[,;\s]+")


# --- Export -----------------------------------------------------------------------------------


def _export_value(project: Project, column: str, unit_names: dict[int, str]):
    if column == "lead_unit":
        return unit_names.get(project.lead_unit_id, "")
    value = getattr(project, column)
    if column in LIST_COLUMNS or column == "sdgs":
        return ", ".join(str(v) for v in value or [])
    if isinstance(value, Decimal):
        return float(value)
    return value if value is not None else ""


def export_projects(qs: QuerySet[Project], file_format: str) -> bytes:
    """The projects in `qs`, in its order, as an .xlsx or UTF-8 .csv file."""
    if file_format not in FORMATS:
        raise ValueError(f"Unknown export format: {file_format!r}")
    projects = list(qs.select_related("lead_unit"))
    unit_names = {p.lead_unit_id: p.lead_unit.name_kk or p.lead_unit.name for p in projects}
    rows = [[_export_value(p, c, unit_names) for c in COLUMNS] for p in projects]
    if file_format == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([v.isoformat() if isinstance(v, date) else v for v in row])
        return out.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "projects"
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Reading a file ---------------------------------------------------------------------------


def read_rows(name: str, content: bytes) -> list[tuple[int, dict]]:
    """(spreadsheet row number, {column: value}) for each project row; see core.spreadsheets."""
    return spreadsheets.read_rows(name, content, columns=COLUMNS, required=REQUIRED_COLUMNS)


# --- Checking rows ----------------------------------------------------------------------------


@dataclass
class PlannedRow:
    row: int
    action: str  # "create", "update" or "unchanged"
    project: Project
    changed: list[str] = field(default_factory=list)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


class _Units:
    """The university's units, by any of their names (any language) and public id."""

    def __init__(self, university):
        self.by_key: dict[str, set[int]] = {}
        self.by_pk: dict[int, Unit] = {}
        for unit in Unit.objects.with_scopes_disabled().filter(university=university):
            self.by_pk[unit.pk] = unit
            keys = {str(unit.public_id)}
            for base in ("name", "short_name"):
                for code in CONTENT_LANGUAGES:
                    keys.add((getattr(unit, f"{base}_{code}") or "").strip().lower())
            for key in keys - {""}:
                self.by_key.setdefault(key, set()).add(unit.pk)

    def find(self, value: str) -> tuple[Unit | None, str]:
        found = self.by_key.get(value.strip().lower(), set())
        if len(found) == 1:
            return self.by_pk[next(iter(found))], ""
        if not found:
            return None, _("No unit of this university is called “%(name)s”.") % {"name": value}
        return None, _("Several units are called “%(name)s”; use the unit's id.") % {"name": value}


def _parse(values: dict, units: _Units) -> tuple[dict, list[tuple[str, str]]]:
    parsed: dict = {}
    errors: list[tuple[str, str]] = []
    for column, raw in values.items():
        text = _text(raw)
        if column in CODE_COLUMNS:
            if text:
                parsed[column] = text.lower()
        elif column in LIST_COLUMNS:
            parsed[column] = [v.lower() for v in _SEPARATORS.split(text) if v]
        elif column == "sdgs":
            parts = [v for v in _SEPARATORS.split(text) if v]
            if all(p.isdigit() for p in parts):
                parsed[column] = [int(p) for p in parts]
            else:
                errors.append((column, _("Give the goals as numbers 1 to 17, e.g. “3, 11”.")))
        elif column == "lead_unit":
            unit, problem = units.find(text) if text else (None, _("This field is required."))
            if unit is None:
                errors.append((column, problem))
            else:
                parsed["lead_unit"] = unit
        elif column in DATE_COLUMNS:
            if not text:
                parsed[column] = None
                continue
            try:
                parsed[column] = date.fromisoformat(text[:10])
            except ValueError:
                errors.append(
                    (column, _("“%(value)s” is not a date like 2026-03-01.") % {"value": text})
                )
        elif column == "budget":
            if not text:
                parsed[column] = None
                continue
            try:
                number = Decimal(text.replace(",", ".").replace(" ", ""))
            except InvalidOperation:
                number = None
            if number is None or not number.is_finite():
                errors.append((column, _("“%(value)s” is not a number.") % {"value": text}))
            else:
                parsed[column] = number.quantize(Decimal("0.01"))
        elif column in INTEGER_COLUMNS:
            if not text:
                parsed[column] = None if column == "beneficiaries" else 0
            elif text.isdigit():
                parsed[column] = int(text)
            else:
                errors.append((column, _("“%(value)s” is not a whole number.") % {"value": text}))
        else:
            parsed[column] = text
    return parsed, errors


def _problems_of(number: int, project: Project) -> list[RowProblem]:
    errors: dict[str, list[str]] = {}
    for check in (
        lambda: project.full_clean(exclude=["units", "responsible", "partners", "needs"]),
        lambda: require_translations(project, "title"),
    ):
        try:
            check()
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.setdefault(name, []).extend(messages)
    if "title" in errors:  # modeltranslation's `title` is the Kazakh column
        errors.setdefault("title_kk", []).extend(errors.pop("title"))
    return [
        RowProblem(number, "" if name == NON_FIELD_ERRORS else name, message)
        for name, messages in errors.items()
        for message in dict.fromkeys(messages)
    ]


def _same(stored, given) -> bool:
    return (stored if stored is not None else "") == (given if given is not None else "")


def plan_import(*, actor, university, rows: list[tuple[int, dict]]) -> ImportPlan:
    """What importing `rows` into `university` would do, and every row's problems. Saves nothing."""
    if not actor.has_perm("projects.import_projects_of", university):
        raise PermissionDenied(_("You may not import projects into this university."))
    plan = ImportPlan(university=university)
    with university_scope(university):
        units = _Units(university)
        existing = {
            (p.title_kk, p.starts_on): p for p in Project.objects.filter(university=university)
        }
        seen: dict[tuple, int] = {}
        for number, values in rows:
            parsed, unreadable = _parse(values, units)
            problems = [RowProblem(number, c, m) for c, m in unreadable]
            key = (parsed.get("title_kk"), parsed.get("starts_on"))
            if key in seen:
                problems.append(
                    RowProblem(
                        number,
                        "title_kk",
                        _("The same project as row %(row)d of this file.") % {"row": seen[key]},
                    )
                )
            seen.setdefault(key, number)
            current = existing.get(key)
            if current is not None:
                project = copy.copy(current)
                project._state = copy.copy(current._state)
                changed = [c for c, v in parsed.items() if not _same(getattr(project, c), v)]
                for column in changed:
                    setattr(project, column, parsed[column])
                action = "update" if changed else "unchanged"
            else:
                project = Project(university=university, **parsed)
                changed, action = [], "create"
            if not unreadable and action != "unchanged":
                problems.extend(_problems_of(number, project))
            plan.rows.append(PlannedRow(number, action, project, changed))
            plan.problems.extend(problems)
    return plan


def import_projects(*, actor, university, rows: list[tuple[int, dict]]) -> ImportPlan:
    """Create and update the university's projects from `rows`, all of them or none."""
    with transaction.atomic(), university_scope(university):
        plan = plan_import(actor=actor, university=university, rows=rows)
        if not plan.is_clean:
            raise ImportRefused(plan)
        for planned in plan.rows:
            if planned.action == "create":
                planned.project.save()
            elif planned.action == "update":
                fields = ["lead_unit" if c == "lead_unit" else c for c in planned.changed]
                planned.project.save(update_fields=[*fields, "updated_at"])
    return plan
