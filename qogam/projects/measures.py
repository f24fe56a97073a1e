"""Measures of projects: projects run and finished, staff who took part, partners engaged
(qogam.core.measures).

"Active in the period" is one rule for every measure here: not cancelled, started on or
before the period's last day, and not ended before its first day (or still open).
"""

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from qogam.accounts.models import Membership
from qogam.core.enums import STAFF_ROLES, Component, Visibility
from qogam.core.i18n import CONTENT_LANGUAGES
from qogam.core.measures import (
    DISTINCT,
    ROWS,
    SUM,
    Measure,
    MeasureScope,
    ProvenanceRow,
    register_measure,
    sdg_choices,
    visibility_choices,
    with_components,
    with_sdgs,
)
from qogam.organisations.queries import counted_units
from qogam.partners.measures import agreement_row, partner_kinds, valid_in_period
from qogam.partners.models import Agreement
from qogam.projects.enums import ProjectKind, ProjectStatus
from qogam.projects.models import Evidence, Participant, Project

ProjectPartner = Project.partners.through


def project_kinds():
    return ProjectKind.choices


def components():
    return Component.choices


def active_in(starts_on: date, ends_on: date) -> Q:
    return (
        ~Q(status=ProjectStatus.CANCELLED)
        & Q(starts_on__lte=ends_on)
        & (Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
    )


def finished_in(scope: MeasureScope) -> Q:
    return Q(
        status=ProjectStatus.FINISHED, ends_on__gte=scope.starts_on, ends_on__lte=scope.ends_on
    )


def _projects(scope: MeasureScope, condition: Q, *, skip=()) -> QuerySet[Project]:
    """The university's projects meeting `condition`, narrowed by the scope's units and the
    filters the measure declares (those in `skip` are applied elsewhere by the caller)."""
    qs = Project.objects.filter(condition, university_id=scope.university_id)
    units = counted_units(scope)
    if units is not None:
        others = Project.units.through.objects.filter(unit_id__in=sorted(units))
        qs = qs.filter(Q(lead_unit_id__in=sorted(units)) | Q(pk__in=others.values("project_id")))
    if (kinds := scope.values("kind")) and "kind" not in skip:
        qs = qs.filter(kind__in=kinds)
    if (goals := scope.values("sdg")) and "sdg" not in skip:
        qs = with_sdgs(qs, goals)
    if (kinds := scope.values("partner_kind")) and "partner_kind" not in skip:
        links = ProjectPartner.objects.filter(partnerorganisation__kind__in=kinds)
        qs = qs.filter(pk__in=links.values("project_id"))
    if (chosen := scope.values("component")) and "component" not in skip:
        qs = with_components(qs, chosen)
    if (chosen := scope.values("visibility")) and "visibility" not in skip:
        qs = qs.filter(visibility__in=chosen)
    return qs


def projects(scope: MeasureScope) -> QuerySet[Project]:
    return _projects(scope, active_in(scope.starts_on, scope.ends_on)).order_by("starts_on", "pk")


def finished_projects(scope: MeasureScope) -> QuerySet[Project]:
    return _projects(scope, finished_in(scope)).order_by("ends_on", "pk")


def has_outcomes() -> Q:
    written = Q()
    for code in CONTENT_LANGUAGES:
        written |= Q(**{f"outcomes_{code}__gt": ""})
    return written


def finished_with_evidence(scope: MeasureScope) -> QuerySet[Project]:
    evidence = Exists(Evidence.objects.filter(project_id=OuterRef("pk")))
    return finished_projects(scope).filter(evidence | has_outcomes())


def public_finished_projects(scope: MeasureScope) -> QuerySet[Project]:
    return finished_projects(scope).filter(visibility=Visibility.PUBLIC)


def _project_detail(project: Project) -> str:
    return f"{project.get_kind_display()} · {project.get_status_display()}"


def project_row(project: Project) -> ProvenanceRow:
    return ProvenanceRow(
        title=project.title,
        url=project.get_absolute_url(),
        on=project.starts_on,
        detail=_project_detail(project),
    )


def finished_row(project: Project) -> ProvenanceRow:
    return ProvenanceRow(
        title=project.title,
        url=project.get_absolute_url(),
        on=project.ends_on,
        detail=_project_detail(project),
    )


def beneficiaries_row(project: Project) -> ProvenanceRow:
    return ProvenanceRow(
        title=project.title,
        url=project.get_absolute_url(),
        on=project.starts_on,
        detail=str(_("%(count)s beneficiaries") % {"count": project.beneficiaries or 0}),
        counted=project.beneficiaries,
    )


def beneficiaries(scope: MeasureScope) -> QuerySet[Project]:
    return projects(scope).filter(beneficiaries__isnull=False)


# --- Staff who took part ---------------------------------------------------------------------


def staff_participations(scope: MeasureScope) -> QuerySet[Participant]:
    active = _projects(scope, active_in(scope.starts_on, scope.ends_on))
    staff = Membership.objects.filter(university_id=scope.university_id, role__in=STAFF_ROLES)
    return Participant.objects.filter(
        university_id=scope.university_id,
        project__in=active.values("pk"),
        user_id__in=staff.values("user_id"),
    ).order_by("project__starts_on", "project_id", "pk")


def _participant_detail(participant: Participant) -> str:
    return str(
        _("%(role)s · %(hours)s h")
        % {"role": participant.get_role_display(), "hours": participant.hours}
    )


def participant_row(participant: Participant) -> ProvenanceRow:
    project = participant.project
    return ProvenanceRow(
        title=f"{participant.user} · {project.title}",
        url=project.get_absolute_url(),
        on=project.starts_on,
        detail=_participant_detail(participant),
        counted=participant.user_id,
    )


def participant_hours_row(participant: Participant) -> ProvenanceRow:
    row = participant_row(participant)
    return ProvenanceRow(row.title, row.url, row.on, row.detail, participant.hours)


# --- Partners --------------------------------------------------------------------------------


def _links(scope: MeasureScope, projects_qs: QuerySet[Project]) -> QuerySet:
    """(project, partner) links of `projects_qs`; a partner-kind filter keeps the partners of
    that kind (not every partner of a project that has one)."""
    qs = ProjectPartner.objects.filter(project__in=projects_qs.values("pk"))
    if kinds := scope.values("partner_kind"):
        qs = qs.filter(partnerorganisation__kind__in=kinds)
    return qs.order_by("project__starts_on", "project_id", "pk")


def partner_links(scope: MeasureScope) -> QuerySet:
    active = _projects(scope, active_in(scope.starts_on, scope.ends_on), skip={"partner_kind"})
    return _links(scope, active)


def year_before(day: date) -> date:
    """The same day a year earlier (28 February for a 29th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def repeat_partner_links(scope: MeasureScope) -> QuerySet:
    before = active_in(year_before(scope.starts_on), scope.starts_on - timedelta(days=1))
    earlier = ProjectPartner.objects.filter(
        project__in=Project.objects.filter(before, university_id=scope.university_id).values("pk")
    )
    return partner_links(scope).filter(
        partnerorganisation_id__in=earlier.values("partnerorganisation_id")
    )


def link_row(link) -> ProvenanceRow:
    project, partner = link.project, link.partnerorganisation
    return ProvenanceRow(
        title=f"{partner} · {project.title}",
        url=partner.get_absolute_url(),
        on=project.starts_on,
        detail=str(partner.get_kind_display()),
        counted=link.partnerorganisation_id,
    )


def used_agreements(scope: MeasureScope) -> QuerySet[Agreement]:
    active = Project.objects.filter(
        active_in(scope.starts_on, scope.ends_on), university_id=scope.university_id
    )
    partners_on_projects = ProjectPartner.objects.filter(project__in=active.values("pk"))
    qs = Agreement.objects.filter(
        valid_in_period(scope),
        university_id=scope.university_id,
        organisation_id__in=partners_on_projects.values("partnerorganisation_id"),
    )
    if kinds := scope.values("partner_kind"):
        qs = qs.filter(organisation__kind__in=kinds)
    return qs.order_by("starts_on", "pk")


PROJECT_FILTERS = {
    "unit": None,
    "kind": project_kinds,
    "sdg": sdg_choices,
    "partner_kind": partner_kinds,
    "component": components,
    "visibility": visibility_choices,
}

register_measure(
    Measure(
        key="projects.projects",
        label=_("Projects"),
        description=_(
            "Projects active in the period: not cancelled, started on or before its last day "
            "and not ended before its first day (or with no end date). With a unit, projects "
            "led by or involving that unit or one below it."
        ),
        records=projects,
        row=project_row,
        how=ROWS,
        filters=PROJECT_FILTERS,
        counts="records",
        related=("lead_unit",),
        order=50,
    )
)

register_measure(
    Measure(
        key="projects.finished_projects",
        label=_("Finished projects"),
        description=_(
            "Projects with the status “Finished” whose end date falls within the period. With "
            "a unit, projects led by or involving that unit or one below it."
        ),
        records=finished_projects,
        row=finished_row,
        how=ROWS,
        filters=PROJECT_FILTERS,
        counts="records",
        order=51,
    )
)

register_measure(
    Measure(
        key="projects.finished_with_evidence",
        label=_("Evaluated projects"),
        description=_(
            "Finished projects whose end date falls within the period and that have at least "
            "one piece of evidence or outcomes written in any language."
        ),
        records=finished_with_evidence,
        row=finished_row,
        how=ROWS,
        filters=PROJECT_FILTERS,
        counts="records",
        order=52,
    )
)

register_measure(
    Measure(
        key="projects.public_finished_projects",
        label=_("Finished projects shown to the public"),
        description=_(
            "Finished projects whose end date falls within the period and whose visibility is "
            "public, so the portal shows them."
        ),
        records=public_finished_projects,
        row=finished_row,
        how=ROWS,
        filters={k: v for k, v in PROJECT_FILTERS.items() if k != "visibility"},
        counts="records",
        order=53,
    )
)

register_measure(
    Measure(
        key="projects.staff_participants",
        label=_("Staff taking part in projects"),
        description=_(
            "Staff of the university (a staff role there today) recorded as participants of "
            "projects active in the period, each person counted once however many projects "
            "they took part in."
        ),
        records=staff_participations,
        row=participant_row,
        how=DISTINCT,
        counted_field="user_id",
        filters={"unit": None, "kind": project_kinds},
        counts="people",
        related=("user", "project"),
        order=54,
    )
)

register_measure(
    Measure(
        key="projects.staff_hours",
        label=_("Staff hours in projects"),
        description=_(
            "The sum of the hours recorded for staff participants of projects active in the "
            "period. Hours are recorded per project, not per day, so a project running across "
            "several periods adds its hours to each of them."
        ),
        records=staff_participations,
        row=participant_hours_row,
        how=SUM,
        counted_field="hours",
        filters={"unit": None, "kind": project_kinds},
        counts="hours",
        related=("user", "project"),
        order=55,
    )
)

LINK_FILTERS = {
    "unit": None,
    "kind": project_kinds,
    "partner_kind": partner_kinds,
    "sdg": sdg_choices,
}

register_measure(
    Measure(
        key="projects.partners_engaged",
        label=_("Partners engaged in projects"),
        description=_(
            "Partner organisations named on projects active in the period, each counted once "
            "however many projects it is on. A partner kind keeps the partners of that kind."
        ),
        records=partner_links,
        row=link_row,
        how=DISTINCT,
        counted_field="partnerorganisation_id",
        filters=LINK_FILTERS,
        counts="organisations",
        related=("project", "partnerorganisation"),
        order=56,
    )
)

register_measure(
    Measure(
        key="projects.repeat_partners",
        label=_("Repeat partners"),
        description=_(
            "Partner organisations on projects active in the period that were also on a "
            "project of the university active in the twelve months before the period began, "
            "each counted once."
        ),
        records=repeat_partner_links,
        row=link_row,
        how=DISTINCT,
        counted_field="partnerorganisation_id",
        filters=LINK_FILTERS,
        counts="organisations",
        related=("project", "partnerorganisation"),
        order=57,
    )
)

register_measure(
    Measure(
        key="projects.used_agreements",
        label=_("Agreements put to use"),
        description=_(
            "Signed agreements in force on at least one day of the period whose partner is on "
            "at least one project active in the period."
        ),
        records=used_agreements,
        row=agreement_row,
        how=ROWS,
        filters={"partner_kind": partner_kinds},
        counts="records",
        related=("organisation",),
        order=58,
    )
)

register_measure(
    Measure(
        key="projects.beneficiaries",
        label=_("Project beneficiaries"),
        description=_(
            "The sum of the numbers of beneficiaries recorded on projects active in the period "
            "(projects without a number add nothing). A project running across several "
            "periods adds its number to each of them."
        ),
        records=beneficiaries,
        row=beneficiaries_row,
        how=SUM,
        counted_field="beneficiaries",
        filters=PROJECT_FILTERS,
        counts="people",
        order=59,
    )
)
