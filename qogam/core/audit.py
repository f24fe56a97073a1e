"""The audit trail: who created, changed or deleted what, and when.

django-auditlog records every change of a registered model, with the acting user taken from
the request (its middleware) or set explicitly by commands via `auditlog.context.set_actor`.
Each entry carries the owning university in `additional_data`, so a university's admins read
their own trail and nobody else's.
"""

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.db.models import QuerySet

__all__ = ["audit_entries_for", "register_audited"]


# Bookkeeping columns that change on every save and say nothing to a reader of the trail.
UNAUDITED_FIELDS = ["id", "public_id", "created_at", "updated_at"]


def register_audited(model, *, exclude_fields: list[str] | None = None, **options) -> None:
    """Put `model` under the audit trail. Every domain model calls this in its app's ready()."""
    auditlog.register(model, exclude_fields=[*UNAUDITED_FIELDS, *(exclude_fields or [])], **options)


def audit_entries_for(university_ids: list[int] | None) -> QuerySet[LogEntry]:
    """Entries about the given universities' records; None means every university."""
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")
    if university_ids is None:
        return entries
    return entries.filter(additional_data__university_id__in=university_ids)
