"""A demo university's indicators: packs in use, targets, entered values with evidence, ranking
evidence items, KEF self-assessments of two years and a snapshot of last year.

Written through the indicators' services as the university's demo office and administrator, so
permissions, validation and the audit trail are the real ones. The figures of computed
indicators come from the demo's records; only targets, entered values and scores are chosen
here. A second run writes nothing.
"""

from datetime import date
from decimal import Decimal

from qogam.core.periods import academic_year_of
from qogam.indicators.models import Indicator, ManualValue, Pack, Snapshot
from qogam.indicators.periods import Period
from qogam.indicators.services import assessments, definitions, entries, figures
from qogam.indicators.services.assessments import ScoreInput

PACKS = ("the-impact", "kef-pce", "kz-national")
# Targets of the current and last reporting years, for indicators whose direction is up.
TARGETS = {
    "VOL-01": (Decimal(10), Decimal(15)),
    "VOL-02": (Decimal("0.5"), Decimal(1)),
    "PRT-01": (Decimal(5), Decimal(8)),
    "PRT-03": (Decimal(1), Decimal(2)),
    "EVT-01": (Decimal(2), Decimal(4)),
    "COM-01": (Decimal(4), Decimal(6)),
    "GOV-08": (Decimal(30), Decimal(50)),
    "REG-07": (Decimal(50), Decimal(75)),
    "STF-02": (Decimal(5), Decimal(10)),
}
# Indicators whose values the university shows to everyone (its public portal and open data)
# and, for the last, to the network's members only.
PUBLISHED = {
    "VOL-01": "public",
    "VOL-02": "public",
    "PRT-01": "public",
    "PRT-03": "public",
    "EVT-01": "public",
    "COM-01": "public",
    "GOV-08": "public",
    "REG-07": "public",
    "STF-02": "network",
}
# (code, value, evidence title, public link)
ENTERED = [
    ("GOV-01", Decimal(2), "Development programme 2025–2029, section 4", True),
    ("GOV-05", Decimal(1), "Order establishing the third-mission office", True),
    ("STF-04", Decimal(2), "Attestation regulations with third-mission criteria", False),
]
# (code, answer, options, evidence title, public link)
EVIDENCE_ITEMS = [
    ("THE-17.2.5", "", ["volunteering", "research"], "Volunteering with NGOs: report", True),
    ("THE-11.4.7", "yes", [], "Agreement with the city akimat on urban planning", False),
    ("THE-16.2-BODIES", "yes", [], "Public supervisory board: regulations and members", True),
]
KEF_SCORES = {
    # last year, this year
    "strategy": (2, 3),
    "support": (2, 3),
    "activity": (3, 4),
    "results": (1, 2),
    "acknowledgement": (1, 2),
}


def load_packs_once() -> None:
    from qogam.indicators.packs import load_packs  # noqa: PLC0415 -- reads the pack files

    if not Pack.objects.filter(university__isnull=True, code="core-3m").exists():
        load_packs()


def build_indicators(community) -> None:
    university = community.university
    if Snapshot.objects.filter(university=university).exists():
        return
    people = dict(community.people)
    admin, office = people["admin"], people["office"]
    definitions.activate_default_packs(university, actor=admin)
    for code in PACKS:
        pack = Pack.objects.get(university__isnull=True, code=code)
        definitions.activate_pack(actor=admin, university=university, pack=pack)
    this_year = academic_year_of(community.today)
    last_year = this_year - 1
    shipped = {i.code: i for i in Indicator.objects.filter(university__isnull=True)}

    for code, (last, current) in TARGETS.items():
        indicator = shipped.get(code)
        if indicator is None:
            continue
        for year, value in ((last_year, last), (this_year, current)):
            period = _period(indicator, year)
            figures.set_target(
                actor=office, university=university, indicator=indicator, period=period, value=value
            )
            community.b.created["indicator targets"] += 1

    for code, visibility in PUBLISHED.items():
        indicator = shipped.get(code)
        if indicator is not None:
            definitions.publish_indicator(
                actor=admin, university=university, indicator=indicator, visibility=visibility
            )
            community.b.created["published indicators"] += 1

    for code, value, title, public in ENTERED:
        indicator = shipped.get(code)
        if indicator is not None:
            entry = entries.save_value(
                actor=office,
                university=university,
                indicator=indicator,
                period=_period(indicator, this_year),
                value=value,
                explanation=title,
            )
            _evidence_and_approve(community, entry, title, public, admin, office)

    for code, answer, options, title, public in EVIDENCE_ITEMS:
        indicator = shipped.get(code)
        if indicator is not None:
            entry = entries.save_value(
                actor=office,
                university=university,
                indicator=indicator,
                period=_period(indicator, community.today.year),
                answer=answer,
                options=options,
                explanation=title,
            )
            _evidence_and_approve(community, entry, title, public, admin, office)

    # A unit's entry waits in the office's queue.
    coordinator = people.get("coordinator")
    volunteering_share = shipped.get("VOL-04")
    if coordinator is not None and volunteering_share is not None:
        entry = entries.save_value(
            actor=coordinator,
            university=university,
            indicator=volunteering_share,
            unit=community.tree.faculties[0],
            period=_period(volunteering_share, this_year),
            value=Decimal(20),
            explanation="Service-learning courses of the faculty",
        )
        entries.add_evidence(
            actor=coordinator,
            entry=entry,
            title="Faculty course catalogue",
            url=f"https://{university.slug}.example.kz/courses",
        )
        entries.submit_value(actor=coordinator, entry=entry)
        community.b.created["entered indicator values"] += 1

    for index, year in enumerate((last_year, this_year)):
        assessment = assessments.start_assessment(
            actor=office,
            university=university,
            rubric_key="kef-pce",
            period=Period("academic_year", year).key,
            panel=[office, admin],
            external_panellists="Akimat of the city, department of education",
        )
        assessments.save_assessment(
            actor=office,
            assessment=assessment,
            scores={
                item: ScoreInput(score=scores[index], narrative="", evidence="")
                for item, scores in KEF_SCORES.items()
            },
            narrative="Scored by the panel at its annual meeting.",
        )
        assessments.agree_assessment(actor=admin, assessment=assessment)
        community.b.created["self-assessments"] += 1

    figures.take_snapshot(
        actor=office,
        university=university,
        year=last_year,
        title=f"Annual report {Period('academic_year', last_year).key}",
    )
    community.b.created["indicator snapshots"] += 1


def _period(indicator: Indicator, year: int) -> str:
    from qogam.indicators.compute import period_in_year  # noqa: PLC0415

    return period_in_year(indicator, year, today=date(year, 12, 31)).key


def _evidence_and_approve(community, entry: ManualValue, title, public, admin, office) -> None:
    slug = community.university.slug
    entries.add_evidence(
        actor=office,
        entry=entry,
        title=title,
        url=f"https://{slug}.example.kz/third-mission/{entry.indicator.code.lower()}",
        is_public=public,
        on=community.today,
    )
    entries.submit_value(actor=office, entry=entry)
    entries.approve_value(actor=admin, entry=entry, note="Checked against the evidence.")
    community.b.created["entered indicator values"] += 1
