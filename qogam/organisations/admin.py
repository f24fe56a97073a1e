from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from rules.contrib.admin import ObjectPermissionsModelAdmin

from qogam.core.admin import TenantAdmin
from qogam.core.visibility import viewer_of
from qogam.organisations import services
from qogam.organisations.models import Network, Unit, University


@admin.register(Network)
class NetworkAdmin(ObjectPermissionsModelAdmin, TranslationAdmin):
    list_display = ["name", "website"]

    def has_module_permission(self, request):
        return viewer_of(request.user).is_network_admin

    def has_add_permission(self, request):
        # One installation holds one network.
        return not Network.objects.exists() and super().has_add_permission(request)


@admin.register(University)
class UniversityAdmin(TenantAdmin, TranslationAdmin):
    tenant_field = "pk"
    list_display = ["name", "short_name", "slug", "city", "visibility", "is_active"]
    list_filter = ["visibility", "is_active"]
    search_fields = ["name_kk", "name_ru", "name_en", "slug"]
    readonly_fields = ["public_id"]


@admin.register(Unit)
class UnitAdmin(TenantAdmin, TranslationAdmin):
    list_display = ["name", "kind", "university", "parent", "visibility"]
    list_filter = ["kind", "visibility", "university"]
    search_fields = ["name_kk", "name_ru", "name_en", "short_name"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["public_id"]

    def save_model(self, request, obj, form, change):
        if change:
            values = {name: form.cleaned_data[name] for name in form.changed_data}
            services.update_unit(actor=request.user, unit=obj, values=values)
        else:
            values = {k: v for k, v in form.cleaned_data.items() if k != "university"}
            created = services.create_unit(
                actor=request.user, university=form.cleaned_data["university"], values=values
            )
            obj.pk = created.pk

    def delete_model(self, request, obj):
        services.delete_unit(actor=request.user, unit=obj)
