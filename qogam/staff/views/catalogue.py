"""Pages of the catalogue of third-mission functions and of the qualification profiles."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from qogam.core.forms import add_service_error
from qogam.staff import queries, services
from qogam.staff.forms import FunctionForm, LineFormSet, PositionForm
from qogam.staff.models import Function, Position
from qogam.staff.views.common import managed_universities, staff_universities


def _readable_ids(request) -> list[int]:
    return list(staff_universities(request.viewer).values_list("pk", flat=True))


def _get(request, model, public_id, perm: str):
    record = get_object_or_404(model.objects.select_related("university"), public_id=public_id)
    if not request.user.has_perm(perm, record):
        raise PermissionDenied
    return record


# --- Functions -------------------------------------------------------------------------------


@login_required
def function_list(request):
    if not request.user.has_perm("staff.view_catalogue"):
        raise PermissionDenied
    functions = queries.functions_of(_readable_ids(request)).order_by("-active", "name", "pk")
    return render(
        request,
        "staff/function_list.html",
        {
            "functions": functions,
            "labels": queries.source_labels(),
            "can_add": managed_universities(request.viewer).exists(),
        },
    )


@login_required
def function_detail(request, public_id):
    function = _get(request, Function, public_id, "staff.view_function")
    labels = queries.source_labels()
    categories = dict(queries.category_choices())
    return render(
        request,
        "staff/function_detail.html",
        {
            "function": function,
            "sources": [labels.get(key, key) for key in function.sources],
            "categories": [categories.get(key, key) for key in function.categories],
            "can_change": request.user.has_perm("staff.change_function", function),
            "can_delete": request.user.has_perm("staff.delete_function", function),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def function_create(request):
    universities = managed_universities(request.viewer)
    if not universities.exists():
        raise PermissionDenied
    form = FunctionForm(request.POST or None, universities=universities)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        university = data.pop("university")
        try:
            function = services.create_function(
                actor=request.user, university=university, values=data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The function is added to the catalogue."))
            return redirect(function)
    return render(request, "staff/function_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def function_edit(request, public_id):
    function = _get(request, Function, public_id, "staff.change_function")
    form = FunctionForm(request.POST or None, instance=function)
    if request.method == "POST" and form.is_valid():
        try:
            function = services.update_function(
                actor=request.user, function=function, values=dict(form.cleaned_data)
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect(function)
    return render(request, "staff/function_form.html", {"form": form, "function": function})


@login_required
@require_http_methods(["GET", "POST"])
def function_delete(request, public_id):
    function = _get(request, Function, public_id, "staff.delete_function")
    error = None
    if request.method == "POST":
        try:
            services.delete_function(actor=request.user, function=function)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("The function is deleted."))
            return redirect("staff:functions")
    return render(
        request,
        "staff/confirm_delete.html",
        {"record": function, "field": "name", "error": error, "back": function},
    )


# --- Profiles ---------------------------------------------------------------------------------


@login_required
def position_list(request):
    if not request.user.has_perm("staff.view_catalogue"):
        raise PermissionDenied
    positions = queries.positions_of(_readable_ids(request)).prefetch_related("expected")
    return render(
        request,
        "staff/position_list.html",
        {"positions": positions, "can_add": managed_universities(request.viewer).exists()},
    )


@login_required
def position_detail(request, public_id):
    position = _get(request, Position, public_id, "staff.view_position")
    expected = list(queries.expected_of(position))
    return render(
        request,
        "staff/position_detail.html",
        {
            "position": position,
            "expected": expected,
            "expected_total": sum(e.hours for e in expected),
            "labels": queries.source_labels(),
            "can_change": request.user.has_perm("staff.change_position", position),
            "can_delete": request.user.has_perm("staff.delete_position", position),
        },
    )


def _position_form(request, position: Position | None):
    """The profile's form and its expected functions, saved together by one service."""
    if position is None:
        universities = managed_universities(request.viewer)
        if not universities.exists():
            raise PermissionDenied
        functions = queries.functions_of(
            universities.values_list("pk", flat=True), active_only=True
        )
        initial = []
    else:
        universities = None
        functions = queries.functions_of([position.university_id])
        initial = [
            {"function": e.function, "hours": e.hours} for e in queries.expected_of(position)
        ]
    form = PositionForm(request.POST or None, instance=position, universities=universities)
    lines = LineFormSet(
        request.POST or None, initial=initial, prefix="expected", functions=functions
    )
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        data = dict(form.cleaned_data)
        university = data.pop("university", None)
        expected = lines.lines()
        try:
            if position is None:
                position = services.create_position(
                    actor=request.user, university=university, values=data, expected=expected
                )
            else:
                position = services.update_position(
                    actor=request.user, position=position, values=data, expected=expected
                )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The profile is saved."))
            return redirect(position)
    return render(
        request, "staff/position_form.html", {"form": form, "lines": lines, "position": position}
    )


@login_required
@require_http_methods(["GET", "POST"])
def position_create(request):
    return _position_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def position_edit(request, public_id):
    return _position_form(request, _get(request, Position, public_id, "staff.change_position"))


@login_required
@require_http_methods(["GET", "POST"])
def position_delete(request, public_id):
    position = _get(request, Position, public_id, "staff.delete_position")
    error = None
    if request.method == "POST":
        try:
            services.delete_position(actor=request.user, position=position)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("The profile is deleted."))
            return redirect("staff:positions")
    return render(
        request,
        "staff/confirm_delete.html",
        {"record": position, "field": "name", "error": error, "back": position},
    )


urlpatterns = [
    path("functions/", function_list, name="functions"),
    path("functions/new/", function_create, name="function_create"),
    path("functions/<uuid:public_id>/", function_detail, name="function"),
    path("functions/<uuid:public_id>/edit/", function_edit, name="function_edit"),
    path("functions/<uuid:public_id>/delete/", function_delete, name="function_delete"),
    path("profiles/", position_list, name="positions"),
    path("profiles/new/", position_create, name="position_create"),
    path("profiles/<uuid:public_id>/", position_detail, name="position"),
    path("profiles/<uuid:public_id>/edit/", position_edit, name="position_edit"),
    path("profiles/<uuid:public_id>/delete/", position_delete, name="position_delete"),
]
