"""Writes about reports: asking for one, generating it in the background, again, removing it.

A request is validated and saved as a queued Report; the work runs in a task scheduled on
commit (qogam.reports.tasks), which calls `generate_report`. Progress is written with UPDATE
statements outside any transaction, so the report's page, polled by other requests, sees it
move. The file is stored only once the renderer has returned all of it: a failed run leaves a
message and no file.
"""

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from qogam.core.i18n import LANGUAGE_NAMES, fallback_order
from qogam.core.tenancy import all_universities, university_scope
from qogam.indicators.enums import PeriodType
from qogam.indicators.models import Snapshot
from qogam.indicators.periods import Period, parse_period
from qogam.reports import queries
from qogam.reports.enums import FINISHED, ReportFormat, ReportKind, ReportStatus
from qogam.reports.models import Report, report_path

logger = logging.getLogger(__name__)

FORMATS: dict[str, tuple[str, ...]] = {
    ReportKind.ANNUAL: (ReportFormat.PDF, ReportFormat.XLSX),
    ReportKind.EVIDENCE_PACK: (ReportFormat.ZIP,),
}
SDG_RANGE = range(1, 18)
# The earliest year a report may cover: no university kept its third mission in Qogam before.
EARLIEST_YEAR = 2000
# English is the language the interface is written in; it needs no catalogue.
SOURCE_LANGUAGE = "en"


# --- Checks -----------------------------------------------------------------------------------


def report_period(key: str) -> Period:
    """The period a report's key names: an academic year (2025/26), a calendar year (2025) or
    a quarter (2025-Q3). ValueError, in the reader's language, when it names none or one that
    a report cannot cover (before 2000, or not begun yet)."""
    key = (key or "").strip()
    for period_type in (PeriodType.ACADEMIC_YEAR, PeriodType.QUARTER, PeriodType.CALENDAR_YEAR):
        try:
            period = parse_period(period_type, key)
        except ValueError:
            continue
        break
    else:
        raise ValueError(
            _(
                "Write the period as an academic year (2025/26), a calendar year (2025) "
                "or a quarter (2025-Q3)."
            )
        )
    if period.year < EARLIEST_YEAR:
        raise ValueError(
            _("A report covers %(year)d or later.") % {"year": EARLIEST_YEAR},
        )
    if period.starts_on > timezone.localdate():
        raise ValueError(
            _("The period %(period)s has not begun yet; there is nothing to report.")
            % {"period": period.key}
        )
    return period


def interface_language(language: str) -> str:
    """The language a report is written in: the one asked for when its interface translations
    are installed, else the first of the fallback order that has them (English always)."""
    for code in fallback_order(language):
        if code == SOURCE_LANGUAGE or _has_catalogue(code):
            return code
    return SOURCE_LANGUAGE


def _has_catalogue(code: str) -> bool:
    # Only the project's own catalogue counts: Django's would translate its own strings and
    # leave every word of the report in English.
    own = Path(settings.LOCALE_PATHS[0]) / code / "LC_MESSAGES" / "django.mo"
    return own.is_file()


def _may_make(actor, university_id: int, unit) -> bool:
    probe = Report(university_id=university_id, unit=unit)
    return actor is not None and actor.has_perm("reports.change_report", probe)


def _clean_sdgs(raw: Iterable, errors: dict) -> list[int]:
    goals: set[int] = set()
    for value in raw or ():
        try:
            goal = int(value)
        except (TypeError, ValueError):
            goal = 0
        if goal not in SDG_RANGE:
            errors.setdefault("sdgs", []).append(
                _("“%(value)s” is not a goal; the goals are numbered 1 to 17.") % {"value": value}
            )
            continue
        goals.add(goal)
    return sorted(goals)


def _title(kind: str, period: Period, sdgs: list[int], unit) -> str:
    if kind == ReportKind.EVIDENCE_PACK:
        goals = ", ".join(str(goal) for goal in sdgs)
        title = _("Evidence pack, SDG %(goals)s, %(period)s") % {"goals": goals, "period": period}
    else:
        title = _("Annual third-mission report, %(period)s") % {"period": period}
    if unit is not None:
        title = f"{title} · {unit}"
    return title[:200]


