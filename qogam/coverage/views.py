"""Pages of media coverage: the list per unit and period, one piece, and recording one.

Views parse, check permission, call one service or query and render.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from qogam.core.forms import add_service_error
from qogam.core.related import related_sections
from qogam.core.uploads import stream_file
from qogam.coverage import queries, services
from qogam.coverage.enums import SubjectKind
from qogam.coverage.export import CONTENT_TYPE, export_coverage
from qogam.coverage.forms import SORTS, CoverageFilterForm, CoverageForm
from qogam.coverage.models import Coverage
from qogam.organisations.queries import units_visible_to

PER_PAGE = 25


def _units_of(viewer, university_ids):
    return units_visible_to(viewer).filter(university__in=sorted(university_ids)).order_by("pk")


def _filtered(request):
    """The coverage the viewer may read, narrowed by the filter form; shared with the export."""
    viewer = request.viewer
    form = CoverageFilterForm(
        request.GET or None, units=_units_of(viewer, viewer.staff_university_ids)
    )
    qs = queries.coverage_visible_to(viewer)
    sort = "newest"
    if form.is_valid():
        data = form.cleaned_data
        qs = queries.filter_coverage(
            qs,
            q=data["q"].strip(),
            kind=data["kind"],
            subject=data["subject"],
            unit=data["unit"],
            since=data["since"],
            until=data["until"],
        )
        sort = data["sort"] or "newest"
    elif form.is_bound:
        qs = qs.none()
    return form, qs.order_by(*SORTS[sort][0])


@login_required
def coverage_list(request):
    if not request.user.has_perm("coverage.view_coverage_list"):
        raise PermissionDenied
    form, qs = _filtered(request)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "coverage/coverage_list.html",
        {
            "form": form,
            "page": page,
            "summary": queries.summary_by_kind(qs),
            "total": page.paginator.count,
            "query": request.GET.copy(),
        },
    )


@login_required
def coverage_export(request):
    if not request.user.has_perm("coverage.view_coverage_list"):
        raise PermissionDenied
    _form, qs = _filtered(request)
    response = HttpResponse(export_coverage(qs), content_type=CONTENT_TYPE)
    filename = f"coverage-{timezone.localdate().isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _coverage(request, public_id) -> Coverage:
    return get_object_or_404(queries.coverage_visible_to(request.viewer), public_id=public_id)


def coverage_detail(request, public_id):
    coverage = _coverage(request, public_id)
    subject = coverage.subject
    # The subject is linked only for readers who may open it (a private project stays hidden).
    readable = queries.readable_subject(coverage.subject_kind, subject.public_id, request.viewer)
    return render(
        request,
        "coverage/coverage_detail.html",
        {
            "coverage": coverage,
            "subject": readable,
            "subject_title": queries.subject_title(readable) if readable else None,
            "subject_kind": SubjectKind(coverage.subject_kind).label,
            # By name only: the page may be public, and an e-mail address is not for it.
            "people": list(coverage.people.exclude(full_name="").order_by("full_name", "pk")),
            "can_change": request.user.has_perm("coverage.change_coverage", coverage),
            "can_delete": request.user.has_perm("coverage.delete_coverage", coverage),
            "related": related_sections(coverage, request.viewer, request.user),
        },
    )


def coverage_file(request, public_id):
    coverage = _coverage(request, public_id)
    if not coverage.file:
        raise Http404
    return stream_file(coverage.file, coverage.file_name or "coverage", inline=coverage.is_image)


@login_required
@require_http_methods(["GET", "POST"])
def coverage_create(request, subject_kind, public_id):
    if subject_kind not in SubjectKind.values:
        raise Http404
    subject = queries.readable_subject(subject_kind, public_id, request.viewer)
    if subject is None:
        raise Http404
    if not request.user.has_perm("coverage.record_coverage", subject):
        raise PermissionDenied
    units = _units_of(request.viewer, [subject.university_id])
    form = CoverageForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        university_id=subject.university_id,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("file", None) or None
        people = list(data.pop("people", None) or [])
        try:
            coverage = services.record_coverage(
                actor=request.user, subject=subject, values=data, upload=upload, people=people
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The coverage is recorded."))
            return redirect(coverage)
    return render(
        request,
        "coverage/coverage_form.html",
        {
            "form": form,
            "subject": subject,
            "subject_title": queries.subject_title(subject),
            "subject_kind": SubjectKind(subject_kind).label,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def coverage_edit(request, public_id):
    coverage = _coverage(request, public_id)
    if not request.user.has_perm("coverage.change_coverage", coverage):
        raise PermissionDenied
    units = _units_of(request.viewer, [coverage.university_id])
    form = CoverageForm(
        request.POST or None,
        request.FILES or None,
        instance=coverage,
        units=units,
        university_id=coverage.university_id,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("file", None)
        # The file already stored comes back as the field's value: only a new upload counts.
        upload = upload if isinstance(upload, UploadedFile) else None
        people = list(data.pop("people", None) or [])
        try:
            coverage = services.update_coverage(
                actor=request.user, coverage=coverage, values=data, upload=upload, people=people
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect(coverage)
    return render(
        request,
        "coverage/coverage_form.html",
        {
            "form": form,
            "coverage": coverage,
            "subject": coverage.subject,
            "subject_title": queries.subject_title(coverage.subject),
            "subject_kind": SubjectKind(coverage.subject_kind).label,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def coverage_delete(request, public_id):
    coverage = _coverage(request, public_id)
    if not request.user.has_perm("coverage.delete_coverage", coverage):
        raise PermissionDenied
    if request.method == "POST":
        subject = coverage.subject
        services.delete_coverage(actor=request.user, coverage=coverage)
        messages.success(request, _("The coverage record is deleted."))
        return redirect(subject)
    return render(request, "coverage/coverage_delete.html", {"coverage": coverage})
