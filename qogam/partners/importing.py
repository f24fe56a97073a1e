"""Partner lists in and out of spreadsheets: export, and an all-or-nothing import with preview.

One set of columns both ways (COLUMNS, stable English headers, values as stored codes), so an
exported file can be edited and imported back. Contacts are personal data and never leave.

The import reads the whole file, checks every row the way `services.create_organisation` and
`update_organisation` do (the same duplicate rule, `full_clean()` and `require_translations`),
and saves nothing unless every row is good. A row that matches one existing partner of the
university (same BIN, or the same normalised name in the same city) updates that partner, or
is left alone when nothing changed, so importing the same file twice doubles nothing.
"""

import copy
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from import_export import resources

from qogam.core import spreadsheets
from qogam.core.i18n import CONTENT_LANGUAGES, require_translations
from qogam.core.spreadsheets import (
    CONTENT_TYPES,
    FORMATS,
    MAX_ROWS,
    XLSX_MIME,
    ImportPlan,
    ImportRefused,
    RowProblem,
    check_upload,
)
from qogam.core.tenancy import university_scope
from qogam.partners import services
from qogam.partners.models import PartnerOrganisation

# Shared with every import; named here so pages and tests read one module per app.
__all__ = ["CONTENT_TYPES", "FORMATS", "MAX_ROWS", "XLSX_MIME", "ImportRefused", "check_upload"]

# The spreadsheet's columns, in order. Headers are these names, in English, in every language:
# files travel between people who read the interface in different languages.
COLUMNS = (
    "kind",
    "name_kk",
    "name_ru",
    "name_en",
    "short_name_kk",
    "short_name_ru",
    "short_name_en",
    "bin",
    "region",
    "district",
    "city",
    "address",
    "latitude",
    "longitude",
    "website",
)
REQUIRED_COLUMNS = ("kind", "name_kk", "region")
CODE_COLUMNS = ("kind", "region")
DECIMAL_COLUMNS = ("latitude", "longitude")


# --- Export -----------------------------------------------------------------------------------


class PartnerExportResource(resources.ModelResource):
    class Meta:
        model = PartnerOrganisation
        fields = COLUMNS
        export_order = COLUMNS


def export_organisations(qs: QuerySet[PartnerOrganisation], file_format: str) -> bytes:
    """The partners in `qs`, in its order, as an .xlsx or UTF-8 .csv file; never contacts."""
    if file_format not in FORMATS:
        raise ValueError(f"Unknown export format: {file_format!r}")
    # Native types keep coordinates numbers in Excel and "43.238000", not a localised
    # "43,238", in CSV: the export is read back by the import.
    dataset = PartnerExportResource().export(queryset=qs, force_native_type=True)
    if file_format == "csv":
        return dataset.export("csv").encode("utf-8-sig")  # the BOM makes Excel read UTF-8
    return dataset.export("xlsx")


# --- Reading a file ---------------------------------------------------------------------------


def _cell(value) -> str | Decimal | None:
    if value is None:
        return ""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return str(value).strip()


def read_rows(name: str, content: bytes) -> list[tuple[int, dict]]:
    """(spreadsheet row number, {column: value}) for each partner row; see core.spreadsheets."""
    return spreadsheets.read_rows(
        name, content, columns=COLUMNS, required=REQUIRED_COLUMNS, cell=_cell
    )


# --- Checking rows ----------------------------------------------------------------------------


@dataclass
class PlannedRow:
    row: int
    action: str  # "create", "update" or "unchanged"
    organisation: PartnerOrganisation
    changed: list[str] = field(default_factory=list)


def _name_keys(names, city: str) -> set[tuple[str, str]]:
    """The keys of services.find_duplicates' name rule: a normalised name in a city."""
    city = (city or "").strip().lower()
    if not city:
        return set()
    return {(services.normalise_name(n), city) for n in names if n and n.strip()}


def _names(organisation: PartnerOrganisation) -> list[str]:
    return [getattr(organisation, f"name_{c}") or "" for c in CONTENT_LANGUAGES]


