"""What projects add to a need's page: the projects answering it, and their updates on its
timeline ("you said — we did"). Only what the reader may see, in the reader's language."""

from django.utils.translation import gettext_lazy as _

from qogam.core.related import (
    Picture,
    RelatedRecord,
    RelatedSource,
    TimelineEntry,
    register_related_source,
)
from qogam.projects import queries


def need_projects(need, viewer) -> list[RelatedRecord]:
    records = []
    for project in queries.projects_of_need(need, viewer).order_by("starts_on", "pk"):
        title, language = queries.display(project, "title")
        records.append(
            RelatedRecord(
                title=title,
                url=project.get_absolute_url(),
                kind=project.get_kind_display(),
                status=project.get_status_display(),
                on=project.starts_on,
                language=language,
            )
        )
    return records


def need_timeline(need, viewer) -> list[TimelineEntry]:
    projects = list(queries.projects_of_need(need, viewer))
    entries = []
    for update in queries.updates_of(projects):
        title, language = queries.display(update, "title")
        body, body_language = queries.display(update, "body")
        entries.append(
            TimelineEntry(
                at=queries.update_moment(update),
                kind=_("Project update"),
                title=title,
                body=body,
                url=f"{update.project.get_absolute_url()}#update-{update.public_id}",
                language=language or body_language,
                pictures=tuple(
                    Picture(url=photo.get_absolute_url(), alt=title) for photo in update.photo_list
                ),
            )
        )
    return entries


register_related_source(
    "needs.need",
    RelatedSource(
        "projects",
        _("Projects answering this need"),
        records=need_projects,
        timeline=need_timeline,
        order=20,
    ),
)
