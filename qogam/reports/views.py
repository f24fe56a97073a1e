"""The reports' pages: the list, the request form, a report's progress and its file.

Views parse, check permission, call one service or query and render. A report's page polls
itself with HTMX every two seconds while the report waits or is being made; the partial it
gets back stops the polling once the report is finished.
"""

import posixpath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qogam.core.forms import add_service_error
from qogam.core.i18n import LANGUAGE_NAMES
from qogam.core.periods import academic_year_label, academic_year_of
from qogam.organisations.models import Unit, University
from qogam.organisations.queries import choose_university, staff_universities
from qogam.reports import queries, services
from qogam.reports.enums import FINISHED, ReportFormat, ReportStatus
from qogam.reports.forms import ReportFilterForm, ReportRequestForm
from qogam.reports.models import Report

PER_PAGE = 20
CONTENT_TYPES = {
    ReportFormat.PDF: "application/pdf",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ReportFormat.ZIP: "application/zip",
}


def _university(request) -> University:
    """The university whose reports the page shows: ?university=<slug> among those where the
    person is staff (any for the network's administrators), else the first of them."""
    universities = staff_universities(request.viewer)
    university = choose_university(universities, request.GET.get("university"))
    if university is None:
        raise PermissionDenied
    return university


def _report(request, public_id) -> Report:
    report = get_object_or_404(queries.reports_visible_to(request.viewer), public_id=public_id)
    if not request.user.has_perm("reports.view_report", report):
        raise Http404
    return report


@login_required
def report_list(request):
    if not request.user.has_perm("reports.view_reports"):
        raise PermissionDenied
    university = _university(request)
    form = ReportFilterForm(request.GET or None)
    kind = form.cleaned_data["kind"] if form.is_valid() else ""
    reports = queries.reports_of(request.viewer, university.pk, kind=kind)
    page = Paginator(reports, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/report_list.html",
        {
            "university": university,
            "form": form,
            "page": page,
            "can_make": request.user.has_perm("reports.make_reports"),
        },
    )


def _units_for(request, university: University):
    """Units the person may make reports of: all for the office, a coordinator's own."""
    units = Unit.objects.filter(university=university).order_by("pk")
    allowed = [
        unit.pk
        for unit in units
        if request.user.has_perm("reports.change_report", Report(university=university, unit=unit))
    ]
    return units.filter(pk__in=allowed)


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request):
    if not request.user.has_perm("reports.make_reports"):
        raise PermissionDenied
    university = _university(request)
    # The year that ended last: the one an annual report or a ranking asks about.
    period = (request.GET.get("period") or "").strip() or academic_year_label(
        academic_year_of() - 1
    )
    latest = queries.latest_snapshot(university.pk, period)
    language = (get_language() or "kk").split("-")[0]
    form = ReportRequestForm(
        request.POST or None,
        refresh_url=f"{reverse('reports:create')}?university={university.slug}",
        units=_units_for(request, university),
        snapshots=queries.snapshots_of(university.pk),
        initial={
            "kind": request.GET.get("kind", "annual"),
            "period": period,
            "language": language if language in LANGUAGE_NAMES else "kk",
            "format": "pdf",
            # The figures that were reported for the period, when they were frozen.
            "snapshot": latest.pk if latest else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.request_report(
                actor=request.user,
                university=university,
                kind=data["kind"],
                period=data["period"],
                language=data["language"],
                format=data["format"],
                unit=data["unit"],
                sdgs=data["sdgs"],
                snapshot=data["snapshot"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        except PermissionDenied as exc:
            form.add_error("unit", str(exc))
        else:
            messages.success(request, _("The report is being generated."))
            return redirect(report)
    return render(
        request,
        "reports/report_form.html",
        {"form": form, "university": university, "latest_snapshot": latest},
    )


def _detail_context(request, report: Report) -> dict:
    used = report.language_used
    return {
        "report": report,
        "polling": report.status not in FINISHED,
        "is_done": report.status == ReportStatus.DONE and bool(report.file),
        "is_failed": report.status == ReportStatus.FAILED,
        # Asked in one language, written in another: its interface translations are missing.
        "fallback_language": LANGUAGE_NAMES.get(used) if used and used != report.language else "",
        "asked_language": LANGUAGE_NAMES.get(report.language, report.language),
        "download_name": posixpath.basename(report.file.name) if report.file else "",
    }


@login_required
def report_detail(request, public_id):
    report = _report(request, public_id)
    context = _detail_context(request, report)
    if request.htmx:
        return render(request, "reports/_progress.html", context)
    context.update(
        {
            "can_regenerate": request.user.has_perm("reports.change_report", report),
            "can_delete": request.user.has_perm("reports.delete_report", report),
        }
    )
    return render(request, "reports/report_detail.html", context)


@login_required
def report_download(request, public_id):
    report = _report(request, public_id)
    if report.status != ReportStatus.DONE or not report.file:
        raise Http404
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=posixpath.basename(report.file.name),
        content_type=CONTENT_TYPES.get(report.format, "application/octet-stream"),
    )


@login_required
@require_POST
def report_regenerate(request, public_id):
    report = _report(request, public_id)
    if not request.user.has_perm("reports.change_report", report):
        raise PermissionDenied
    try:
        again = services.regenerate_report(actor=request.user, report=report)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(report)
    messages.success(request, _("The report is being generated again from the same figures."))
    return redirect(again)


@login_required
@require_POST
def report_delete(request, public_id):
    report = _report(request, public_id)
    if not request.user.has_perm("reports.delete_report", report):
        raise PermissionDenied
    slug = report.university.slug
    services.delete_report(actor=request.user, report=report)
    messages.success(request, _("The report is deleted."))
    return redirect(f"{reverse('reports:list')}?university={slug}")


urlpatterns = [
    path("", report_list, name="list"),
    path("new/", report_create, name="create"),
    path("<uuid:public_id>/", report_detail, name="detail"),
    path("<uuid:public_id>/download/", report_download, name="download"),
    path("<uuid:public_id>/regenerate/", report_regenerate, name="regenerate"),
    path("<uuid:public_id>/delete/", report_delete, name="delete"),
]
