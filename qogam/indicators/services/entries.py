"""Entered values: a unit's number (or a ranking evidence item's answer) for a period, its
evidence, and the office's approval.

A value goes draft → submitted → approved (or returned with a note). Only approved values
count (compute.evaluate); changing an approved value puts it back to draft, so a reported
figure is never changed without a second look. ManualValue is under the audit trail, which
records who submitted, approved or returned it and when.
"""

import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from qogam.core.i18n import fallback_order
from qogam.core.tenancy import university_scope
from qogam.core.uploads import DOCUMENTS, IMAGES, OFFICE, FileCheck
from qogam.indicators import compute
from qogam.indicators.enums import Method, ValueStatus
from qogam.indicators.models import Indicator, ManualValue, ValueEvidence
from qogam.indicators.periods import Period, parse_period

# Evidence files: what a ranking's data-collection portal accepts and people have at hand.
# Office documents wait for core.uploads to know them (see the report of this part).
EVIDENCE_TYPES = DOCUMENTS + OFFICE + IMAGES
EVIDENCE_CHECK = FileCheck(EVIDENCE_TYPES)
ENTERED_METHODS = (Method.MANUAL, Method.EVIDENCE)
# How many records of a computed indicator are offered as evidence for an item.
SUGGESTION_LIMIT = 25
# Pages of the public portal: a record linked there can be opened by anyone.
PORTAL_PREFIX = "portal/"


def _require(actor, perm: str, record, message: str) -> None:
    if not actor.has_perm(perm, record):
        raise PermissionDenied(message)


def _locked(entry: ManualValue) -> ManualValue:
    return ManualValue.objects.select_for_update().select_related("indicator").get(pk=entry.pk)


def _reopen(entry: ManualValue) -> None:
    """A change to an approved value takes the approval away: it goes back to draft."""
    if entry.status == ValueStatus.APPROVED:
        entry.status = ValueStatus.DRAFT
        entry.submitted_at = None
        entry.reviewed_by = None
        entry.reviewed_at = None


def option_label(option: dict, language: str | None = None) -> str:
    """An option's label in the reader's language, falling back kk → ru → en."""
    label = option.get("label") or {}
    if isinstance(label, str):
        return label
    for code in fallback_order(language or get_language()):
        if label.get(code):
            return str(label[code])
    return str(option.get("key", ""))


def option_choices(indicator: Indicator) -> list[tuple[str, str]]:
    return [(str(o.get("key")), option_label(o)) for o in indicator.options or []]


def answer_choices(indicator: Indicator) -> list[tuple[str, str]]:
    """The answers an evidence item accepts: yes/no, or one of its levels."""
    if indicator.answer_kind == "yes_no":
        return [("yes", _("Yes")), ("no", _("No"))]
    if indicator.answer_kind == "level":
        return option_choices(indicator)
    return []


def _check_answer(indicator: Indicator, answer: str, options: Sequence[str]) -> dict:
    errors: dict[str, str] = {}
    accepted = {key for key, _label in answer_choices(indicator)}
    if indicator.answer_kind in ("yes_no", "level"):
        if not answer:
            errors["answer"] = _("Choose an answer.")
        elif answer not in accepted:
            errors["answer"] = _("“%(answer)s” is not an answer of this item.") % {"answer": answer}
    elif answer:
        errors["answer"] = _("This item is answered by ticking options.")
    known = {key for key, _label in option_choices(indicator)}
    unknown = sorted(set(options) - known)
    if unknown:
        errors["options"] = _("The item has no option “%(options)s”.") % {
            "options": ", ".join(unknown)
        }
    if indicator.answer_kind == "level" and options:
        errors["options"] = _("A level is chosen as the answer, not ticked.")
    return errors


