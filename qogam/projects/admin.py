from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from qogam.core.admin import TenantAdmin
from qogam.projects import services
from qogam.projects.models import Evidence, Participant, Project, ProjectUpdate, UpdatePhoto

RELATIONS = ("units", "responsible", "partners", "needs")


@admin.register(Project)
class ProjectAdmin(TenantAdmin, TranslationAdmin):
    list_display = ["title", "kind", "status", "starts_on", "university", "visibility"]
    list_filter = ["kind", "status", "visibility", "university"]
    search_fields = ["title_kk", "title_ru", "title_en", "district"]
    readonly_fields = ["public_id"]
    filter_horizontal = ["units", "partners"]
    raw_id_fields = ["responsible", "needs"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        ids = self.administered_university_ids(request)
        related = db_field.related_model
        manager = related._default_manager
        if hasattr(manager, "with_scopes_disabled"):
            manager = manager.with_scopes_disabled()
            kwargs["queryset"] = (
                manager.all() if ids is None else manager.filter(university__in=ids)
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # The relations are saved by the service with the record; save_related must not redo it.
        relations = {
            name: list(form.cleaned_data[name]) for name in RELATIONS if name in form.cleaned_data
        }
        names = form.changed_data if change else form.cleaned_data
        values = {n: form.cleaned_data[n] for n in names if n not in {*RELATIONS, "university"}}
        if change:
            services.update_project(actor=request.user, project=obj, values=values, **relations)
        else:
            created = services.create_project(
                actor=request.user,
                university=form.cleaned_data["university"],
                values=values,
                **relations,
            )
            obj.pk = created.pk

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        services.delete_project(actor=request.user, project=obj)


class ReadOnlyTenantAdmin(TenantAdmin):
    """Records written on the project's pages through the services: read and removed here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Participant)
class ParticipantAdmin(ReadOnlyTenantAdmin):
    list_display = ["project", "user", "role", "hours", "university"]
    list_filter = ["role", "university"]

    def delete_model(self, request, obj):
        services.remove_participant(actor=request.user, participant=obj)


@admin.register(ProjectUpdate)
class ProjectUpdateAdmin(ReadOnlyTenantAdmin):
    list_display = ["title", "project", "on", "university"]
    list_filter = ["university"]

    def delete_model(self, request, obj):
        services.delete_update(actor=request.user, update=obj)


@admin.register(UpdatePhoto)
class UpdatePhotoAdmin(ReadOnlyTenantAdmin):
    list_display = ["name", "update", "university"]
    exclude = ["file"]  # streamed by projects:photo, never linked from MEDIA_URL


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyTenantAdmin):
    list_display = ["title", "project", "url", "university"]
    exclude = ["file"]

    def delete_model(self, request, obj):
        services.remove_evidence(actor=request.user, evidence=obj)
