from django.contrib import admin

from qogam.core.admin import TenantAdmin
from qogam.reports.models import Report


@admin.register(Report)
class ReportAdmin(TenantAdmin):
    list_display = ("__str__", "university", "kind", "period", "language", "status", "created_at")
    list_filter = ("kind", "status", "language")
    readonly_fields = ("status", "progress", "stage", "error", "file", "size", "started_at")
