from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin

from qogam.core.admin import TenantAdmin
from qogam.partners import services
from qogam.partners.models import Agreement, Contact, PartnerOrganisation, PartnerSurvey


def _changed(form, change: bool, *skip: str) -> dict:
    """The values to save: what changed on an edit, everything on an addition."""
    names = form.changed_data if change else form.cleaned_data
    return {name: form.cleaned_data[name] for name in names if name not in skip}


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(TenantAdmin, TranslationAdmin):
    list_display = ["name", "kind", "region", "city", "bin", "university", "visibility"]
    list_filter = ["kind", "region", "visibility", "university"]
    search_fields = ["name_kk", "name_ru", "name_en", "short_name", "bin", "city"]
    readonly_fields = ["public_id"]
    filter_horizontal = ["units"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        ids = self.administered_university_ids(request)
        related = db_field.related_model
        manager = related._default_manager.with_scopes_disabled()
        kwargs["queryset"] = manager.all() if ids is None else manager.filter(university__in=ids)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # The units are saved by the service with the record; save_related must not redo it.
        units = form.cleaned_data.get("units")
        if change:
            services.update_organisation(
                actor=request.user,
                organisation=obj,
                values=_changed(form, change, "units", "university"),
                units=units,
            )
        else:
            values = _changed(form, change, "university", "units")
            created = services.create_organisation(
                actor=request.user,
                university=form.cleaned_data["university"],
                values=values,
                units=units or (),
            )
            obj.pk = created.pk

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        services.delete_organisation(actor=request.user, organisation=obj)


@admin.register(Contact)
class ContactAdmin(TenantAdmin):
    list_display = ["full_name", "organisation", "position", "is_representative", "university"]
    list_filter = ["is_representative", "university"]
    search_fields = ["full_name", "email", "phone"]
    readonly_fields = ["public_id"]
    raw_id_fields = ["user"]

    def save_model(self, request, obj, form, change):
        organisation = form.cleaned_data.get("organisation") or obj.organisation
        values = _changed(form, change, "university", "organisation")
        if change:
            services.save_contact(
                actor=request.user, organisation=organisation, values=values, contact=obj
            )
        else:
            created = services.save_contact(
                actor=request.user, organisation=organisation, values=values
            )
            obj.pk = created.pk

    def delete_model(self, request, obj):
        services.delete_contact(actor=request.user, contact=obj)


@admin.register(Agreement)
class AgreementAdmin(TenantAdmin, TranslationAdmin):
    list_display = ["title", "kind", "organisation", "state", "starts_on", "ends_on", "university"]
    list_filter = ["kind", "state", "visibility", "university"]
    search_fields = ["title_kk", "title_ru", "title_en", "number"]
    readonly_fields = ["public_id", "reminder_sent_on"]
    filter_horizontal = ["units", "other_parties"]
    date_hierarchy = "starts_on"

    formfield_for_manytomany = PartnerOrganisationAdmin.formfield_for_manytomany

    def save_model(self, request, obj, form, change):
        values = _changed(form, change, "units", "other_parties", "university")
        university = obj.university if change else form.cleaned_data["university"]
        saved = services.save_agreement(
            actor=request.user,
            university=university,
            values=values,
            agreement=obj if change else None,
            units=form.cleaned_data.get("units"),
            other_parties=form.cleaned_data.get("other_parties"),
        )
        obj.pk = saved.pk

    save_related = PartnerOrganisationAdmin.save_related

    def delete_model(self, request, obj):
        services.delete_agreement(actor=request.user, agreement=obj)


@admin.register(PartnerSurvey)
class PartnerSurveyAdmin(TenantAdmin):
    """Surveys are sent and answered by link; the admin only reads them."""

    list_display = ["organisation", "email", "expires_at", "answered_at", "university"]
    list_filter = ["university"]
    search_fields = ["email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
