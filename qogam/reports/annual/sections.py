"""The sections of the annual report on the work with the community: projects, community
needs answered, volunteering and partners."""

from django.db.models import Count, F, Sum
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from qogam.needs.enums import NeedCategory, NeedState
from qogam.needs.models import Need
from qogam.partners.enums import AgreementKind, OrganisationKind
from qogam.projects.measures import has_outcomes
from qogam.reports.annual.measures import (
    choice_table,
    first_rows,
    grouped,
    measured,
    moments,
    records,
)
from qogam.reports.annual.structures import Section, Table, content, figure
from qogam.volunteering.models import Opportunity


def projects_section(scope, period_label, language, limit) -> Section:
    active = records("projects.projects", scope)
    section = Section(
        "projects",
        _("Projects"),
        figures=[
            figure(_("Projects active in the period"), measured("projects.projects", scope)),
            figure(
                _("Projects finished in the period"), measured("projects.finished_projects", scope)
            ),
            figure(_("Beneficiaries of the projects"), measured("projects.beneficiaries", scope)),
            figure(
                _("Staff taking part in projects"), measured("projects.staff_participants", scope)
            ),
            figure(_("Partners engaged in projects"), measured("projects.partners_engaged", scope)),
        ],
        empty=_("No project was active in %(period)s.") % {"period": period_label},
    )
    section.has_data = bool(section.figures[0].value)
    if section.has_data:
        # Highlights: the projects that reached most people, then those with outcomes told.
        ordered = active.select_related("lead_unit").order_by(
            F("beneficiaries").desc(nulls_last=True), "-starts_on", "pk"
        )
        rows, more = first_rows(ordered, limit)
        outcomes = set(active.filter(has_outcomes()).values_list("pk", flat=True)[: limit * 4])
        section.tables.append(
            Table(
                _("Highlights: the projects that reached most people"),
                [_("Project"), _("Lead unit"), _("Status"), _("Beneficiaries"), _("Outcomes")],
                [
                    [
                        content(p, "title", language),
                        content(p.lead_unit, "name", language),
                        p.get_status_display(),
                        p.beneficiaries,
                        content(p, "outcomes", language, limit=220) if p.pk in outcomes else "",
                    ]
                    for p in rows
                ],
                more=more,
                numeric=frozenset({3}),
            )
        )
    return section


def needs_section(scope, period, period_label, language, limit) -> Section:
    start, end = moments(period)
    addressed = Need.objects.filter(
        university_id=scope.university_id,
        state=NeedState.ADDRESSED,
        addressed_at__gte=start,
        addressed_at__lt=end,
    )
    if scope.unit_ids is not None:
        addressed = addressed.filter(unit_id__in=sorted(scope.unit_ids))
    published = records("needs.published", scope)
    section = Section(
        "needs",
        _("Community needs answered"),
        figures=[
            figure(_("Needs published"), measured("needs.published", scope)),
            figure(_("Needs accepted by a unit"), measured("needs.accepted", scope)),
            figure(_("Needs addressed in the period"), addressed.count()),
            figure(
                _("Accepted needs addressed within 180 days"),
                measured("needs.addressed_within_180", scope),
            ),
            figure(
                _("Published needs that projects address"), measured("needs.with_projects", scope)
            ),
        ],
        empty=_("No community need was published or answered in %(period)s.")
        % {"period": period_label},
    )
    section.has_data = any(f.value for f in section.figures)
    if not section.has_data:
        return section
    by_category = grouped(published, "category")
    if by_category:
        section.tables.append(
            choice_table(
                _("Needs published, by category"), _("Category"), by_category, NeedCategory.choices
            )
        )
    rows, more = first_rows(addressed.order_by("-addressed_at", "pk"), limit)
    if rows:
        section.tables.append(
            Table(
                _("You said — we did"),
                [_("The need, as posted"), _("Category"), _("What the university did")],
                [
                    [
                        Truncator(n.title).chars(140),
                        n.get_category_display(),
                        content(n, "report", language, limit=300),
                    ]
                    for n in rows
                ],
                more=more,
            )
        )
    else:
        section.notes.append(
            _("No need was addressed in %(period)s yet.") % {"period": period_label}
        )
    return section


def volunteering_section(scope, period_label, language, limit) -> Section:
    section = Section(
        "volunteering",
        _("Volunteering"),
        figures=[
            figure(_("Verified volunteer hours"), measured("volunteering.verified_hours", scope)),
            figure(
                _("Students with verified hours"),
                measured("volunteering.verified_volunteers", scope),
            ),
            figure(_("Students who volunteered"), measured("volunteering.volunteers", scope)),
            figure(_("Volunteering opportunities"), measured("volunteering.opportunities", scope)),
            figure(
                _("Students who completed service-learning"),
                measured("volunteering.service_learning_students", scope),
            ),
        ],
        empty=_("No volunteering took place in %(period)s.") % {"period": period_label},
    )
    section.has_data = any(f.value for f in section.figures)
    if not section.has_data:
        return section
    hours = (
        records("volunteering.verified_hours", scope)
        .order_by()
        .values("shift__opportunity_id")
        .annotate(hours=Sum("hours"), students=Count("student_id", distinct=True))
        .order_by("-hours", "shift__opportunity_id")
    )
    rows, more = first_rows(hours, limit)
    names = Opportunity.objects.filter(pk__in=[r["shift__opportunity_id"] for r in rows]).in_bulk()
    if rows:
        section.tables.append(
            Table(
                _("Opportunities with the most verified hours"),
                [_("Opportunity"), _("Verified hours"), _("Students")],
                [
                    [
                        content(names.get(r["shift__opportunity_id"]), "title", language),
                        r["hours"],
                        r["students"],
                    ]
                    for r in rows
                ],
                more=more,
                numeric=frozenset({1, 2}),
            )
        )
    return section


def partners_section(scope, period_label, language, limit) -> Section:
    partners = records("partners.partners", scope)
    agreements = records("partners.active_agreements", scope)
    section = Section(
        "partners",
        _("Partners"),
        figures=[
            figure(_("Partner organisations"), measured("partners.partners", scope)),
            figure(_("Agreements in force"), measured("partners.active_agreements", scope)),
            figure(_("Partners engaged in projects"), measured("projects.partners_engaged", scope)),
            figure(_("Agreements put to use"), measured("projects.used_agreements", scope)),
            figure(_("Partner survey answers"), measured("partners.survey_responses", scope)),
        ],
        empty=_("No partner organisation is recorded for %(period)s.") % {"period": period_label},
    )
    section.has_data = any(f.value for f in section.figures)
    if not section.has_data:
        return section
    by_kind = grouped(partners, "kind")
    if by_kind:
        section.tables.append(
            choice_table(
                _("Partner organisations, by kind"), _("Kind"), by_kind, OrganisationKind.choices
            )
        )
    by_agreement = grouped(agreements, "kind")
    if by_agreement:
        section.tables.append(
            choice_table(
                _("Agreements in force, by kind"), _("Kind"), by_agreement, AgreementKind.choices
            )
        )
        rows, more = first_rows(
            agreements.select_related("organisation").order_by("-starts_on", "pk"), limit
        )
        section.tables.append(
            Table(
                _("Agreements in force"),
                [
                    _("Agreement"),
                    _("Partner organisation"),
                    _("In force from"),
                    _("In force until"),
                ],
                [
                    [
                        content(a, "title", language),
                        content(a.organisation, "name", language),
                        a.starts_on,
                        a.ends_on or _("open-ended"),
                    ]
                    for a in rows
                ],
                more=more,
            )
        )
    return section
