"""Indicators of university A tagged with SDGs, with entered values and evidence, for the
evidence pack and the services' tests."""

from decimal import Decimal

from django.core.files.base import ContentFile

from qogam.core.tenancy import university_scope
from qogam.indicators.enums import Method, PeriodType, ValueStatus
from qogam.indicators.models import (
    ManualValue,
    Pack,
    PackActivation,
    PackEntry,
    Snapshot,
    SnapshotValue,
    ValueEvidence,
)
from qogam.indicators.tests.records import make_indicator

MINUTES = b"%PDF-1.4 minutes of the regional council\n%%EOF\n"
POLICY = b"%PDF-1.4 the university's open-access policy\n%%EOF\n"


def sdg_records(world) -> dict:
    """Built once per world: a manual indicator (SDG 4), an evidence item (SDG 4 and 17) and
    a computed one (SDG 17), in a pack A uses, with 2025/26 values and evidence."""
    if "_sdg_records" in world:
        return world["_sdg_records"]
    a = world["a"]
    with university_scope(a):
        manual = make_indicator(
            a, code="A-SDG4-1", name_en="Teachers trained for the region", sdgs=[4]
        )
        item = make_indicator(
            a,
            code="A-THE-17.2.1",
            name_en="Input to regional SDG policy",
            sdgs=[4, 17],
            method=Method.EVIDENCE,
            unit="score",
            period_type=PeriodType.CALENDAR_YEAR,
            answer_kind="yes_no",
            options=[
                {"key": "yes", "label": {"en": "Yes"}, "points": 1},
                {"key": "no", "label": {"en": "No"}, "points": 0},
            ],
        )
        computed = make_indicator(
            a,
            code="A-STAFF",
            name_en="Staff counted",
            sdgs=[17],
            method=Method.COMPUTED,
            measure="accounts.staff",
        )
        untagged = make_indicator(a, code="A-NONE", name_en="Not about any goal")
        pack = Pack.objects.create(university=a, code="a-sdg-pack", name_en="A's SDG pack")
        for order, indicator in enumerate([manual, item, computed, untagged], start=1):
            PackEntry.objects.create(pack=pack, indicator=indicator, order=order)
        PackActivation.objects.create(university=a, pack=pack)
        value = ManualValue.objects.create(
            university=a,
            indicator=manual,
            period="2025/26",
            value=Decimal(12),
            status=ValueStatus.APPROVED,
            entered_by=world["cora"],
        )
        minutes = ValueEvidence(
            university=a, value=value, title="Council minutes", file_name="minutes 2025.pdf"
        )
        minutes.file.save("minutes.pdf", ContentFile(MINUTES), save=False)
        minutes.save()
        answer = ManualValue.objects.create(
            university=a,
            indicator=item,
            period="2025",
            answer="yes",
            status=ValueStatus.SUBMITTED,
            entered_by=world["erin"],
        )
        policy = ValueEvidence(
            university=a,
            value=answer,
            title="Open-access policy",
            file_name="policy.pdf",
            url="https://aqtobe-tech.example.kz/policy",
            is_public=True,
        )
        policy.file.save("policy.pdf", ContentFile(POLICY), save=False)
        policy.save()
        link = ValueEvidence.objects.create(
            university=a,
            value=answer,
            title="Akimat's letter",
            url="https://akimat.example.kz/letter",
            is_public=False,
        )
        snapshot = Snapshot.objects.create(
            university=a,
            title="Reported 2025/26",
            period_type=PeriodType.ACADEMIC_YEAR,
            period="2025/26",
            taken_by=world["erin"],
        )
        SnapshotValue.objects.create(
            university=a,
            snapshot=snapshot,
            indicator=manual,
            period="2025/26",
            value=Decimal(9),
            target=Decimal(10),
        )
    records = {
        "manual": manual,
        "item": item,
        "computed": computed,
        "untagged": untagged,
        "value": value,
        "minutes": minutes,
        "answer": answer,
        "policy": policy,
        "link": link,
        "snapshot": snapshot,
    }
    world["_sdg_records"] = records
    return records
