from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qogam.core.related import related_sections
from qogam.volunteering import queries, services
from qogam.volunteering.enums import OpportunityStatus, SignUpStatus
from qogam.volunteering.forms import (
    OpportunityFilterForm,
    OpportunityForm,
    ShiftForm,
    add_service_error,
)
from qogam.volunteering.ics import calendar_for_shift

PER_PAGE = 25


def opportunity_list(request):
    viewer = request.viewer
    form = OpportunityFilterForm(
        request.GET or None,
        units=queries.units_of(sorted(viewer.university_ids)).order_by("name"),
    )
    qs = queries.filter_opportunities(queries.opportunities_visible_to(viewer), **form.filters())
    page = Paginator(qs.order_by("-created_at", "pk"), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "volunteering/opportunity_list.html",
        {
            "form": form,
            "page": page,
            "can_add": request.user.has_perm("volunteering.create_opportunities"),
            "several_universities": len(viewer.university_ids) > 1 or viewer.is_network_admin,
        },
    )


def visible_opportunity(request, public_id):
    return get_object_or_404(queries.opportunities_visible_to(request.viewer), public_id=public_id)


def visible_shift(request, public_id):
    shift = queries.readable_shift(request.viewer, public_id)
    if shift is None:
        raise Http404
    return shift


def opportunity_detail(request, public_id):
    opportunity = visible_opportunity(request, public_id)
    user, viewer = request.user, request.viewer
    shifts = list(queries.shifts_of(opportunity))
    mine = queries.active_sign_ups_of(user, shifts)
    rows = []
    for shift in shifts:
        own = mine.get(shift.pk)
        rows.append(
            {
                "shift": shift,
                "places_left": max(shift.capacity - shift.confirmed, 0),
                "mine": own,
                "position": queries.waiting_position(own) if own else None,
            }
        )
    return render(
        request,
        "volunteering/opportunity_detail.html",
        {
            "opportunity": opportunity,
            "rows": rows,
            "is_open": opportunity.status == OpportunityStatus.OPEN,
            "can_manage": user.has_perm("volunteering.manage_opportunity", opportunity),
            "sees_roster": user.has_perm("volunteering.view_roster", opportunity),
            "related": related_sections(opportunity, viewer, user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_create(request):
    if not request.user.has_perm("volunteering.create_opportunities"):
        raise PermissionDenied
    universities = queries.universities_for_new_opportunities(request.viewer)
    form = OpportunityForm(request.POST or None, universities=universities)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                opportunity = services.save_opportunity(
                    actor=request.user, university=form.instance.university, values=form.values()
                )
                form.save_sdg_choices(opportunity, request.user)
        except ValidationError as exc:
            add_service_error(form, exc)
        except PermissionDenied as exc:
            form.add_error("unit", str(exc))
        else:
            messages.success(request, _("The opportunity has been added."))
            return redirect(opportunity)
    return render(request, "volunteering/opportunity_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_edit(request, public_id):
    opportunity = visible_opportunity(request, public_id)
    if not request.user.has_perm("volunteering.manage_opportunity", opportunity):
        raise PermissionDenied
    form = OpportunityForm(request.POST or None, instance=opportunity)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                opportunity = services.save_opportunity(
                    actor=request.user, opportunity=opportunity, values=form.values()
                )
                form.save_sdg_choices(opportunity, request.user)
        except ValidationError as exc:
            add_service_error(form, exc)
        except PermissionDenied as exc:
            form.add_error("unit", str(exc))
        else:
            messages.success(request, _("The opportunity has been saved."))
            return redirect(opportunity)
    return render(
        request, "volunteering/opportunity_form.html", {"form": form, "opportunity": opportunity}
    )


def _shift_form(request, opportunity, shift=None):
    if not request.user.has_perm("volunteering.manage_opportunity", opportunity):
        raise PermissionDenied
    form = ShiftForm(request.POST or None, instance=shift)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_shift(
                actor=request.user, opportunity=opportunity, shift=shift, values=form.values()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The shift has been saved."))
            return redirect(opportunity)
    return render(
        request,
        "volunteering/shift_form.html",
        {"form": form, "opportunity": opportunity, "shift": shift},
    )


@login_required
@require_http_methods(["GET", "POST"])
def shift_create(request, public_id):
    return _shift_form(request, visible_opportunity(request, public_id))


@login_required
@require_http_methods(["GET", "POST"])
def shift_edit(request, public_id):
    shift = visible_shift(request, public_id)
    return _shift_form(request, shift.opportunity, shift)


@login_required
def shift_roster(request, public_id):
    shift = visible_shift(request, public_id)
    if not request.user.has_perm("volunteering.view_roster", shift.opportunity):
        raise PermissionDenied
    roster = list(queries.roster_of(shift))
    return render(
        request,
        "volunteering/roster.html",
        {
            "shift": shift,
            "opportunity": shift.opportunity,
            "confirmed": [s for s in roster if s.status == SignUpStatus.CONFIRMED],
            "waiting": [s for s in roster if s.status == SignUpStatus.WAITLISTED],
            "cancelled": [s for s in roster if s.status == SignUpStatus.CANCELLED],
            "can_manage": request.user.has_perm(
                "volunteering.manage_opportunity", shift.opportunity
            ),
        },
    )


def shift_ics(request, public_id):
    shift = visible_shift(request, public_id)
    response = HttpResponse(
        calendar_for_shift(shift, language=request.LANGUAGE_CODE),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="shift-{shift.public_id}.ics"'
    return response


@login_required
@require_POST
def shift_sign_up(request, public_id):
    shift = visible_shift(request, public_id)
    try:
        record = services.sign_up(student=request.user, shift=shift)
    except (ValidationError, PermissionDenied) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, text)
    else:
        if record.status == SignUpStatus.CONFIRMED:
            messages.success(request, _("You are signed up. A confirmation is on its way."))
        else:
            messages.info(request, _("The shift is full: you are on the waiting list."))
    return redirect(shift.opportunity)


@login_required
@require_POST
def sign_up_cancel(request, public_id):
    record = queries.readable_sign_up(request.user, public_id)
    if record is None:
        raise Http404
    try:
        services.cancel_sign_up(actor=request.user, sign_up=record)
    except (ValidationError, PermissionDenied) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, text)
    else:
        messages.success(request, _("The sign-up has been cancelled."))
    if request.POST.get("next") == "roster":
        return redirect("volunteering:roster", public_id=record.shift.public_id)
    if request.POST.get("next") == "mine":
        return redirect("volunteering:mine")
    return redirect(record.shift.opportunity)


@login_required
def my_sign_ups(request):
    page = Paginator(queries.sign_ups_of(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "volunteering/my_sign_ups.html", {"page": page})
