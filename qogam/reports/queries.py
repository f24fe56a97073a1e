"""Reads of reports shared by the pages and the services."""

from django.db.models import QuerySet

from qogam.core.visibility import Viewer
from qogam.indicators.models import Snapshot
from qogam.reports.enums import ReportStatus
from qogam.reports.models import Report


def reports_visible_to(viewer: Viewer) -> QuerySet[Report]:
    """Reports the viewer may read: those of the universities where they are staff (every
    one for the network's administrators). Reports are never network or public."""
    reports = Report.objects.with_scopes_disabled().select_related(
        "university", "unit", "requested_by", "snapshot"
    )
    if viewer.is_network_admin:
        return reports
    return reports.filter(university_id__in=sorted(viewer.staff_university_ids))


def reports_of(viewer: Viewer, university_id: int, *, kind: str = "") -> QuerySet[Report]:
    """A university's reports, newest first, optionally of one kind."""
    reports = reports_visible_to(viewer).filter(university_id=university_id)
    if kind:
        reports = reports.filter(kind=kind)
    return reports.order_by("-created_at", "-pk")


def same_request_running(
    *, university_id: int, kind, period, language, format, unit, sdgs, snapshot
) -> Report | None:
    """A report with exactly this request still waiting or being generated, if any."""
    candidates = Report.objects.filter(
        university_id=university_id,
        kind=kind,
        period=period,
        language=language,
        format=format,
        unit=unit,
        snapshot=snapshot,
        status__in=(ReportStatus.QUEUED, ReportStatus.RUNNING),
    ).order_by("-created_at")
    # SDGs are a JSON list, compared here rather than by the database (JSON equality differs
    # between SQLite and PostgreSQL).
    return next((r for r in candidates if sorted(r.sdgs or []) == sorted(sdgs)), None)


def latest_snapshot(university_id: int, period: str, unit=None) -> Snapshot | None:
    """The newest snapshot of the university (or unit) for a period: the figures reported."""
    return (
        Snapshot.objects.filter(university_id=university_id, period=period, unit=unit)
        .order_by("-created_at", "-pk")
        .first()
    )


def snapshots_of(university_id: int) -> QuerySet[Snapshot]:
    return Snapshot.objects.filter(university_id=university_id).order_by("-created_at", "-pk")
