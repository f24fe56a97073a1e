"""Pages of third-mission activity: a person's own record, a person's record for their heads,
the annual individual report (PDF, XLSX) and the unit view ranking coverage of functions."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.http import urlencode

from qogam.accounts.models import Membership
from qogam.core.enums import STAFF_ROLES
from qogam.core.periods import academic_year_label
from qogam.organisations.models import Unit
from qogam.staff import queries, reports
from qogam.staff.views.common import download, year_of


def _choose(request, memberships: list[Membership]) -> Membership:
    """The membership of ?university=<slug>, else the first (with a unit first)."""
    slug = request.GET.get("university")
    for membership in memberships:
        if slug and membership.university.slug == slug:
            return membership
    return memberships[0]


def _memberships(qs) -> list[Membership]:
    return list(
        qs.filter(role__in=STAFF_ROLES)
        .select_related("user", "unit", "university")
        .order_by("university", F("unit").asc(nulls_last=True), "pk")
    )


def _readable_member(request, public_id) -> list[Membership]:
    """The person's staff memberships the viewer may read the record of: 404 when the person
    is no staff member of the viewer's universities, 403 when the viewer is not their head."""
    found = _memberships(Membership.objects.filter(user__public_id=public_id))
    if not found:
        raise Http404
    readable = [m for m in found if request.user.has_perm("staff.view_activity_of", m)]
    if not readable:
        raise PermissionDenied
    return readable


def _years(year: int) -> dict:
    return {
        "previous": year - 1,
        "next": year + 1,
        "previous_label": academic_year_label(year - 1),
        "next_label": academic_year_label(year + 1),
    }


def _page(request, memberships: list[Membership], *, own: bool):
    membership = _choose(request, memberships)
    person, university = membership.user, membership.university
    year = year_of(request)
    record = queries.person_record(person, university.pk, year)
    query = urlencode({"year": year, "university": university.slug})
    kwargs = {"public_id": person.public_id}
    return render(
        request,
        "staff/activity.html",
        {
            "own": own,
            "person": person,
            "university": university,
            "universities": [m.university for m in memberships],
            "record": record,
            "progress": record.progress,
            "year": year,
            "years": _years(year),
            "pdf_url": reverse("staff:report_pdf", kwargs=kwargs) + "?" + query,
            "xlsx_url": reverse("staff:report_xlsx", kwargs=kwargs) + "?" + query,
            "headed_units": queries.headed_units(request.viewer) if own else [],
            "can_assign": request.user.has_perm("staff.assign_somewhere"),
            "can_view_assignment": record.assignment is not None
            and request.user.has_perm("staff.view_assignment", record.assignment),
        },
    )


@login_required
def my_activity(request):
    memberships = _memberships(Membership.objects.filter(user=request.user))
    if not memberships:
        raise PermissionDenied
    return _page(request, memberships, own=True)


@login_required
def person_activity(request, public_id):
    memberships = _readable_member(request, public_id)
    return _page(request, memberships, own=memberships[0].user_id == request.user.pk)


def _report(request, public_id, kind: str):
    membership = _choose(request, _readable_member(request, public_id))
    year = year_of(request)
    args = (membership.user, membership.university_id, year)
    name = f"third-mission-{academic_year_label(year).replace('/', '-')}"
    if kind == "pdf":
        return download(
            reports.report_pdf(*args), content_type="application/pdf", filename=f"{name}.pdf"
        )
    return download(
        reports.report_xlsx(*args), content_type=reports.XLSX_TYPE, filename=f"{name}.xlsx"
    )


@login_required
def report_pdf(request, public_id):
    return _report(request, public_id, "pdf")


@login_required
def report_xlsx(request, public_id):
    return _report(request, public_id, "xlsx")


@login_required
def unit_staff(request, public_id):
    unit = get_object_or_404(Unit.objects.select_related("university"), public_id=public_id)
    if not request.user.has_perm("staff.view_unit_staff", unit):
        raise PermissionDenied
    year = year_of(request)
    rows = queries.unit_view(unit, year)
    return render(
        request,
        "staff/unit.html",
        {
            "unit": unit,
            "year": year,
            "year_label": academic_year_label(year),
            "years": _years(year),
            "rows": rows,
            "without_activity": [r for r in rows if r.rollup.is_empty],
            "can_assign": request.user.has_perm("staff.assign_somewhere"),
        },
    )


urlpatterns = [
    path("", my_activity, name="mine"),
    path("people/<uuid:public_id>/", person_activity, name="person"),
    path("people/<uuid:public_id>/report.pdf", report_pdf, name="report_pdf"),
    path("people/<uuid:public_id>/report.xlsx", report_xlsx, name="report_xlsx"),
    path("units/<uuid:public_id>/", unit_staff, name="unit"),
]
