from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from qogam.core.admin import TenantAdmin
from qogam.volunteering import academic, services
from qogam.volunteering.forms import OPPORTUNITY_FIELDS, SHIFT_FIELDS
from qogam.volunteering.forms_academic import COURSE_FIELDS, PROGRAMME_FIELDS
from qogam.volunteering.models import (
    Certificate,
    Course,
    Enrolment,
    HoursCorrection,
    HoursEntry,
    Opportunity,
    Programme,
    Shift,
    SigningKey,
    SignUp,
)


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


class ReadOnlyAdmin(TenantAdmin):
    """Records written only through the services (which check and record every step)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HoursEntry)
class HoursEntryAdmin(ReadOnlyAdmin):
    list_display = ["student", "shift", "hours", "status", "source", "university"]
    list_filter = ["status", "source", "university"]


@admin.register(HoursCorrection)
class HoursCorrectionAdmin(ReadOnlyAdmin):
    list_display = ["entry", "hours_before", "hours_after", "corrected_by", "created_at"]
    list_filter = ["university"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["holder_name", "title", "hours", "scope", "created_at", "revoked_at"]
    list_filter = ["scope", "university"]


@admin.register(SigningKey)
class SigningKeyAdmin(ReadOnlyAdmin):
    list_display = ["key_id", "algorithm", "created_at", "retired_at", "university"]
    list_filter = ["university"]
    exclude = ["private_key"]


# --- The academic link: programmes, courses and enrolments, saved through their services ---


def _academic_values(form, change, fields) -> dict:
    names = form.changed_data if change else list(form.cleaned_data)
    return {n: form.cleaned_data[n] for n in names if n in fields}


@admin.register(Programme)
class ProgrammeAdmin(TenantAdmin, TranslationAdmin):
    list_display = ["code", "name", "level", "unit", "university"]
    list_filter = ["level", "university"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
    readonly_fields = ["public_id"]
    raw_id_fields = ["unit"]

    def save_model(self, request, obj, form, change):
        values = _academic_values(form, change, set(PROGRAMME_FIELDS))
        if change:
            academic.save_programme(actor=request.user, programme=obj, values=values)
        else:
            created = academic.save_programme(
                actor=request.user, university=form.cleaned_data["university"], values=values
            )
            obj.pk = created.pk


@admin.register(Course)
class CourseAdmin(TenantAdmin, TranslationAdmin):
    list_display = ["code", "name", "credits", "service_learning", "required_hours", "university"]
    list_filter = ["service_learning", "university"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
    readonly_fields = ["public_id"]
    raw_id_fields = ["unit"]
    filter_horizontal = ["programmes"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        ids = self.administered_university_ids(request)
        qs = Programme.objects.with_scopes_disabled()
        kwargs["queryset"] = qs if ids is None else qs.filter(university__in=ids)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        values = _academic_values(form, change, set(COURSE_FIELDS))
        if change:
            academic.save_course(actor=request.user, course=obj, values=values)
        else:
            created = academic.save_course(
                actor=request.user, university=form.cleaned_data["university"], values=values
            )
            obj.pk = created.pk

    def save_related(self, request, form, formsets, change):
        # The programmes were set by save_course, which checks they are the university's own.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


@admin.register(Enrolment)
class EnrolmentAdmin(TenantAdmin):
    """Added through the enrolment service (students of the university only); removed
    through its service too."""

    list_display = ["student", "course", "academic_year", "university"]
    list_filter = ["academic_year", "university"]
    raw_id_fields = ["course", "student"]
    readonly_fields = ["public_id"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        result = academic.enrol(
            actor=request.user,
            course=form.cleaned_data["course"],
            academic_year=form.cleaned_data["academic_year"],
            students=[form.cleaned_data["student"]],
        )
        records = result.enrolled or list(
            Enrolment.objects.with_scopes_disabled().filter(
                course=form.cleaned_data["course"],
                student=form.cleaned_data["student"],
                academic_year=form.cleaned_data["academic_year"],
            )
        )
        obj.pk = records[0].pk

    def delete_model(self, request, obj):
        academic.remove_enrolment(actor=request.user, enrolment=obj)

    def delete_queryset(self, request, queryset):
        for record in queryset:
            academic.remove_enrolment(actor=request.user, enrolment=record)
