"""What every admin page of a tenant model shares.

The admin site runs outside the tenant scope (the middleware disables it for admin paths),
so each ModelAdmin filters by hand here, in one place: a university administrator sees and
picks only their own university's rows; the network's administrators see all.
"""

from django.contrib import admin
from django.http import Http404
from rules.contrib.admin import ObjectPermissionsModelAdmin

from qogam.core.visibility import viewer_of


class TenantAdmin(ObjectPermissionsModelAdmin):
    # Foreign keys to tenant models offered in forms are narrowed to these universities.
    tenant_field = "university"

    def administered_university_ids(self, request) -> list[int] | None:
        viewer = viewer_of(request.user)
        if viewer.is_network_admin:
            return None
        return sorted(viewer.admin_university_ids)

    def has_module_permission(self, request):
        # django-rules answers object permissions, not Django's per-app module check.
        return self.has_view_permission(request)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django redirects to the index with "doesn't exist"; another university's record
        # answers 404 like everywhere else, so the admin does not confirm that an id exists.
        raise Http404

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        ids = self.administered_university_ids(request)
        if ids is None:
            return qs
        return qs.filter(**{f"{self.tenant_field}__in": ids})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        ids = self.administered_university_ids(request)
        related = db_field.related_model
        if ids is not None:
            if related._meta.label == "organisations.University":
                kwargs["queryset"] = related.objects.filter(pk__in=ids)
            elif any(f.name == "university" for f in related._meta.get_fields()):
                kwargs["queryset"] = related._default_manager.with_scopes_disabled().filter(
                    university__in=ids
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


admin.site.site_header = "Qogam"
admin.site.site_title = "Qogam"
