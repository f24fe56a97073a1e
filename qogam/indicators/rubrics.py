"""Self-assessment rubrics: the KEF public and community engagement self-assessment and the
TEFCE community-engagement heat-map.

KEF (Research England, RE-P-2020-02) is published under the Open Government Licence v3.0 and
TEFCE's Toolbox under CC BY 4.0; the aspect and dimension names follow them, with attribution.
The level anchors are Qogam's own paraphrase (embryonic → embedding), not the official
descriptors; 2 and 4 mean "between the neighbouring anchors".
"""

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

Label = str | Promise


@dataclass(frozen=True)
class RubricItem:
    key: str
    label: Label
    question: Label = ""
    # Anchors for scores 1, 3 and 5.
    anchors: dict[int, Label] = field(default_factory=dict)
    suggested_evidence: Label = ""


@dataclass(frozen=True)
class Rubric:
    key: str
    name: Label
    attribution: Label
    items: tuple[RubricItem, ...]
    # Words allowed in the whole narrative (the aspects' narratives and the overall one).
    word_limit: int = 2000
    # For a heat-map, the rows and columns whose product makes the items ("row:column").
    rows: tuple[RubricItem, ...] = ()
    columns: tuple[RubricItem, ...] = ()

    def item(self, key: str) -> RubricItem | None:
        return next((item for item in self.items if item.key == key), None)


KEF_PCE = Rubric(
    key="kef-pce",
    name=_("KEF public and community engagement self-assessment"),
    attribution=_(
        "Aspects after the Knowledge Exchange Framework (Research England, RE-P-2020-02), "
        "Open Government Licence v3.0; level anchors paraphrased by Qogam."
    ),
    items=(
        RubricItem(
            "strategy",
            _("Strategy"),
            _("Is there a clear strategy informed by the local and regional context and partners?"),
            {
                1: _("No articulated strategy; engagement is ad hoc."),
                3: _(
                    "A strategy or plan with objectives, a senior owner and KPIs, partly "
                    "informed by community needs."
                ),
                5: _(
                    "Co-developed with partners, embedded in the development programme, "
                    "resourced and reviewed against evidence."
                ),
            },
            _("Development programme extract, needs assessment, KPI table."),
        ),
        RubricItem(
            "support",
            _("Support"),
            _("Are people, funding, training and infrastructure there for staff and students?"),
            {
                1: _("No dedicated support."),
                3: _("Central support (an office, small seed funds, training) for most units."),
                5: _(
                    "Sustained, well-used support co-designed with partners, including support "
                    "for community partners."
                ),
            },
            _("Third-mission office, training completions, seed-fund records."),
        ),
        RubricItem(
            "activity",
            _("Activity"),
            _("What range, reach and quality of engagement with diverse publics?"),
            {
                1: _("Little activity, few audiences, mostly one-way."),
                3: _("A range of activities across many units, some participatory."),
                5: _(
                    "Extensive co-created activity integrated with teaching and research, "
                    "reaching under-served groups."
                ),
            },
            _("Events, projects, volunteering, partners."),
        ),
        RubricItem(
            "results",
            _("Results and learning"),
            _("Is engagement monitored and evaluated, and is the learning shared and used?"),
            {
                1: _("No monitoring."),
                3: _("Activity recorded systematically, some outcome evaluation."),
                5: _("Outcomes evaluated with partners, findings published and used to improve."),
            },
            _("Evaluated projects, outcomes achieved, public reports."),
        ),
        RubricItem(
            "acknowledgement",
            _("Acknowledgement"),
            _("Are staff and students recognised and rewarded for engagement?"),
            {
                1: _("Not recognised."),
                3: _("Awards and mentions in appraisal."),
                5: _(
                    "Counted in workload, appraisal, attestation and promotion, and in "
                    "students' transcripts, applied consistently."
                ),
            },
            _("HR policy, awards, recognition in transcripts."),
        ),
    ),
)

_TEFCE_DIMENSIONS = (
    RubricItem("teaching", _("Teaching and learning")),
    RubricItem("research", _("Research")),
    RubricItem("service", _("Service and knowledge exchange")),
    RubricItem("students", _("Students")),
    RubricItem("partnerships", _("Management: partnerships and openness")),
    RubricItem("policies", _("Management: policies and support structures")),
    RubricItem("peers", _("Supportive peers")),
)
_TEFCE_CRITERIA = (
    RubricItem("authenticity", _("Authenticity of engagement")),
    RubricItem("needs", _("Range of societal needs addressed")),
    RubricItem("communities", _("Diversity of communities engaged")),
    RubricItem("spread", _("Extent of institutional spread")),
    RubricItem("sustainability", _("Institutional sustainability")),
)

TEFCE = Rubric(
    key="tefce",
    name=_("TEFCE community-engagement heat-map"),
    attribution=_("Dimensions and criteria after the TEFCE Toolbox (tefce.eu/toolbox), CC BY 4.0."),
    items=tuple(
        RubricItem(f"{row.key}:{column.key}", format_lazy("{} · {}", row.label, column.label))
        for row in _TEFCE_DIMENSIONS
        for column in _TEFCE_CRITERIA
    ),
    rows=_TEFCE_DIMENSIONS,
    columns=_TEFCE_CRITERIA,
    word_limit=3000,
)

RUBRICS: dict[str, Rubric] = {rubric.key: rubric for rubric in (KEF_PCE, TEFCE)}


def rubric(key: str) -> Rubric | None:
    return RUBRICS.get(key)
