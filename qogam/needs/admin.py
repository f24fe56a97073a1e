from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from qogam.core.admin import TenantAdmin
from qogam.needs import services
from qogam.needs.enums import NeedState
from qogam.needs.models import Comment, Follow, Need, NeedAttachment, NeedEvent, Report, Support

# Fields only the workflow's services change: the admin shows them but never writes them.
WORKFLOW_FIELDS = [
    "public_id",
    "university",
    "state",
    "visibility",
    "posted_by",
    "poster_email",
    "email_confirmed_at",
    "unit",
    "published_at",
    "answered_at",
    "addressed_at",
    "is_hidden",
    "hidden_reason",
    "rejection_reason",
]


class ReadOnlyTenantAdmin(TenantAdmin):
    """Records written by the site's services: read, and deleted by moderators, here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Need)
class NeedAdmin(TenantAdmin, TranslationAdmin):
    list_display = ["title", "university", "state", "category", "district", "created_at"]
    list_filter = ["state", "category", "urgency", "is_hidden", "university"]
    search_fields = ["title", "description", "district"]
    readonly_fields = WORKFLOW_FIELDS
    exclude = ["email_token_hash", "email_token_expires_at"]
    actions = ["publish"]

    def has_add_permission(self, request):
        return False  # needs are posted on the site or through the API

    @admin.action(description=_("Publish the selected needs in moderation"))
    def publish(self, request, queryset):
        done = 0
        for need in queryset.filter(state=NeedState.IN_MODERATION):
            try:
                services.moderate_need(actor=request.user, need=need, publish=True)
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(request, f"{need}: {exc}", messages.ERROR)
            else:
                done += 1
        self.message_user(request, _("%(count)d published.") % {"count": done})

    def save_model(self, request, obj, form, change):
        # Only content is editable here; the state changes go through the workflow's services.
        services.update_need(
            actor=request.user,
            need=obj,
            values={name: form.cleaned_data[name] for name in form.changed_data},
        )


@admin.register(NeedEvent)
class NeedEventAdmin(ReadOnlyTenantAdmin):
    list_display = ["need", "kind", "created_at", "university"]
    list_filter = ["kind", "university"]


@admin.register(NeedAttachment)
class NeedAttachmentAdmin(ReadOnlyTenantAdmin):
    list_display = ["name", "need", "university", "created_at"]


@admin.register(Comment)
class CommentAdmin(TenantAdmin):
    list_display = ["__str__", "need", "author", "is_hidden", "created_at"]
    list_filter = ["is_hidden", "university"]
    search_fields = ["body"]
    readonly_fields = ["need", "author", "parent", "body", "hidden_at", "hidden_by", "university"]
    fields = [*readonly_fields, "is_hidden", "hidden_reason"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        if obj.is_hidden:
            services.hide_comment(actor=request.user, comment=obj, reason=obj.hidden_reason)
        else:
            services.restore_comment(actor=request.user, comment=obj)


@admin.register(Support)
class SupportAdmin(ReadOnlyTenantAdmin):
    list_display = ["need", "confirmed_at", "university"]


@admin.register(Follow)
class FollowAdmin(ReadOnlyTenantAdmin):
    list_display = ["need", "user", "university"]


@admin.register(Report)
class ReportAdmin(ReadOnlyTenantAdmin):
    list_display = ["need", "comment", "reason", "created_at", "resolved_at"]
    list_filter = ["reason", "university"]
