"""Records of university A's indicators for tests: a definition of each method, a target, an
entered value with evidence, a snapshot and a self-assessment."""

from decimal import Decimal

from django.core.files.base import ContentFile

from qogam.core.tenancy import university_scope
from qogam.indicators.enums import (
    AssessmentStatus,
    IndicatorUnit,
    Method,
    PeriodType,
    ValueStatus,
)
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


def make_indicator(university=None, **values) -> Indicator:
    defaults = {
        "code": "T-01",
        "name_en": "Test indicator",
        "unit": IndicatorUnit.COUNT,
        "period_type": PeriodType.ACADEMIC_YEAR,
        "method": Method.MANUAL,
    }
    defaults.update(values)
    indicator = Indicator(university=university, **defaults)
    indicator.full_clean()
    indicator.save()
    return indicator


def a_indicator_records(world) -> dict:
    """Built once per world; the same dict on later calls."""
    if "_indicator_records" in world:
        return world["_indicator_records"]
    a = world["a"]
    with university_scope(a):
        own = make_indicator(a, code="A-OWN-1", name_en="A's own count")
        pack = Pack.objects.create(university=a, code="a-pack", name_en="A's pack")
        PackEntry.objects.create(pack=pack, indicator=own, order=1)
        activation = PackActivation.objects.create(university=a, pack=pack)
        visibility = IndicatorVisibility.objects.create(university=a, indicator=own)
        target = Target.objects.create(university=a, indicator=own, period="2025/26", value=10)
        value = ManualValue.objects.create(
            university=a,
            indicator=own,
            period="2025/26",
            value=Decimal(7),
            status=ValueStatus.SUBMITTED,
            entered_by=world["cora"],
        )
        evidence = ValueEvidence(university=a, value=value, title="Minutes", file_name="m.pdf")
        evidence.file.save("m.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
        evidence.save()
        snapshot = Snapshot.objects.create(
            university=a,
            title="Annual report 2025/26",
            period_type=PeriodType.ACADEMIC_YEAR,
            period="2025/26",
            taken_by=world["erin"],
        )
        snapshot_value = SnapshotValue.objects.create(
            university=a, snapshot=snapshot, indicator=own, period="2025/26", value=Decimal(7)
        )
        assessment = SelfAssessment.objects.create(
            university=a, rubric="kef-pce", period="2025/26", status=AssessmentStatus.DRAFT
        )
        score = AssessmentScore.objects.create(
            university=a, assessment=assessment, item="strategy", score=3
        )
    records = {
        "indicator": own,
        "pack": pack,
        "activation": activation,
        "visibility": visibility,
        "target": target,
        "value": value,
        "evidence": evidence,
        "snapshot": snapshot,
        "snapshot_value": snapshot_value,
        "assessment": assessment,
        "score": score,
    }
    world["_indicator_records"] = records
    return records