class _Existing:
    """The university's partners, indexed once by BIN and by name-in-city.

    The same rule as services.find_duplicates, loaded in one query instead of one per row:
    a thousand-row file would otherwise read the city's partners a thousand times.
    """

    def __init__(self, university):
        self.by_pk: dict[int, PartnerOrganisation] = {}
        self.by_bin: dict[str, int] = {}
        self.by_name: dict[tuple[str, str], set[int]] = {}
        for organisation in PartnerOrganisation.objects.filter(university=university):
            self.by_pk[organisation.pk] = organisation
            if organisation.bin:
                self.by_bin[organisation.bin] = organisation.pk
            for key in _name_keys(_names(organisation), organisation.city):
                self.by_name.setdefault(key, set()).add(organisation.pk)

    def matches(self, bin: str, names: list[str], city: str) -> set[int]:
        found = {self.by_bin[bin]} if bin and bin in self.by_bin else set()
        for key in _name_keys(names, city):
            found |= self.by_name.get(key, set())
        return found


def _parse_values(values: dict) -> tuple[dict, list[tuple[str, str]]]:
    """Cell values as model values, and the cells that cannot be read at all."""
    parsed, errors = {}, []
    for column, value in values.items():
        if column in DECIMAL_COLUMNS:
            if value in ("", None):
                parsed[column] = None
                continue
            try:
                # A comma decimal mark comes from Russian and Kazakh locales.
                number = Decimal(str(value).replace(",", ".").replace(" ", ""))
            except InvalidOperation:
                errors.append((column, _("“%(value)s” is not a number.") % {"value": value}))
                continue
            if not number.is_finite():
                errors.append((column, _("“%(value)s” is not a number.") % {"value": value}))
                continue
            # Six decimals, as the database keeps them (more would be refused as too precise).
            parsed[column] = number.quantize(Decimal("0.000001"))
        elif column == "bin" and isinstance(value, Decimal):
            # Excel turns a BIN typed as a number into one and drops its leading zeros.
            parsed[column] = str(int(value)).zfill(12) if value == value.to_integral() else ""
            if not parsed[column]:
                errors.append((column, _("A BIN has exactly 12 digits.")))
        else:
            text = str(value) if not isinstance(value, str) else value
            if isinstance(value, Decimal) and value == value.to_integral():
                text = str(int(value))
            parsed[column] = text.lower() if column in CODE_COLUMNS else text
    return parsed, errors


def _constraint_fields() -> frozenset[str]:
    names = set()
    for constraint in PartnerOrganisation._meta.constraints:
        names |= set(getattr(constraint, "fields", ()) or ())
        condition = getattr(constraint, "condition", None)
        if condition is not None:
            names |= set(condition.referenced_base_fields)
    return frozenset(names)


def _validation_problems(row: int, organisation: PartnerOrganisation) -> list[RowProblem]:
    """full_clean() and require_translations, as services._check_organisation runs them.

    The model's constraints are checked with the fields they do not mention excluded: Django
    otherwise sends every column of the row (sixty with the translations) into each check's
    query, which made a thousand rows take ten seconds instead of one.
    """
    errors: dict[str, list[str]] = {}

    def collect(check) -> None:
        try:
            check()
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.setdefault(name, []).extend(messages)

    collect(lambda: organisation.full_clean(validate_constraints=False))
    unrelated = {f.name for f in organisation._meta.concrete_fields} - _constraint_fields()
    # The one-BIN-per-university constraint is what the duplicate index has just checked
    # for this row (as find_duplicates does before full_clean in the services), and the
    # database enforces it again when the rows are saved in one transaction.
    unrelated |= {"bin"}
    collect(lambda: organisation.validate_constraints(exclude=unrelated | set(errors)))
    collect(lambda: require_translations(organisation, "name"))
    # modeltranslation's `name` is the Kazakh column read with fallback: report it there.
    if "name" in errors:
        errors.setdefault("name_kk", []).extend(errors.pop("name"))
    problems = []
    for name, messages in errors.items():
        column = "" if name == NON_FIELD_ERRORS else name
        for message in dict.fromkeys(messages):
            problems.append(RowProblem(row, column, message))
    return problems


