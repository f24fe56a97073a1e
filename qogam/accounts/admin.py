from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from qogam.accounts import services
from qogam.accounts.models import ApiToken, Invitation, Membership, User
from qogam.core.admin import TenantAdmin
from qogam.core.visibility import viewer_of


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """People are shared by the whole network, so only its administrators edit them here."""

    ordering = ["email"]
    list_display = ["email", "full_name", "language", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "language"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["public_id", "last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password", "public_id"]}),
        (_("Person"), {"fields": ["full_name", "language"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]

    def has_module_permission(self, request):
        return viewer_of(request.user).is_network_admin

    def has_view_permission(self, request, obj=None):
        return viewer_of(request.user).is_network_admin

    def has_change_permission(self, request, obj=None):
        return viewer_of(request.user).is_network_admin

    def has_add_permission(self, request):
        return viewer_of(request.user).is_network_admin

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Membership)
class MembershipAdmin(TenantAdmin):
    list_display = ["user", "role", "university", "unit", "title"]
    list_filter = ["role", "university"]
    search_fields = ["user__email", "user__full_name", "title"]
    list_select_related = ["user", "university", "unit"]
    readonly_fields = ["public_id", "user"]
    fields = ["public_id", "user", "university", "unit", "role", "title"]

    def has_add_permission(self, request):
        # New people arrive by invitation (People page), which checks the role they get.
        return False

    def save_model(self, request, obj, form, change):
        services.change_membership(
            actor=request.user,
            membership=obj,
            values={name: form.cleaned_data[name] for name in form.changed_data},
        )

    def delete_model(self, request, obj):
        services.revoke_membership(actor=request.user, membership=obj)


@admin.register(Invitation)
class InvitationAdmin(TenantAdmin):
    list_display = ["email", "role", "university", "unit", "expires_at", "accepted_at"]
    list_filter = ["role", "university"]
    search_fields = ["email", "full_name"]
    readonly_fields = [
        "public_id",
        "email",
        "full_name",
        "role",
        "unit",
        "university",
        "language",
        "invited_by",
        "expires_at",
        "accepted_at",
        "accepted_by",
        "cancelled_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False
