from django.contrib import admin

from qogam.core.admin import TenantAdmin
from qogam.coverage.models import Coverage


@admin.register(Coverage)
class CoverageAdmin(TenantAdmin):
    list_display = ("title", "outlet", "kind", "published_on", "university", "visibility")
    list_filter = ("kind", "visibility")
    search_fields = ("title", "outlet")
    date_hierarchy = "published_on"
    raw_id_fields = ("project", "need", "study", "council", "unit", "recorded_by", "people")
    readonly_fields = ("recorded_by",)
