from django.contrib import admin

from qogam.core.admin import TenantAdmin
from qogam.indicators.models import (
    AssessmentScore,
    Indicator,
    IndicatorVisibility,
    ManualValue,
    Pack,
    PackActivation,
    PackEntry,
    SelfAssessment,
    Snapshot,
    SnapshotValue,
    Target,
    ValueEvidence,
)


class IndicatorLinksAdmin(TenantAdmin):
    """Definitions and packs are shipped (no university) or a university's own: a form offers
    the shipped ones and those of the universities the person administers."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        ids = self.administered_university_ids(request)
        if db_field.related_model in (Indicator, Pack) and ids is not None:
            kwargs["queryset"] = db_field.related_model.objects.available_to(ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PackEntryInline(admin.TabularInline):
    model = PackEntry
    raw_id_fields = ("indicator",)
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(IndicatorLinksAdmin):
    list_display = ("code", "name", "method", "unit", "period_type", "university")
    list_filter = ("method", "unit", "period_type")
    search_fields = ("code", "name")


@admin.register(Pack)
class PackAdmin(IndicatorLinksAdmin):
    list_display = ("code", "name", "is_default", "university")
    inlines = (PackEntryInline,)


@admin.register(PackActivation)
class PackActivationAdmin(IndicatorLinksAdmin):
    list_display = ("pack", "university", "activated_by", "created_at")
    raw_id_fields = ("activated_by",)


@admin.register(IndicatorVisibility)
class IndicatorVisibilityAdmin(IndicatorLinksAdmin):
    list_display = ("indicator", "visibility", "university")
    raw_id_fields = ("indicator",)


@admin.register(Target)
class TargetAdmin(IndicatorLinksAdmin):
    list_display = ("indicator", "unit", "period", "value", "university")
    raw_id_fields = ("indicator", "unit", "set_by")


class ValueEvidenceInline(admin.TabularInline):
    model = ValueEvidence
    fields = ("title", "url", "is_public", "file", "on")
    extra = 0


@admin.register(ManualValue)
class ManualValueAdmin(IndicatorLinksAdmin):
    list_display = ("indicator", "unit", "period", "value", "status", "university")
    list_filter = ("status",)
    raw_id_fields = ("indicator", "unit", "entered_by", "reviewed_by")
    # Approval goes through the service, which audits it; the admin only reads it.
    readonly_fields = ("status", "submitted_at", "reviewed_by", "reviewed_at")
    inlines = (ValueEvidenceInline,)


@admin.register(Snapshot)
class SnapshotAdmin(IndicatorLinksAdmin):
    list_display = ("title", "period", "unit", "taken_by", "created_at", "university")
    raw_id_fields = ("unit", "taken_by")


@admin.register(SnapshotValue)
class SnapshotValueAdmin(IndicatorLinksAdmin):
    list_display = ("snapshot", "indicator", "period", "value", "university")
    raw_id_fields = ("snapshot", "indicator")
    # A snapshot is a record of what was reported: it is never edited.
    readonly_fields = ("value", "numerator", "denominator", "target")


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(IndicatorLinksAdmin):
    list_display = ("rubric", "period", "unit", "status", "university")
    raw_id_fields = ("unit", "panel", "agreed_by")


@admin.register(AssessmentScore)
class AssessmentScoreAdmin(IndicatorLinksAdmin):
    list_display = ("assessment", "item", "score", "university")
    raw_id_fields = ("assessment",)
