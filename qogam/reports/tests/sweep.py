"""University A's reports for the cross-tenant sweep (core/tests/test_tenant_sweep.py).

RECORD_URLS: URL name -> function(world, extra) giving the kwargs of one of A's reports.
admin_records: function(world) giving {"app.model": record} for each tenant model registered
in the admin.
"""

from django.core.files.base import ContentFile

from qogam.core.tenancy import university_scope
from qogam.reports.enums import ReportFormat, ReportKind, ReportStatus
from qogam.reports.models import Report


def a_report(world) -> Report:
    """A finished evidence pack of A, with a file; built once per world."""
    if "_report" in world:
        return world["_report"]
    with university_scope(world["a"]):
        report = Report(
            university=world["a"],
            kind=ReportKind.EVIDENCE_PACK,
            title="A Department of Physics evidence",
            unit=world["a_department"],
            period="2025/26",
            language="en",
            format=ReportFormat.ZIP,
            sdgs=[4],
            status=ReportStatus.DONE,
            progress=100,
            requested_by=world["alice"],
        )
        report.file.save("pack.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18), save=False)
        report.size = 22
        report.save()
    world["_report"] = report
    return report


def _record(w, x):
    return {"public_id": a_report(w).public_id}


RECORD_URLS: dict = {
    "reports:detail": _record,
    "reports:download": _record,
    "reports:regenerate": _record,
    "reports:delete": _record,
}


def admin_records(world) -> dict:
    return {"reports.report": a_report(world)}