def plan_import(*, actor, university, rows: list[tuple[int, dict]]) -> ImportPlan:
    """What importing `rows` into `university` would do, and every row's problems.

    Saves nothing. Each row is checked against the university's partners and against the
    file's own earlier rows.
    """
    if not actor.has_perm("partners.manage_partners_of", university):
        raise PermissionDenied(_("You may not add partners to this university."))
    plan = ImportPlan(university=university)
    with university_scope(university):
        existing = _Existing(university)
        # What earlier rows of the file hold: BINs, names in cities, partners they change.
        seen: tuple[dict, dict, dict] = ({}, {}, {})
        for number, values in rows:
            plan.problems.extend(_plan_row(plan, existing, seen, university, number, values))
    return plan


def _same(stored, given) -> bool:
    # modeltranslation keeps an empty translation as NULL; a spreadsheet cell as "".
    return (stored if stored is not None else "") == (given if given is not None else "")


def _plan_row(plan, existing, seen, university, number, values):
    seen_bins, seen_names, plan_claims = seen
    parsed, unreadable = _parse_values(values)
    problems = [RowProblem(number, column, message) for column, message in unreadable]
    bin_value = parsed.get("bin", "")
    names = [parsed.get(f"name_{c}", "") for c in CONTENT_LANGUAGES]
    city = parsed.get("city", "")

    # The same partner twice in the file: the second row would double it.
    earlier = seen_bins.get(bin_value) if bin_value else None
    name_keys = _name_keys(names, city)
    if earlier is None:
        earlier = next((seen_names[k] for k in name_keys if k in seen_names), None)
    if earlier is not None:
        problems.append(
            RowProblem(
                number,
                "bin" if bin_value and seen_bins.get(bin_value) else "name_kk",
                _("The same partner as row %(row)d of this file.") % {"row": earlier},
            )
        )
    if bin_value:
        seen_bins.setdefault(bin_value, number)
    for key in name_keys:
        seen_names.setdefault(key, number)

    matches = existing.matches(bin_value, names, city)
    if len(matches) > 1:
        found = services.duplicate_error([existing.by_pk[pk] for pk in sorted(matches)])
        problems.append(
            RowProblem(
                number,
                "bin" if bin_value in existing.by_bin else "name_kk",
                f"{found.message} "
                + _("This row matches more than one of them; correct the row or those records."),
            )
        )
        return problems
    if matches:
        current = existing.by_pk[matches.pop()]
        claimed_by = plan_claims.setdefault(current.pk, number)
        if claimed_by != number:
            problems.append(
                RowProblem(
                    number,
                    "bin" if bin_value in existing.by_bin else "name_kk",
                    _("Row %(row)d of this file already changes the partner “%(name)s”.")
                    % {"row": claimed_by, "name": current},
                )
            )
        # A copy, not the instance: __init__ would route `name` into a language column.
        organisation = copy.copy(current)
        organisation._state = copy.copy(current._state)
        changed = [c for c, v in parsed.items() if not _same(getattr(organisation, c), v)]
        for column in changed:
            setattr(organisation, column, parsed[column])
        action = "update" if changed else "unchanged"
    else:
        organisation = PartnerOrganisation(university=university, **parsed)
        changed = []
        action = "create"
    # An unchanged row writes nothing, and what it matches was checked when it was saved.
    if not unreadable and action != "unchanged":
        problems.extend(_validation_problems(number, organisation))
    plan.rows.append(PlannedRow(number, action, organisation, changed))
    return problems


def import_partners(*, actor, university, rows: list[tuple[int, dict]]) -> ImportPlan:
    """Create and update the university's partners from `rows`, all of them or none.

    The rows are checked again inside the transaction, against the partners as they are now
    (someone may have added one since the preview); any problem raises ImportRefused.
    """
    with transaction.atomic(), university_scope(university):
        plan = plan_import(actor=actor, university=university, rows=rows)
        if not plan.is_clean:
            raise ImportRefused(plan)
        for planned in plan.rows:
            if planned.action == "create":
                planned.organisation.save()
            elif planned.action == "update":
                # Only the columns in the file change; units, description and visibility stay.
                planned.organisation.save(update_fields=[*planned.changed, "updated_at"])
    return plan
