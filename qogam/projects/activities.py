"""The projects done with a partner, for the partner's page (core.partnership)."""

from django.utils.translation import gettext_lazy as _

from qogam.core.i18n import translated
from qogam.core.partnership import Activity, ActivitySource, register_activity_source
from qogam.projects import queries


def partner_projects(organisation, viewer) -> list[Activity]:
    projects = queries.filter_projects(queries.projects_visible_to(viewer), partner=organisation)
    return [
        Activity(
            on=p.starts_on,
            title=translated(p, "title").text,
            url=p.get_absolute_url(),
            kind=p.get_kind_display(),
        )
        for p in projects.order_by("-starts_on", "pk")
    ]


register_activity_source(ActivitySource("projects", _("Projects"), partner_projects, 20))