# --- Requests ---------------------------------------------------------------------------------


def request_report(
    *,
    actor,
    university,
    kind: str,
    period: str,
    language: str,
    format: str,
    unit=None,
    sdgs: Iterable = (),
    snapshot: Snapshot | None = None,
) -> Report:
    """Queue a report and schedule its generation once the request is committed.

    Errors name the field they are about. The same request while one is still waiting or
    being generated returns that one instead of queueing it twice.
    """
    university_id = getattr(university, "pk", university)
    if not _may_make(actor, university_id, unit):
        raise PermissionDenied(_("You may not generate reports of this university or unit."))
    errors: dict[str, list[str]] = {}
    if kind not in ReportKind.values:
        errors["kind"] = [_("Choose the kind of report.")]
    elif format not in FORMATS[kind]:
        errors["format"] = [
            _("The %(kind)s is made as %(formats)s.")
            % {
                "kind": ReportKind(kind).label,
                "formats": ", ".join(str(ReportFormat(f).label) for f in FORMATS[kind]),
            }
        ]
    if language not in LANGUAGE_NAMES:
        errors["language"] = [_("Choose Kazakh, Russian or English.")]
    if unit is not None and unit.university_id != university_id:
        errors["unit"] = [_("The unit belongs to another university.")]
    parsed = None
    try:
        parsed = report_period(period)
    except ValueError as exc:
        errors["period"] = [str(exc)]
    goals = _clean_sdgs(sdgs, errors)
    if kind == ReportKind.EVIDENCE_PACK and not goals and "sdgs" not in errors:
        errors["sdgs"] = [_("Choose at least one Sustainable Development Goal.")]
    if kind == ReportKind.ANNUAL:
        goals = []
    if snapshot is not None:
        if snapshot.university_id != university_id:
            errors.setdefault("snapshot", []).append(
                _("The snapshot belongs to another university.")
            )
        elif parsed is not None and snapshot.period != parsed.key:
            errors.setdefault("snapshot", []).append(
                _("The snapshot is of %(snapshot)s, not of %(period)s.")
                % {"snapshot": snapshot.period, "period": parsed.key}
            )
        elif snapshot.unit_id != getattr(unit, "pk", None):
            errors.setdefault("snapshot", []).append(
                _("The snapshot was taken for another unit than the one chosen.")
            )
    if errors or parsed is None:
        raise ValidationError(errors)
    if kind == ReportKind.EVIDENCE_PACK:
        _check_pack_size(university_id, parsed, goals, unit)
    with transaction.atomic(), university_scope(university_id):
        running = queries.same_request_running(
            university_id=university_id,
            kind=kind,
            period=parsed.key,
            language=language,
            format=format,
            unit=unit,
            sdgs=goals,
            snapshot=snapshot,
        )
        if running is not None:
            return running
        report = Report(
            university_id=university_id,
            kind=kind,
            title=_title(kind, parsed, goals, unit),
            unit=unit,
            period=parsed.key,
            language=language,
            format=format,
            sdgs=goals,
            snapshot=snapshot,
            requested_by=actor,
        )
        report.full_clean()
        report.save()
        _schedule(report)
    return report


def _check_pack_size(university_id: int, period: Period, sdgs: list[int], unit) -> None:
    """Refuse up front an evidence pack that could not finish within the limits."""
    from qogam.reports import evidence  # noqa: PLC0415 -- evidence reads these services' limits

    with university_scope(university_id):
        files, size = evidence.files_of(
            university_id=university_id, year=period.year, sdgs=sdgs, unit=unit
        )
    problems = evidence.limit_problems(files=files, size=size)
    if problems:
        raise ValidationError({"sdgs": problems})


def _schedule(report: Report) -> None:
    from qogam.reports.tasks import generate_report as task  # noqa: PLC0415 -- tasks import us

    report_id = report.pk
    transaction.on_commit(lambda: task.enqueue(report_id=report_id))


