"""What the staff pages share: the academic year asked for, the universities one works in."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from qogam.core.periods import academic_year_of
from qogam.organisations.models import University
from qogam.staff.forms import YearForm
from qogam.staff.rules import OFFICE_ROLES


def year_of(request) -> int:
    """?year=2026 (2026/27); the current academic year without one or with a bad one."""
    form = YearForm(request.GET)
    if form.is_valid() and form.cleaned_data["year"]:
        return form.cleaned_data["year"]
    return academic_year_of()


def managed_universities(viewer):
    """Universities whose catalogue the viewer keeps (its office; the network's admins)."""
    qs = University.objects.filter(is_active=True).order_by("pk")
    if viewer.is_network_admin:
        return qs
    return qs.filter(pk__in=sorted(viewer.university_ids_with(*OFFICE_ROLES)))


def staff_universities(viewer):
    qs = University.objects.filter(is_active=True).order_by("pk")
    if viewer.is_network_admin:
        return qs
    return qs.filter(pk__in=sorted(viewer.staff_university_ids))


def download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response
