"""The sections of the annual report on the university's wider reach: councils and advisory
boards, research on the region, media coverage and the Sustainable Development Goals."""

from collections import Counter

from django.db.models import Count, F, QuerySet, Sum
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from qogam.councils.enums import DecisionStatus
from qogam.councils.models import Council, Decision
from qogam.coverage.enums import CoverageKind
from qogam.reports.annual.measures import choice_table, first_rows, grouped, measured, records
from qogam.reports.annual.structures import Section, Table, content, figure


def councils_section(scope, period_label, language, limit) -> Section:
    meetings = records("councils.meetings_held", scope)
    decisions = Decision.objects.filter(meeting__in=meetings.values("pk"))
    decision_counts = grouped(decisions, "status")
    section = Section(
        "councils",
        _("Councils and advisory boards"),
        figures=[
            figure(_("Meetings held"), measured("councils.meetings_held", scope)),
            figure(
                _("Meetings with external members present"),
                measured("councils.meetings_with_external", scope),
            ),
            figure(
                _("Attendances of external members"),
                measured("councils.external_attendances", scope),
            ),
            figure(
                _("Seats held by external members"), measured("councils.external_members", scope)
            ),
            figure(_("Decisions taken"), sum(decision_counts.values())),
            figure(_("Decisions done"), decision_counts.get(DecisionStatus.DONE, 0)),
        ],
        empty=_("No council met in %(period)s.") % {"period": period_label},
    )
    section.has_data = bool(section.figures[0].value)
    if not section.has_data:
        return section
    per_council = (
        meetings.order_by()
        .values("council_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "council_id")
    )
    rows, more = first_rows(per_council, limit)
    councils = Council.objects.filter(pk__in=[r["council_id"] for r in rows]).in_bulk()
    attended = dict(
        records("councils.external_attendances", scope)
        .order_by()
        .filter(meeting__council_id__in=list(councils))
        .values_list("meeting__council_id")
        .annotate(n=Count("pk"))
    )
    section.tables.append(
        Table(
            _("Meetings by council"),
            [_("Council"), _("Meetings held"), _("Attendances of external members")],
            [
                [
                    content(councils.get(r["council_id"]), "name", language),
                    r["n"],
                    attended.get(r["council_id"], 0),
                ]
                for r in rows
            ],
            more=more,
            numeric=frozenset({1, 2}),
        )
    )
    if decision_counts:
        section.tables.append(
            choice_table(
                _("Decisions, by status"), _("Status"), decision_counts, DecisionStatus.choices
            )
        )
    return section


def research_section(scope, period_label, language, limit) -> Section:
    studies = records("research.studies", scope)
    section = Section(
        "research",
        _("Research on the city and region"),
        figures=[
            figure(_("Regional studies under way"), measured("research.studies", scope)),
            figure(_("Study outputs published"), measured("research.outputs", scope)),
            figure(
                _("Studies whose recommendations were taken up"),
                measured("research.studies_taken_up", scope),
            ),
            figure(_("Science-shop topics taken"), measured("research.questions_taken", scope)),
        ],
        empty=_("No regional study was under way in %(period)s.") % {"period": period_label},
    )
    section.has_data = any(f.value for f in section.figures)
    if not section.has_data:
        return section
    rows, more = first_rows(studies.select_related("lead_unit").order_by("-starts_on", "pk"), limit)
    if rows:
        section.tables.append(
            Table(
                _("Studies under way"),
                [_("Study"), _("Lead unit"), _("Status"), _("Recommendations")],
                [
                    [
                        content(s, "title", language),
                        content(s.lead_unit, "name", language),
                        s.get_status_display(),
                        s.get_uptake_display(),
                    ]
                    for s in rows
                ],
                more=more,
            )
        )
    return section


def coverage_section(scope, period_label, language, limit) -> Section:
    pieces = records("coverage.pieces", scope)
    reach = pieces.order_by().aggregate(total=Sum("reach"))["total"]
    section = Section(
        "coverage",
        _("Media coverage"),
        figures=[
            figure(_("Pieces of media coverage"), measured("coverage.pieces", scope)),
            figure(_("Known reach (readers, viewers, listeners)"), reach or 0),
        ],
        empty=_("No media coverage was recorded in %(period)s.") % {"period": period_label},
    )
    section.has_data = bool(section.figures[0].value)
    if not section.has_data:
        return section
    section.tables.append(
        choice_table(
            _("Pieces, by kind of media"),
            _("Kind of media"),
            grouped(pieces, "kind"),
            CoverageKind.choices,
        )
    )
    rows, more = first_rows(
        pieces.order_by(F("reach").desc(nulls_last=True), "-published_on", "pk"), limit
    )
    section.tables.append(
        Table(
            _("Pieces that reached most people"),
            [_("Headline, as published"), _("Outlet"), _("Published on"), _("Reach")],
            [[Truncator(c.title).chars(140), c.outlet, c.published_on, c.reach] for c in rows],
            more=more,
            numeric=frozenset({3}),
        )
    )
    return section


def _per_goal(qs: QuerySet) -> Counter:
    """Records per goal from the distinct goal lists (one GROUP BY; a record tagged with
    three goals counts once for each)."""
    counted: Counter = Counter()
    for goals, n in qs.order_by().values_list("sdgs").annotate(n=Count("pk", distinct=True)):
        for goal in set(goals or []):
            if str(goal).isdigit() and 1 <= int(goal) <= 17:
                counted[int(goal)] += n
    return counted


def sdg_section(scope, period_label) -> Section:
    projects = _per_goal(records("projects.projects", scope))
    needs = _per_goal(records("needs.published", scope))
    studies = _per_goal(records("research.studies", scope))
    rows = [
        [
            _("SDG %(goal)s") % {"goal": goal},
            projects[goal],
            needs[goal],
            studies[goal],
            projects[goal] + needs[goal] + studies[goal],
        ]
        for goal in range(1, 18)
    ]
    section = Section(
        "sdgs",
        _("Sustainable Development Goals"),
        figures=[
            figure(_("Goals with at least one record"), sum(1 for row in rows if row[4])),
        ],
        empty=_("No record of %(period)s is tagged with a Sustainable Development Goal.")
        % {"period": period_label},
    )
    section.has_data = bool(section.figures[0].value)
    if section.has_data:
        section.tables.append(
            Table(
                _("Records per goal"),
                [
                    _("Goal"),
                    _("Projects active"),
                    _("Needs published"),
                    _("Studies under way"),
                    _("All records"),
                ],
                rows,
                numeric=frozenset({1, 2, 3, 4}),
            )
        )
        section.notes.append(
            _("A record tagged with several goals counts once under each of them.")
        )
    return section
