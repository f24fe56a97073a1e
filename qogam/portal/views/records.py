"""One public record's page (project, need, volunteering opportunity, study), its preview
card and the photos of a project's public updates."""

from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from qogam.core.uploads import stream_file
from qogam.needs import queries as need_queries
from qogam.needs.enums import NeedState
from qogam.portal import queries as q
from qogam.portal.views.common import (
    card_response,
    render_page,
    text_of,
    university_image,
    university_or_404,
)


def _record(kind: str, university, public_id):
    record = q.public_of_kind(kind, university).filter(public_id=public_id).first()
    if record is None:
        raise Http404
    return record


@require_GET
def project_detail(request, slug, public_id):
    university = university_or_404(slug)
    project = _record("projects", university, public_id)
    cover = q.cover_photo(project)
    image = (
        reverse("portal:photo", kwargs={"slug": slug, "public_id": cover.public_id})
        if cover
        else reverse("portal:project_card", kwargs={"slug": slug, "public_id": public_id})
    )
    return render_page(
        request,
        "portal/project.html",
        {
            "university": university,
            "project": project,
            "updates": q.project_updates(project),
            "partners": list(q.project_partners(project)),
            "needs": list(q.project_needs(project)),
            "opportunities": list(
                q.public_opportunities(university).filter(project=project).order_by("title")
            ),
        },
        title=text_of(project, "title"),
        description=text_of(project, "description", "outcomes") or text_of(university, "name"),
        image=image,
        og_type="article",
    )


@require_GET
def need_detail(request, slug, public_id):
    university = university_or_404(slug)
    need = _record("needs", university, public_id)
    return render_page(
        request,
        "portal/need.html",
        {
            "university": university,
            "need": need,
            "events": need_queries.timeline(need, include_internal=False),
            "stories": q.need_stories(need),
            "projects": list(q.need_projects(need)),
            "States": NeedState,
        },
        title=need.title,
        description=need.description,
        image=reverse("portal:need_card", kwargs={"slug": slug, "public_id": public_id}),
        og_type="article",
    )


@require_GET
def opportunity_detail(request, slug, public_id):
    university = university_or_404(slug)
    opportunity = _record("opportunities", university, public_id)
    return render_page(
        request,
        "portal/opportunity.html",
        {
            "university": university,
            "opportunity": opportunity,
            "shifts": q.upcoming_shifts(opportunity),
        },
        title=text_of(opportunity, "title"),
        description=text_of(opportunity, "description") or text_of(university, "name"),
        image=university_image(university),
    )


@require_GET
def study_detail(request, slug, public_id):
    university = university_or_404(slug)
    study = _record("studies", university, public_id)
    return render_page(
        request,
        "portal/study.html",
        {
            "university": university,
            "study": study,
            "needs": list(q.study_needs(study)),
        },
        title=text_of(study, "title"),
        description=text_of(study, "abstract") or text_of(university, "name"),
        image=university_image(university),
        og_type="article",
    )


# --- Pictures: photos of public updates and the link-preview cards ---------------------------


@require_GET
@cache_control(public=True, max_age=86400)
def photo(request, slug, public_id):
    item = q.public_photo(university_or_404(slug), public_id)
    if item is None:
        raise Http404
    return stream_file(item.file, item.name, inline=True)


@require_GET
@cache_control(public=True, max_age=86400)
def project_card(request, slug, public_id):
    university = university_or_404(slug)
    project = _record("projects", university, public_id)
    return card_response(
        title=text_of(project, "title"),
        subtitle=text_of(university, "name"),
        label=_("Project"),
        sdgs=project.sdgs or [],
    )


@require_GET
@cache_control(public=True, max_age=86400)
def need_card(request, slug, public_id):
    university = university_or_404(slug)
    need = _record("needs", university, public_id)
    return card_response(
        title=need.title,
        subtitle=f"{text_of(university, 'name')} · {need.get_state_display()}",
        label=_("Community need"),
        sdgs=need.sdgs or [],
    )


urlpatterns = [
    path("<slug:slug>/projects/<uuid:public_id>/", project_detail, name="project"),
    path("<slug:slug>/projects/<uuid:public_id>/card.png", project_card, name="project_card"),
    path("<slug:slug>/needs/<uuid:public_id>/", need_detail, name="need"),
    path("<slug:slug>/needs/<uuid:public_id>/card.png", need_card, name="need_card"),
    path("<slug:slug>/volunteering/<uuid:public_id>/", opportunity_detail, name="opportunity"),
    path("<slug:slug>/research/<uuid:public_id>/", study_detail, name="study"),
    path("<slug:slug>/photos/<uuid:public_id>/", photo, name="photo"),
]
