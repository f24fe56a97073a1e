from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from qogam.core.i18n import CONTENT_LANGUAGES
from qogam.core.related import related_sections
from qogam.needs.queries import readable_needs
from qogam.partners.queries import organisations_visible_to
from qogam.projects import queries, services
from qogam.projects.enums import FundingSource, ProjectStatus
from qogam.projects.forms import (
    AddressNeedsForm,
    ProjectFilterForm,
    ProjectForm,
    add_service_error,
)
from qogam.projects.models import Evidence

PER_PAGE = 25


def filtered_projects(request):
    """The projects the viewer may read, narrowed by the filter form in the query string.

    Shared by the list and the export, so both hold the same projects.
    """
    viewer = request.viewer
    own = sorted(viewer.staff_university_ids)
    form = ProjectFilterForm(
        request.GET or None,
        units=queries.units_of(own).order_by("name"),
        partners=organisations_visible_to(viewer).filter(university__in=own).order_by("name"),
    )
    qs = queries.filter_projects(queries.projects_visible_to(viewer), **form.filters())
    sort = form.cleaned_data.get("sort", "") if form.is_bound and form.is_valid() else ""
    return form, queries.sorted_projects(qs, sort)


def project_list(request):
    form, qs = filtered_projects(request)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    viewer = request.viewer
    return render(
        request,
        "projects/project_list.html",
        {
            "form": form,
            "page": page,
            "show_own": bool(viewer.staff_university_ids),
            "staff_ids": viewer.staff_university_ids,
            "can_add": request.user.has_perm("projects.create_projects"),
            "can_import": queries.universities_for_new_projects(viewer).exists()
            and any(
                request.user.has_perm("projects.import_projects_of", u)
                for u in queries.universities_for_new_projects(viewer)
            ),
            "several_universities": len(viewer.university_ids) > 1 or viewer.is_network_admin,
        },
    )


def visible_project(request, public_id):
    return get_object_or_404(queries.projects_visible_to(request.viewer), public_id=public_id)


def project_detail(request, public_id):
    project = visible_project(request, public_id)
    user, viewer = request.user, request.viewer
    can_manage = user.has_perm("projects.manage_project", project)
    sees_people = user.has_perm("projects.view_participants", project)
    participants = list(queries.participants_of(project)) if sees_people else []
    funding_labels = dict(FundingSource.choices)
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "units": queries.units_of([project.university_id]).filter(
                pk__in=project.units.values("pk")
            ),
            "responsible": list(project.responsible.order_by("full_name")) if sees_people else [],
            "partners": organisations_visible_to(viewer).filter(
                pk__in=project.partners.values("pk")
            ),
            "needs": project.needs.filter(pk__in=_readable_need_ids(viewer, project)).order_by(
                "pk"
            ),
            "participants": participants,
            "participant_count": queries.participants_of(project).count(),
            "hours": sum((p.hours for p in participants), 0),
            "funding": [
                {"source": funding_labels.get(r["source"], r["source"]), "amount": r["amount"]}
                for r in project.funding or []
            ],
            "updates": queries.updates_of([project]),
            "evidence": list(Evidence.objects.with_scopes_disabled().filter(project=project)),
            "sees_people": sees_people,
            "can_manage": can_manage,
            "can_delete": user.has_perm("projects.delete_project", project),
            "needs_to_address": queries.in_progress_needs(project).exists()
            and project.status == ProjectStatus.FINISHED
            and can_manage,
            "related": related_sections(project, viewer, user),
        },
    )


def _readable_need_ids(viewer, project):
    return readable_needs(viewer).filter(projects=project).values("pk")


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request):
    if not request.user.has_perm("projects.create_projects"):
        raise PermissionDenied
    universities = queries.universities_for_new_projects(request.viewer)
    form = ProjectForm(request.POST or None, universities=universities)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                project = services.create_project(
                    actor=request.user,
                    university=form.instance.university,
                    values=form.values(),
                    **form.relations(),
                )
                form.save_sdg_choices(project, request.user)
        except ValidationError as exc:
            add_service_error(form, exc)
        except PermissionDenied as exc:
            form.add_error("lead_unit", str(exc))
        else:
            messages.success(request, _("The project has been added."))
            return redirect(project)
    return render(request, "projects/project_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, public_id):
    project = visible_project(request, public_id)
    if not request.user.has_perm("projects.manage_project", project):
        raise PermissionDenied
    was_finished = project.status == ProjectStatus.FINISHED
    form = ProjectForm(
        request.POST or None,
        instance=project,
        initial={
            "units": project.units.all(),
            "responsible": project.responsible.all(),
            "partners": project.partners.all(),
            "needs": project.needs.all(),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                project = services.update_project(
                    actor=request.user, project=project, values=form.values(), **form.relations()
                )
                form.save_sdg_choices(project, request.user)
        except ValidationError as exc:
            add_service_error(form, exc)
        except PermissionDenied as exc:
            form.add_error("lead_unit", str(exc))
        else:
            messages.success(request, _("The project has been saved."))
            finished_now = project.status == ProjectStatus.FINISHED and not was_finished
            if finished_now and queries.in_progress_needs(project).exists():
                # Offer to close the loop on the needs the project answered.
                return redirect("projects:address_needs", public_id=project.public_id)
            return redirect(project)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@login_required
@require_http_methods(["GET", "POST"])
def project_delete(request, public_id):
    project = visible_project(request, public_id)
    if not request.user.has_perm("projects.delete_project", project):
        raise PermissionDenied
    if request.method == "POST":
        services.delete_project(actor=request.user, project=project)
        messages.success(request, _("The project has been deleted."))
        return redirect("projects:list")
    return render(request, "projects/project_delete.html", {"project": project})


@login_required
@require_http_methods(["GET", "POST"])
def address_needs(request, public_id):
    """After the finish: the project's needs in progress, each with a checkbox, one report."""
    project = visible_project(request, public_id)
    if not request.user.has_perm("projects.manage_project", project):
        raise PermissionDenied
    needs = queries.in_progress_needs(project)
    initial = {
        f"report_{code}": getattr(project, f"outcomes_{code}") or "" for code in CONTENT_LANGUAGES
    }
    initial["needs"] = list(needs)
    form = AddressNeedsForm(request.POST or None, needs=needs, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            done = services.address_project_needs(
                actor=request.user,
                project=project,
                needs=list(form.cleaned_data["needs"]),
                report=form.report(),
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("%(count)d needs are marked addressed.") % {"count": len(done)},
            )
            return redirect(project)
    return render(
        request,
        "projects/address_needs.html",
        {"project": project, "form": form, "has_needs": needs.exists()},
    )
