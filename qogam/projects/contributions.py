"""The staff roll-up's view of projects (core.contributions): who took part, and who was
responsible, in projects running within a period."""

from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qogam.core.contributions import Contribution, ContributionSource, register_contribution_source
from qogam.core.i18n import translated
from qogam.core.tenancy import university_scope
from qogam.projects.enums import ProjectKind, ProjectStatus
from qogam.projects.models import Participant, Project

SOURCE = "projects.participation"


def _running_within(starts_on: date, ends_on: date, prefix: str = "") -> Q:
    return (
        Q(**{f"{prefix}starts_on__lte": ends_on})
        & (Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": starts_on}))
        & ~Q(**{f"{prefix}status": ProjectStatus.CANCELLED})
    )


def _share(hours: Decimal, project: Project, starts_on: date, ends_on: date, today: date):
    """The part of a participant's hours that falls in the period.

    Hours are recorded for the whole project, undated; a project spanning several periods
    gives each the share of its days that lies in it (an open project runs until today), so
    the same hours are never counted in two academic years.
    """
    end = project.ends_on or max(today, project.starts_on)
    span = (end - project.starts_on).days + 1
    inside = (min(end, ends_on) - max(project.starts_on, starts_on)).days + 1
    if span <= 0 or inside >= span:
        return hours
    if inside <= 0:
        return Decimal(0)
    return (hours * inside / span).quantize(Decimal("0.1"))


def project_contributions(
    university_id: int, person_ids: list[int], starts_on: date, ends_on: date
) -> list[Contribution]:
    """A participant's work with its share of the hours recorded for it (see _share); a
    responsible person who is not also a participant, without hours. Two queries whatever
    the number of people."""
    today = timezone.localdate()
    with university_scope(university_id):
        participations = (
            Participant.objects.filter(university_id=university_id, user_id__in=person_ids)
            .filter(_running_within(starts_on, ends_on, "project__"))
            .select_related("project")
        )
        found = [
            Contribution(
                person_id=p.user_id,
                source=SOURCE,
                on=max(p.project.starts_on, starts_on),
                title=translated(p.project, "title").text,
                url=p.project.get_absolute_url(),
                role=p.get_role_display(),
                hours=_share(p.hours, p.project, starts_on, ends_on, today),
                category=p.project.kind,
            )
            for p in participations
        ]
        took_part = {(c.person_id, c.url) for c in found}
        Responsible = Project.responsible.through
        responsible = (
            Responsible.objects.filter(  # type: ignore[attr-defined]
                project__university_id=university_id, user_id__in=person_ids
            )
            .filter(_running_within(starts_on, ends_on, "project__"))
            .select_related("project")
        )
        for row in responsible:
            project = row.project
            if (row.user_id, project.get_absolute_url()) in took_part:
                continue
            found.append(
                Contribution(
                    person_id=row.user_id,
                    source=SOURCE,
                    on=max(project.starts_on, starts_on),
                    title=translated(project, "title").text,
                    url=project.get_absolute_url(),
                    role=_("Responsible"),
                    category=project.kind,
                )
            )
    return found


register_contribution_source(
    ContributionSource(
        SOURCE,
        _("Project work"),
        project_contributions,
        categories=lambda: list(ProjectKind.choices),
        order=10,
    )
)
