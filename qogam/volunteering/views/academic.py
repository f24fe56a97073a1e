"""Pages: programmes and courses, enrolling students, the student's service-learning progress
and the registrar's export of credits."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qogam.core.forms import add_service_error
from qogam.core.measures import with_sdgs
from qogam.core.spreadsheets import XLSX_MIME
from qogam.sdg.forms import SdgSuggestionsMixin
from qogam.volunteering import academic, queries
from qogam.volunteering.forms_academic import (
    CourseFilterForm,
    CourseForm,
    EnrolForm,
    ProgrammeForm,
    RegistrarExportForm,
)


def _may_add(request) -> bool:
    return request.user.has_perm("volunteering.create_opportunities")


def _course_rows(courses) -> list[dict]:
    return [{"course": c, "kinds": academic.kind_labels(c.kinds or [])} for c in courses]


@login_required
def programme_list(request):
    viewer = request.viewer
    programmes = academic.programmes_visible_to(viewer).order_by("university", "code", "pk")
    courses = academic.courses_visible_to(viewer).order_by("university", "code", "pk")
    course_filter = CourseFilterForm(request.GET or None)
    if goal := course_filter.goal():
        courses = with_sdgs(courses, [goal])
    return render(
        request,
        "volunteering/academic/programme_list.html",
        {
            "programmes": programmes,
            "course_rows": _course_rows(courses),
            "course_filter": course_filter,
            "can_add": _may_add(request),
            "several_universities": len(viewer.university_ids) > 1 or viewer.is_network_admin,
        },
    )


def _readable_programme(request, public_id):
    programme = academic.readable_programme(request.viewer, public_id)
    if programme is None:
        raise Http404
    return programme


def _readable_course(request, public_id):
    course = academic.readable_course(request.viewer, public_id)
    if course is None:
        raise Http404
    return course


@login_required
def programme_detail(request, public_id):
    programme = _readable_programme(request, public_id)
    rows = _course_rows(academic.courses_of_programme(programme))
    return render(
        request,
        "volunteering/academic/programme_detail.html",
        {
            "programme": programme,
            "service_learning": [r for r in rows if r["course"].service_learning],
            "other_courses": [r for r in rows if not r["course"].service_learning],
            "can_manage": request.user.has_perm("volunteering.manage_academic", programme),
        },
    )


def _programme_form(request, programme=None):
    if programme is None:
        if not _may_add(request):
            raise PermissionDenied
    elif not request.user.has_perm("volunteering.manage_academic", programme):
        raise PermissionDenied
    universities = queries.universities_for_new_opportunities(request.viewer)
    form = ProgrammeForm(
        request.POST or None, instance=programme, viewer=request.viewer, universities=universities
    )
    return _form_page(
        request,
        form=form,
        record=programme,
        save=academic.save_programme,
        record_name="programme",
        texts=(
            _("The programme has been saved."),
            _("Edit the programme"),
            _("Add a programme"),
            _("Save the programme"),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request):
    return _programme_form(request)


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request, public_id):
    return _programme_form(request, _readable_programme(request, public_id))


def _course_form(request, course=None):
    if course is None:
        if not _may_add(request):
            raise PermissionDenied
    elif not request.user.has_perm("volunteering.manage_academic", course):
        raise PermissionDenied
    universities = queries.universities_for_new_opportunities(request.viewer)
    initial = {}
    wanted = request.GET.get("programme")
    if course is None and wanted:
        try:
            programme = academic.readable_programme(request.viewer, wanted)
        except ValidationError:  # not a UUID
            programme = None
        if programme is not None:
            initial = {"programmes": [programme.pk], "unit": programme.unit_id}
    form = CourseForm(
        request.POST or None,
        instance=course,
        initial=initial,
        viewer=request.viewer,
        universities=universities,
    )
    return _form_page(
        request,
        form=form,
        record=course,
        save=academic.save_course,
        record_name="course",
        texts=(
            _("The course has been saved."),
            _("Edit the course"),
            _("Add a course"),
            _("Save the course"),
        ),
    )


def _form_page(request, *, form, record, save, record_name: str, texts: tuple):
    """Save a programme or course through its service, or show the form with its errors.

    `texts`: the message once saved, the heading to edit, the heading to add, the button.
    """
    saved_message, edit_heading, add_heading, submit = texts
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                saved = save(
                    actor=request.user,
                    university=None if record else form.instance.university,
                    values=form.values(),
                    **{record_name: record},
                )
                if isinstance(form, SdgSuggestionsMixin):
                    form.save_sdg_choices(saved, request.user)
        except ValidationError as exc:
            add_service_error(form, exc)
        except PermissionDenied as exc:
            form.add_error("unit", str(exc))
        else:
            messages.success(request, saved_message)
            return redirect(saved)
    return render(
        request,
        "volunteering/academic/form.html",
        {
            "form": form,
            "record": record,
            "heading": edit_heading if record else add_heading,
            "submit": submit,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def course_create(request):
    return _course_form(request)


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request, public_id):
    return _course_form(request, _readable_course(request, public_id))


def _chosen_year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return academic.academic_year_of()
    return year if 2000 <= year <= 2100 else academic.academic_year_of()


def _render_course(request, course, *, year=None, enrol_form=None, status=200):
    can_manage = request.user.has_perm("volunteering.manage_academic", course)
    year = year or _chosen_year(request)
    context = {
        "course": course,
        "kinds": academic.kind_labels(course.kinds or []),
        "programmes": course.programmes.order_by("code"),
        "can_manage": can_manage,
        "year": year,
        "year_label": academic.academic_year_label(year),
    }
    if can_manage and course.service_learning:
        current = academic.academic_year_of()
        context.update(
            {
                "rows": academic.course_progress(course, year),
                "years": [
                    (y, academic.academic_year_label(y))
                    for y in range(current + 1, current - 6, -1)
                ],
                "enrol_form": enrol_form or EnrolForm(initial={"academic_year": year}),
            }
        )
    return render(request, "volunteering/academic/course_detail.html", context, status=status)


@login_required
def course_detail(request, public_id):
    return _render_course(request, _readable_course(request, public_id))


@login_required
@require_POST
def course_enrol(request, public_id):
    course = _readable_course(request, public_id)
    if not request.user.has_perm("volunteering.manage_academic", course):
        raise PermissionDenied
    form = EnrolForm(request.POST)
    if form.is_valid():
        year = form.cleaned_data["academic_year"]
        try:
            result = academic.enrol(
                actor=request.user, course=course, academic_year=year, emails=form.lines()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            text = ngettext(
                "%(count)d student enrolled.", "%(count)d students enrolled.", len(result.enrolled)
            ) % {"count": len(result.enrolled)}
            if result.already:
                text += " " + ngettext(
                    "%(count)d was enrolled already.",
                    "%(count)d were enrolled already.",
                    len(result.already),
                ) % {"count": len(result.already)}
            messages.success(request, text)
            url = reverse("volunteering:course", kwargs={"public_id": course.public_id})
            return redirect(f"{url}?{urlencode({'year': year})}#enrolled")
        return _render_course(request, course, year=year, enrol_form=form, status=400)
    return _render_course(request, course, enrol_form=form, status=400)


@login_required
@require_POST
def enrolment_remove(request, public_id):
    enrolment = academic.readable_enrolment(request.user, public_id)
    if enrolment is None:
        raise Http404
    course, year = enrolment.course, enrolment.academic_year
    academic.remove_enrolment(actor=request.user, enrolment=enrolment)
    messages.success(
        request,
        _("%(name)s is no longer enrolled.")
        % {"name": enrolment.student.full_name or enrolment.student.email},
    )
    url = reverse("volunteering:course", kwargs={"public_id": course.public_id})
    return redirect(f"{url}?{urlencode({'year': year})}#enrolled")


@login_required
def my_progress(request):
    rows = []
    for progress in academic.progress_of_student(request.user):
        kinds = progress.course.kinds or []
        rows.append(
            {
                "progress": progress,
                "year_label": academic.academic_year_label(progress.enrolment.academic_year),
                "kinds": list(zip(kinds, academic.kind_labels(kinds), strict=True)),
            }
        )
    return render(request, "volunteering/academic/my_progress.html", {"rows": rows})


@login_required
@require_GET
def registrar_export(request):
    # Those who add programmes somewhere; may_export then holds each to their own.
    universities = queries.universities_for_new_opportunities(request.viewer)
    if not universities.exists():
        raise PermissionDenied
    form = RegistrarExportForm(
        request.GET if "year" in request.GET else None,
        viewer=request.viewer,
        universities=universities,
        language=request.LANGUAGE_CODE,
    )
    if form.is_bound and form.is_valid():
        university, unit = form.cleaned_data["university"], form.cleaned_data["unit"]
        year, language = form.cleaned_data["year"], form.cleaned_data["language"]
        if not academic.may_export(request.user, university=university, unit=unit):
            form.add_error("unit", _("You may export the courses of your own units only."))
        else:
            rows = academic.registrar_rows(university=university, academic_year=year, unit=unit)
            content = academic.registrar_workbook(rows, academic_year=year, language=language)
            response = HttpResponse(content, content_type=XLSX_MIME)
            name = f"service-learning-{university.slug}-{year}.xlsx"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
    return render(request, "volunteering/academic/registrar_export.html", {"form": form})


urlpatterns: list[URLPattern] = [
    path("programmes/", programme_list, name="programmes"),
    path("programmes/new/", programme_create, name="programme_create"),
    path("programmes/<uuid:public_id>/", programme_detail, name="programme"),
    path("programmes/<uuid:public_id>/edit/", programme_edit, name="programme_edit"),
    path("courses/new/", course_create, name="course_create"),
    path("courses/<uuid:public_id>/", course_detail, name="course"),
    path("courses/<uuid:public_id>/edit/", course_edit, name="course_edit"),
    path("courses/<uuid:public_id>/enrol/", course_enrol, name="enrol"),
    path("enrolments/<uuid:public_id>/remove/", enrolment_remove, name="enrolment_remove"),
    path("service-learning/", my_progress, name="my_progress"),
    path("registrar-export/", registrar_export, name="registrar_export"),
]
