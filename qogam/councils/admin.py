"""The admin: councils are written through the services; their children are read here only.

Members, meetings, attendance and decisions carry workflow (invitations, answer links,
progress notes) that the pages run through the services; the admin shows them for support.
"""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from qogam.core.admin import TenantAdmin
from qogam.councils import services
from qogam.councils.models import (
    AgendaItem,
    Attendance,
    Council,
    CouncilMember,
    Decision,
    DecisionNote,
    Meeting,
)


@admin.register(Council)
class CouncilAdmin(TenantAdmin, TranslationAdmin):
    list_display = ["name", "kind", "unit", "university", "visibility"]
    list_filter = ["kind", "visibility", "university"]
    search_fields = ["name_kk", "name_ru", "name_en", "programme"]
    readonly_fields = ["public_id"]
    raw_id_fields = ["secretary"]

    def save_model(self, request, obj, form, change):
        names = form.changed_data if change else form.cleaned_data
        values = {n: form.cleaned_data[n] for n in names if n != "university"}
        university = obj.university if change else form.cleaned_data["university"]
        saved = services.save_council(
            actor=request.user,
            university=university,
            values=values,
            council=obj if change else None,
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.delete_council(actor=request.user, council=obj)


class ReadOnlyTenantAdmin(TenantAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CouncilMember)
class CouncilMemberAdmin(ReadOnlyTenantAdmin):
    list_display = ["full_name", "user", "council", "role", "organisation", "university"]
    list_filter = ["role", "university"]
    search_fields = ["full_name", "email"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyTenantAdmin):
    list_display = ["council", "starts_at", "status", "university"]
    list_filter = ["status", "university"]
    date_hierarchy = "starts_at"


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyTenantAdmin):
    list_display = ["meeting", "position", "title", "university"]
    list_filter = ["university"]


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyTenantAdmin):
    list_display = ["meeting", "member", "status", "answered_at", "university"]
    list_filter = ["status", "university"]
    exclude = ["token_hash"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyTenantAdmin):
    list_display = ["text", "owner", "due_on", "status", "university"]
    list_filter = ["status", "university"]
    search_fields = ["text_kk", "text_ru", "text_en"]


@admin.register(DecisionNote)
class DecisionNoteAdmin(ReadOnlyTenantAdmin):
    list_display = ["decision", "on", "status", "author", "university"]
    list_filter = ["status", "university"]
