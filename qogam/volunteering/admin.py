from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from qogam.core.admin import TenantAdmin
from qogam.volunteering import services
from qogam.volunteering.forms import OPPORTUNITY_FIELDS, SHIFT_FIELDS
from qogam.volunteering.models import Opportunity, Shift, SignUp


@admin.register(Opportunity)
class OpportunityAdmin(TenantAdmin, TranslationAdmin):
    list_display = ["title", "kind", "status", "university", "visibility"]
    list_filter = ["kind", "status", "visibility", "university"]
    search_fields = ["title_kk", "title_ru", "title_en", "location"]
    readonly_fields = ["public_id"]
    raw_id_fields = ["project", "partner", "unit"]

    def save_model(self, request, obj, form, change):
        fields = set(OPPORTUNITY_FIELDS)
        names = form.changed_data if change else form.cleaned_data
        values = {n: form.cleaned_data[n] for n in names if n in fields}
        if change:
            services.save_opportunity(actor=request.user, opportunity=obj, values=values)
        else:
            created = services.save_opportunity(
                actor=request.user, university=form.cleaned_data["university"], values=values
            )
            obj.pk = created.pk


@admin.register(Shift)
class ShiftAdmin(TenantAdmin):
    list_display = ["opportunity", "starts_at", "ends_at", "capacity", "university"]
    list_filter = ["university"]
    readonly_fields = ["public_id", "opportunity"]

    def has_add_permission(self, request):
        return False  # added on the opportunity's page, where the places are counted

    def save_model(self, request, obj, form, change):
        values = {n: form.cleaned_data[n] for n in form.changed_data if n in SHIFT_FIELDS}
        services.save_shift(
            actor=request.user,
            shift=Shift.objects.with_scopes_disabled().get(pk=obj.pk),
            values=values,
        )


@admin.register(SignUp)
class SignUpAdmin(TenantAdmin):
    """Read here; cancelled on the roster page, so the freed place goes to the queue."""

    list_display = ["student", "shift", "status", "created_at", "university"]
    list_filter = ["status", "university"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
