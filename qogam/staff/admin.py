from django.contrib import admin

from qogam.core.admin import TenantAdmin
from qogam.staff.models import Assignment, AssignmentLine, ExpectedFunction, Function, Position


@admin.register(Function)
class FunctionAdmin(TenantAdmin):
    list_display = ("name", "planned_hours", "active", "university")
    list_filter = ("active",)
    search_fields = ("name",)


@admin.register(Position)
class PositionAdmin(TenantAdmin):
    list_display = ("name", "workload_hours", "third_mission_hours", "university")
    search_fields = ("name",)


@admin.register(ExpectedFunction)
class ExpectedFunctionAdmin(TenantAdmin):
    list_display = ("position", "function", "hours", "university")
    raw_id_fields = ("position", "function")


@admin.register(Assignment)
class AssignmentAdmin(TenantAdmin):
    list_display = ("person", "year", "unit", "position", "status", "university")
    list_filter = ("status", "year")
    raw_id_fields = ("person", "unit", "position", "agreed_by")
    readonly_fields = ("agreed_by", "agreed_at")


@admin.register(AssignmentLine)
class AssignmentLineAdmin(TenantAdmin):
    list_display = ("assignment", "function", "planned_hours", "university")
    raw_id_fields = ("assignment", "function")
