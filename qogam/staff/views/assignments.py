"""Pages of staff assignments: the head of unit assigns functions for the year and agrees them;
the assignment's page shows planned against done hours, filled from the records."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qogam.core.forms import add_service_error
from qogam.organisations.models import Unit, University
from qogam.staff import queries, services
from qogam.staff.forms import AssignmentForm, PlannedLineFormSet
from qogam.staff.models import Assignment
from qogam.staff.views.common import year_of


def _headed_universities(viewer) -> list[int]:
    if viewer.is_network_admin:
        return list(University.objects.filter(is_active=True).values_list("pk", flat=True))
    return queries.headed_universities(viewer)


def _choices(viewer) -> dict:
    universities = _headed_universities(viewer)
    unit_ids: set[int] = set()
    for university_id in universities:
        unit_ids |= queries.headed_unit_ids(viewer, university_id)
    return {
        "people": queries.people_headed_by(viewer, universities),
        "units": Unit.objects.with_scopes_disabled()
        .filter(pk__in=sorted(unit_ids))
        .select_related("university")
        .order_by("university", "name"),
        "positions": queries.positions_of(universities).order_by("name", "pk"),
        "functions": queries.functions_of(universities, active_only=True).order_by("name", "pk"),
    }


def _initial(request, choices) -> dict:
    """A new assignment's first values from the link that opened it (?person=&year=)."""
    initial: dict = {"year": year_of(request)}
    person = choices["people"].filter(public_id=request.GET.get("person") or None).first()
    if person is not None:
        initial["person"] = person.pk
        units = set(choices["units"].values_list("pk", flat=True))
        for university_id in {u.university_id for u in choices["units"]}:
            membership = queries.staff_membership_of(person, university_id)
            if membership is not None and membership.unit_id in units:
                initial["unit"] = membership.unit_id
                break
    return initial


def _profile_lines(form: AssignmentForm) -> list[dict] | None:
    """The lines of the chosen profile, when "Fill from the profile" was pressed."""
    try:
        position = form.fields["position"].clean(form.data.get("position"))
    except ValidationError:
        form.add_error("position", _("Choose the profile to fill the lines from."))
        return None
    return [
        {"function": line["function"], "hours": line["planned_hours"]}
        for line in queries.lines_from_profile(position)
    ]


def _assignment_form(request, assignment: Assignment | None):
    choices = _choices(request.viewer)
    data = request.POST if request.method == "POST" else None
    initial_lines = []
    if assignment is not None:
        initial_lines = [
            {"function": line.function, "hours": line.planned_hours}
            for line in assignment.lines.all()
        ]
    form = AssignmentForm(
        data,
        instance=assignment,
        initial=_initial(request, choices) if assignment is None else None,
        people=choices["people"],
        units=choices["units"],
        positions=choices["positions"],
    )
    lines = PlannedLineFormSet(
        data, initial=initial_lines, prefix="lines", functions=choices["functions"]
    )
    if data is not None and "prefill" in data:
        profile = _profile_lines(form)
        if profile is not None:
            lines = PlannedLineFormSet(
                initial=profile, prefix="lines", functions=choices["functions"]
            )
            messages.info(request, _("The lines are filled from the profile; check and save."))
    elif data is not None and form.is_valid() and lines.is_valid():
        values = dict(form.cleaned_data)
        planned = [
            {"function": line["function"], "planned_hours": line["hours"]} for line in lines.lines()
        ]
        try:
            if assignment is None:
                assignment = services.create_assignment(
                    actor=request.user, values=values, lines=planned
                )
            else:
                assignment = services.update_assignment(
                    actor=request.user, assignment=assignment, values=values, lines=planned
                )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The assignment is saved."))
            return redirect(assignment)
    return render(
        request,
        "staff/assignment_form.html",
        {"form": form, "lines": lines, "assignment": assignment},
    )


def _assignment(request, public_id, perm: str) -> Assignment:
    assignment = get_object_or_404(
        queries.with_details(Assignment.objects.all()), public_id=public_id
    )
    if not request.user.has_perm(perm, assignment):
        raise PermissionDenied
    return assignment


@login_required
@require_http_methods(["GET", "POST"])
def assignment_create(request):
    if not request.user.has_perm("staff.assign_somewhere"):
        raise PermissionDenied
    return _assignment_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def assignment_edit(request, public_id):
    return _assignment_form(request, _assignment(request, public_id, "staff.change_assignment"))


@login_required
def assignment_detail(request, public_id):
    assignment = _assignment(request, public_id, "staff.view_assignment")
    record = queries.person_record(assignment.person, assignment.university_id, assignment.year)
    return render(
        request,
        "staff/assignment_detail.html",
        {
            "assignment": assignment,
            "record": record,
            "progress": record.progress,
            "can_change": request.user.has_perm("staff.change_assignment", assignment),
            "can_agree": request.user.has_perm("staff.agree_assignment", assignment),
            "can_delete": request.user.has_perm("staff.delete_assignment", assignment),
            "can_view_person": request.user.has_perm("staff.view_activity_of", record.membership),
        },
    )


@login_required
@require_POST
def assignment_agree(request, public_id):
    assignment = _assignment(request, public_id, "staff.agree_assignment")
    try:
        services.agree_assignment(actor=request.user, assignment=assignment)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The assignment is agreed."))
    return redirect(assignment)


@login_required
@require_http_methods(["GET", "POST"])
def assignment_delete(request, public_id):
    assignment = _assignment(request, public_id, "staff.delete_assignment")
    if request.method == "POST":
        services.delete_assignment(actor=request.user, assignment=assignment)
        messages.success(request, _("The assignment is deleted."))
        return redirect("staff:mine")
    return render(
        request,
        "staff/confirm_delete.html",
        {"record": assignment, "field": "", "error": None, "back": assignment},
    )


urlpatterns = [
    path("assignments/new/", assignment_create, name="assignment_create"),
    path("assignments/<uuid:public_id>/", assignment_detail, name="assignment"),
    path("assignments/<uuid:public_id>/edit/", assignment_edit, name="assignment_edit"),
    path("assignments/<uuid:public_id>/agree/", assignment_agree, name="assignment_agree"),
    path("assignments/<uuid:public_id>/delete/", assignment_delete, name="assignment_delete"),
]