def _number(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise ValidationError({"value": _("Write the value as a number.")}, code="invalid") from exc


def save_value(
    *,
    actor,
    university,
    indicator: Indicator,
    period: str,
    unit=None,
    value: Any = None,
    answer: str = "",
    options: Iterable[str] = (),
    explanation: str = "",
) -> ManualValue:
    """Create or change the value of an indicator for a unit (or the whole university) and
    period. Errors name the field; nothing is saved when one is raised."""
    university_id = getattr(university, "pk", university)
    candidate = ManualValue(university_id=university_id, indicator=indicator, unit=unit)
    _require(
        actor,
        "indicators.change_manualvalue",
        candidate,
        _("You may not enter values for this university or unit."),
    )
    if indicator.method not in ENTERED_METHODS:
        raise ValidationError(
            {"indicator": _("This indicator is computed from the records, not entered.")},
            code="not_entered",
        )
    if not Indicator.objects.available_to([university_id]).filter(pk=indicator.pk).exists():
        raise ValidationError({"indicator": _("The indicator is not available here.")})
    try:
        key = parse_period(indicator.period_type, period).key
    except ValueError as exc:
        raise ValidationError({"period": str(exc)}, code="bad_period") from exc
    options = [str(option) for option in options or []]
    answer = (answer or "").strip()
    errors: dict[str, str] = {}
    number = None
    if indicator.method == Method.MANUAL:
        number = _number(value)
        if number is None:
            errors["value"] = _("Enter the value.")
    else:
        errors.update(_check_answer(indicator, answer, options))
    if errors:
        raise ValidationError(errors, code="invalid")
    with transaction.atomic(), university_scope(university_id):
        entry = (
            ManualValue.objects.select_for_update()
            .filter(
                university_id=university_id,
                indicator=indicator,
                unit=unit,
                period=key,
            )
            .first()
        )
        if entry is None:
            entry = ManualValue(
                university_id=university_id,
                indicator=indicator,
                unit=unit,
                period=key,
                entered_by=actor,
            )
        else:
            _reopen(entry)
        entry.value = number
        entry.answer = answer
        entry.options = options
        entry.explanation = (explanation or "").strip()
        entry.full_clean()
        entry.save()
    return entry


def add_evidence(
    *,
    actor,
    entry: ManualValue,
    title: str,
    url: str = "",
    file=None,
    is_public: bool = False,
    on: date | None = None,
    description: str = "",
) -> ValueEvidence:
    """A document or link that backs the value; a link, a file or both."""
    _require(
        actor,
        "indicators.change_manualvalue",
        entry,
        _("You may not change this value."),
    )
    title = (title or "").strip()
    url = (url or "").strip()
    errors: dict[str, Any] = {}
    if not title:
        errors["title"] = _("Give the evidence a title.")
    if not url and not file:
        errors["url"] = _("Give a link, a file or both.")
    if file:
        try:
            EVIDENCE_CHECK(file)
        except ValidationError as exc:
            errors["file"] = exc.messages
    if errors:
        raise ValidationError(errors, code="invalid")
    with transaction.atomic(), university_scope(entry.university_id):
        entry = _locked(entry)
        evidence = ValueEvidence(
            university_id=entry.university_id,
            value=entry,
            title=title,
            url=url,
            is_public=bool(is_public and url),
            on=on,
            description=(description or "").strip(),
        )
        if file:
            evidence.file_name = posixpath.basename(file.name)[:200]
            evidence.file = file
        evidence.full_clean()
        evidence.save()
        if entry.status == ValueStatus.APPROVED:
            _reopen(entry)
            entry.save()
    return evidence


def remove_evidence(*, actor, evidence: ValueEvidence) -> None:
    _require(
        actor,
        "indicators.delete_valueevidence",
        evidence,
        _("You may not change this value."),
    )
    with transaction.atomic(), university_scope(evidence.university_id):
        entry = _locked(evidence.value)
        stored = evidence.file.name if evidence.file else ""
        storage = evidence.file.storage if evidence.file else None
        evidence.delete()
        if entry.status == ValueStatus.APPROVED:
            _reopen(entry)
            entry.save()
        if stored and storage is not None:
            # The file goes only once the row is gone for good.
            transaction.on_commit(lambda: storage.delete(stored))


def submit_value(*, actor, entry: ManualValue) -> ManualValue:
    """Send the value to the office; refused without evidence."""
    _require(actor, "indicators.change_manualvalue", entry, _("You may not change this value."))
    with transaction.atomic(), university_scope(entry.university_id):
        entry = _locked(entry)
        if entry.status not in (ValueStatus.DRAFT, ValueStatus.RETURNED):
            raise ValidationError(
                _("Only a draft or a returned value can be submitted."), code="bad_status"
            )
        if not entry.evidence.exists():
            raise ValidationError(
                {"evidence": _("A value needs evidence: add a document or a link first.")},
                code="no_evidence",
            )
        if entry.indicator.method == Method.MANUAL and entry.value is None:
            raise ValidationError({"value": _("Enter the value.")}, code="no_value")
        entry.status = ValueStatus.SUBMITTED
        entry.submitted_at = timezone.now()
        entry.save()
    return entry


def _review(actor, entry: ManualValue, status: str, note: str) -> ManualValue:
    _require(
        actor,
        "indicators.approve_value",
        entry,
        _("Only the third-mission office approves values."),
    )
    with transaction.atomic(), university_scope(entry.university_id):
        entry = _locked(entry)
        allowed = (ValueStatus.SUBMITTED,)
        if status == ValueStatus.RETURNED:
            allowed = (ValueStatus.SUBMITTED, ValueStatus.APPROVED)
        if entry.status not in allowed:
            raise ValidationError(_("The value is not waiting for approval."), code="bad_status")
        entry.status = status
        entry.reviewed_by = actor
        entry.reviewed_at = timezone.now()
        entry.review_note = (note or "").strip()
        entry.save()
    return entry


def approve_value(*, actor, entry: ManualValue, note: str = "") -> ManualValue:
    """The office accepts a submitted value: from now on it counts."""
    return _review(actor, entry, ValueStatus.APPROVED, note)


def return_value(*, actor, entry: ManualValue, note: str) -> ManualValue:
    """The office sends a value back with a note saying what to change."""
    if not (note or "").strip():
        raise ValidationError(
            {"note": _("Say what should change before returning the value.")}, code="no_note"
        )
    return _review(actor, entry, ValueStatus.RETURNED, note)


# --- Ranking evidence items -------------------------------------------------------------------


def period_of_entry(entry: ManualValue) -> Period:
    return parse_period(entry.indicator.period_type, entry.period)


def absolute_url(url: str) -> str:
    """Rankings open evidence from outside: a link to one of our pages gets the site's
    address."""
    if not url or urlsplit(url).scheme:
        return url
    return f"{settings.SITE_URL}/{url.lstrip('/')}"


def is_portal_url(url: str) -> bool:
    """Whether the link is a page of the public portal (anyone can open it)."""
    if not url:
        return False
    parts = urlsplit(url)
    if parts.scheme and not url.startswith(settings.SITE_URL):
        return False
    path = parts.path.lstrip("/")
    languages = {code for code, _name in settings.LANGUAGES}
    first, _sep, rest = path.partition("/")
    if first in languages:
        path = rest
    return path.startswith(PORTAL_PREFIX)


@dataclass(frozen=True)
class Suggestion:
    """A record behind a computed indicator, offered as evidence for an item."""

    source: Indicator
    record_pk: Any
    title: str
    url: str
    on: date | None
    detail: str
    is_portal: bool
    added: bool


def suggestion_sources(entry: ManualValue) -> list[Indicator]:
    codes = [str(code) for code in entry.indicator.suggested_from or []]
    if not codes:
        return []
    return list(
        Indicator.objects.available_to([entry.university_id])
        .filter(code__in=codes, method=Method.COMPUTED)
        .order_by("code")
    )


def _provenance_rows(entry: ManualValue, source: Indicator, record_pk: Any = None):
    found = compute.provenance(
        source,
        university_id=entry.university_id,
        period=period_of_entry(entry),
        unit=entry.unit_id,
    )
    if found is None:
        return None, []
    measure, records = found
    if record_pk is not None:
        records = records.filter(pk=record_pk)
    return measure, list(records[:SUGGESTION_LIMIT])


def suggestions(entry: ManualValue) -> list[Suggestion]:
    """Records of the item's period behind the computed indicators it is suggested from:
    public events for an item about public events, agreements for one about partnerships."""
    taken = {item.url for item in entry.evidence.all() if item.url}
    found: list[Suggestion] = []
    for source in suggestion_sources(entry):
        measure, records = _provenance_rows(entry, source)
        for record in records:
            row = measure.row(record)
            url = absolute_url(row.url)
            found.append(
                Suggestion(
                    source=source,
                    record_pk=record.pk,
                    title=str(row.title),
                    url=url,
                    on=row.on,
                    detail=str(row.detail or ""),
                    is_portal=is_portal_url(url),
                    added=bool(url) and url in taken,
                )
            )
    return found


def add_suggested_evidence(
    *, actor, entry: ManualValue, source_code: str, record_pk: Any, is_public: bool = False
) -> ValueEvidence:
    """One click: the record's title, link and date become evidence. The record is found
    again through the provenance of the item's period, so only records that count may be
    added. A provenance row says nothing of who may open the record, so the link is public
    only when the person says so or it is a portal page."""
    source = next((s for s in suggestion_sources(entry) if s.code == source_code), None)
    if source is None:
        raise ValidationError(
            _("This item takes no evidence from “%(code)s”.") % {"code": source_code}
        )
    try:
        measure, records = _provenance_rows(entry, source, record_pk=record_pk)
    except (ValueError, TypeError, ValidationError) as exc:
        raise ValidationError(_("The record is not among the suggestions.")) from exc
    if not records:
        raise ValidationError(_("The record is not among the suggestions."), code="not_found")
    row = measure.row(records[0])
    url = absolute_url(row.url)
    return add_evidence(
        actor=actor,
        entry=entry,
        title=str(row.title)[:300],
        url=url,
        is_public=bool(is_public) or is_portal_url(url),
        on=row.on,
        description=str(row.detail or ""),
    )


# The pre-submission checker: what a ranking's assessor would mark down.
NO_EVIDENCE = "no_evidence"
NO_PUBLIC_LINK = "no_public_link"
OUTSIDE_YEAR = "outside_year"
NO_ANSWER = "no_answer"


@dataclass(frozen=True)
class ItemWarning:
    code: str
    message: str


def item_warnings(entry: ManualValue, evidence: Sequence[ValueEvidence]) -> list[ItemWarning]:
    """What would cost the item points: no evidence, no public link, evidence dated outside
    the reference year, no answer."""
    indicator = entry.indicator
    warnings: list[ItemWarning] = []
    answered = (
        bool(entry.answer) if indicator.answer_kind in ("yes_no", "level") else bool(entry.options)
    )
    if indicator.method == Method.MANUAL:
        answered = entry.value is not None
    if not answered:
        warnings.append(ItemWarning(NO_ANSWER, _("The item has no answer.")))
    if not evidence:
        warnings.append(ItemWarning(NO_EVIDENCE, _("There is no evidence.")))
    elif not any(item.is_public and item.url for item in evidence):
        warnings.append(
            ItemWarning(NO_PUBLIC_LINK, _("No evidence has a public link; public evidence scores."))
        )
    period = period_of_entry(entry)
    outside = [
        item for item in evidence if item.on and not period.starts_on <= item.on <= period.ends_on
    ]
    if outside:
        warnings.append(
            ItemWarning(
                OUTSIDE_YEAR,
                _("Dated outside %(period)s: %(titles)s.")
                % {"period": period.key, "titles": ", ".join(item.title for item in outside)},
            )
        )
    return warnings


def score_of(entry: ManualValue, evidence: Sequence[ValueEvidence]) -> Decimal:
    return compute.evidence_score(entry.indicator, entry, list(evidence))
