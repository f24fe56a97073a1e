from django.contrib import admin

from qogam.notifications.models import Notice, Preference


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "delivery"]
    list_filter = ["delivery"]

    def has_module_permission(self, request):
        # Personal settings: only the installation's superusers look at them here.
        return request.user.is_superuser


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "title", "delivery", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind", "delivery"]

    def has_module_permission(self, request):
        return request.user.is_superuser
