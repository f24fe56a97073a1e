from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from qogam.organisations import queries, services
from qogam.organisations.forms import UnitForm


def university_list(request):
    universities = queries.universities_visible_to(request.viewer)
    return render(
        request,
        "organisations/university_list.html",
        {"universities": universities, "network": queries.current_network()},
    )


def university_detail(request, slug):
    university = get_object_or_404(queries.universities_visible_to(request.viewer), slug=slug)
    units = list(queries.units_visible_to(request.viewer).filter(university=university))
    return render(
        request,
        "organisations/university_detail.html",
        {
            "university": university,
            "tree": queries.unit_tree(units),
            "can_manage_units": request.user.has_perm("organisations.manage_units", university),
        },
    )


def unit_detail(request, public_id):
    unit = get_object_or_404(queries.units_visible_to(request.viewer), public_id=public_id)
    children = queries.units_visible_to(request.viewer).filter(parent=unit)
    return render(
        request,
        "organisations/unit_detail.html",
        {
            "unit": unit,
            "children": children,
            "can_change": request.user.has_perm("organisations.change_unit", unit),
            "can_delete": request.user.has_perm("organisations.delete_unit", unit),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request, slug):
    university = get_object_or_404(queries.universities_visible_to(request.viewer), slug=slug)
    if not request.user.has_perm("organisations.manage_units", university):
        raise PermissionDenied
    form = UnitForm(request.POST or None, university=university)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.create_unit(
                actor=request.user, university=university, values=form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The unit has been created."))
            return redirect(unit)
    return render(request, "organisations/unit_form.html", {"form": form, "university": university})


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request, public_id):
    unit = get_object_or_404(queries.units_visible_to(request.viewer), public_id=public_id)
    if not request.user.has_perm("organisations.change_unit", unit):
        raise PermissionDenied
    form = UnitForm(request.POST or None, instance=unit, university=unit.university)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            unit = services.update_unit(actor=request.user, unit=unit, values=values)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The unit has been saved."))
            return redirect(unit)
    return render(
        request,
        "organisations/unit_form.html",
        {"form": form, "university": unit.university, "unit": unit},
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_delete(request, public_id):
    unit = get_object_or_404(queries.units_visible_to(request.viewer), public_id=public_id)
    if not request.user.has_perm("organisations.delete_unit", unit):
        raise PermissionDenied
    error = None
    if request.method == "POST":
        try:
            services.delete_unit(actor=request.user, unit=unit)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The unit has been deleted."))
            return redirect(unit.university)
    return render(request, "organisations/unit_delete.html", {"unit": unit, "error": error})