def regenerate_report(*, actor, report: Report) -> Report:
    """A new report with the same request, from the same snapshot, so the figures match the
    ones reported; the old one stays in the list."""
    return request_report(
        actor=actor,
        university=report.university_id,
        kind=report.kind,
        period=report.period,
        language=report.language,
        format=report.format,
        unit=report.unit,
        sdgs=report.sdgs,
        snapshot=report.snapshot,
    )


def delete_report(*, actor, report: Report) -> None:
    if actor is None or not actor.has_perm("reports.delete_report", report):
        raise PermissionDenied(_("You may not delete this report."))
    with transaction.atomic(), university_scope(report.university_id):
        stored = report.file.name if report.file else ""
        storage = report.file.storage
        report.delete()
        if stored:
            # The file goes once the row is surely gone.
            transaction.on_commit(lambda: storage.delete(stored))


# --- Generation -------------------------------------------------------------------------------


def renderer_for(kind: str) -> Callable:
    """The function that makes a report of this kind: render(report, progress)."""
    if kind == ReportKind.EVIDENCE_PACK:
        from qogam.reports import evidence  # noqa: PLC0415

        return evidence.render
    # Imported here: the annual report's renderer loads WeasyPrint and charting, which the
    # web process never needs.
    from qogam.reports import annual  # noqa: PLC0415

    return annual.render


def _progress_writer(report_id: int) -> Callable[[int, str], None]:
    def progress(percent: int, stage: str) -> None:
        # An UPDATE of its own (no transaction around the run), so the page sees it at once.
        Report.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(
            progress=max(0, min(int(percent), 99)),
            stage=str(stage)[:200],
            updated_at=timezone.now(),
        )

    return progress


def _failure_message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(str(message) for message in exc.messages)
    return _(
        "The report could not be generated because of an error on our side. It has been "
        "logged; try again later or tell the office."
    )


def _fail(report_id: int, message: str) -> None:
    Report.objects.filter(pk=report_id).update(
        status=ReportStatus.FAILED,
        error=message,
        file="",
        size=0,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def generate_report(*, report_id: int) -> Report | None:
    """Make a queued report's file: running → done, or failed with the reason.

    Called by the task, outside any transaction. A report already taken by another worker,
    or deleted meanwhile, is left alone (None).
    """
    with all_universities():
        university_id = (
            Report.objects.filter(pk=report_id).values_list("university_id", flat=True).first()
        )
    if university_id is None:
        return None
    with university_scope(university_id):
        # Taking the report is one conditional UPDATE, so two workers never make it twice.
        taken = Report.objects.filter(pk=report_id, status=ReportStatus.QUEUED).update(
            status=ReportStatus.RUNNING,
            progress=0,
            stage=_("Starting"),
            error="",
            started_at=timezone.now(),
            updated_at=timezone.now(),
        )
        if not taken:
            return None
        report = Report.objects.select_related("university", "unit", "snapshot").get(pk=report_id)
        language = interface_language(report.language)
        with translation.override(language):
            _run(report, language)
        report.refresh_from_db()
    return report


def _run(report: Report, language: str) -> None:
    Report.objects.filter(pk=report.pk).update(language_used=language)
    report.language_used = language
    try:
        filename, content = renderer_for(report.kind)(report, _progress_writer(report.pk))
    except Exception as exc:
        if not isinstance(exc, ValidationError):
            logger.exception("Report %s failed", report.public_id)
        _fail(report.pk, _failure_message(exc))
        return
    storage = report.file.storage
    name = ""
    try:
        name = storage.save(report_path(report, filename), ContentFile(content))
        finished = Report.objects.filter(pk=report.pk, status=ReportStatus.RUNNING).update(
            status=ReportStatus.DONE,
            file=name,
            size=len(content),
            progress=100,
            stage=_("Ready"),
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
    except Exception as exc:
        logger.exception("Report %s could not be stored", report.public_id)
        if name:
            storage.delete(name)
        _fail(report.pk, _failure_message(exc))
        return
    if not finished and name:
        # Deleted while it was being made: nobody will ask for the file.
        storage.delete(name)


def is_finished(report: Report) -> bool:
    return report.status in FINISHED
