from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from qogam.core.admin import TenantAdmin
from qogam.research import services
from qogam.research.models import QuestionTaker, ResearchQuestion, Study, StudyOutput


def _changed(form, change: bool, *skip: str) -> dict:
    """The values to save: what changed on an edit, everything on an addition."""
    names = form.changed_data if change else form.cleaned_data
    return {name: form.cleaned_data[name] for name in names if name not in skip}


class _ScopedManyToMany:
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        ids = self.administered_university_ids(request)
        related = db_field.related_model
        manager = related._default_manager
        if hasattr(manager, "with_scopes_disabled"):
            manager = manager.with_scopes_disabled()
            kwargs["queryset"] = (
                manager.all() if ids is None else manager.filter(university__in=ids)
            )
        else:  # people: those holding a role at the administered universities
            kwargs["queryset"] = (
                manager.all()
                if ids is None
                else manager.filter(memberships__university__in=ids).distinct()
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Study)
class StudyAdmin(_ScopedManyToMany, TenantAdmin, TranslationAdmin):
    list_display = ["title", "status", "lead_unit", "starts_on", "uptake", "university"]
    list_filter = ["status", "uptake", "visibility", "university"]
    search_fields = ["title_kk", "title_ru", "title_en", "external_authors"]
    readonly_fields = ["public_id", "uptake_recorded_by"]
    filter_horizontal = ["units", "needs"]
    raw_id_fields = ["authors"]
    date_hierarchy = "starts_on"

    def save_model(self, request, obj, form, change):
        skip = ("university", "units", "authors", "needs")
        saved = services.save_study(
            actor=request.user,
            university=None if change else form.cleaned_data["university"],
            study=obj if change else None,
            values=_changed(form, change, *skip),
            authors=form.cleaned_data.get("authors"),
            units=form.cleaned_data.get("units"),
            needs=form.cleaned_data.get("needs"),
        )
        obj.pk = saved.pk

    def save_related(self, request, form, formsets, change):
        # The links are saved by the service with the record.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        services.delete_study(actor=request.user, study=obj)


@admin.register(StudyOutput)
class StudyOutputAdmin(TenantAdmin):
    """Outputs are added on the study's page (the PDF is checked there); here they are read."""

    list_display = ["title", "kind", "study", "published_on", "university"]
    list_filter = ["kind", "university"]
    search_fields = ["title_kk", "title_ru", "title_en", "doi"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        services.delete_output(actor=request.user, output=obj)


@admin.register(ResearchQuestion)
class ResearchQuestionAdmin(TenantAdmin):
    """Topics walk their workflow on their pages; the admin reads them."""

    list_display = ["__str__", "kind", "status", "unit", "supervisor", "university"]
    list_filter = ["kind", "status", "visibility", "university"]
    search_fields = ["question_kk", "question_ru", "question_en"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(QuestionTaker)
class QuestionTakerAdmin(TenantAdmin):
    list_display = ["student", "question", "confirmed_at", "university"]
    list_filter = ["university"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
