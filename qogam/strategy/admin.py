from django.contrib import admin

from qogam.core.admin import TenantAdmin
from qogam.strategy.models import Direction, Goal, Measure, ProgressNote, Strategy


@admin.register(Strategy)
class StrategyAdmin(TenantAdmin):
    list_display = ("title", "unit", "starts_on", "ends_on", "is_template", "university")
    list_filter = ("is_template", "visibility")
    search_fields = ("title",)
    raw_id_fields = ("unit", "copied_from")


@admin.register(Direction)
class DirectionAdmin(TenantAdmin):
    list_display = ("title", "strategy", "position", "university")
    raw_id_fields = ("strategy",)


@admin.register(Goal)
class GoalAdmin(TenantAdmin):
    list_display = ("title", "direction", "position", "university")
    raw_id_fields = ("strategy", "direction")


@admin.register(Measure)
class MeasureAdmin(TenantAdmin):
    list_display = ("title", "strategy", "owner", "due_on", "status", "university")
    list_filter = ("status",)
    search_fields = ("title",)
    raw_id_fields = ("strategy", "goal", "owner", "owner_unit", "projects")


@admin.register(ProgressNote)
class ProgressNoteAdmin(TenantAdmin):
    list_display = ("measure", "on", "status", "author", "university")
    raw_id_fields = ("measure", "author")
    readonly_fields = ("author",)
