"""A strategy's parts: directions, goals and measures, and the progress notes on a measure."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from qogam.core.forms import add_service_error
from qogam.core.i18n import translated
from qogam.strategy import queries, services
from qogam.strategy.forms import DirectionForm, GoalForm, MeasureForm, ProgressNoteForm
from qogam.strategy.views.strategies import readable_strategy_or_404


def _or_404(record):
    if record is None:
        raise Http404
    return record


def _require_manage(request, strategy) -> None:
    if not request.user.has_perm("strategy.manage_strategy", strategy):
        raise PermissionDenied


def _form_page(request, form, *, strategy, heading, cancel_url, parent=None):
    return render(
        request,
        "strategy/part_form.html",
        {
            "form": form,
            "strategy": strategy,
            "heading": heading,
            "cancel_url": cancel_url,
            "parent": parent,
        },
    )


def _delete_page(request, record, *, heading, warning, cancel_url):
    return render(
        request,
        "strategy/confirm_delete.html",
        {
            "record": record,
            "title": translated(record, "title"),
            "heading": heading,
            "warning": warning,
            "cancel_url": cancel_url,
        },
    )


def _save_flow(
    request, form, save, *, success, strategy, heading, cancel_url, parent=None, done=None
):
    """Validate `form`, call `save()` (a service) and go to `done`, or else to the record it
    returns; a service's error lands on the form, shown again with nothing saved."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save()
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, success)
            return redirect(done or saved)
    return _form_page(
        request, form, strategy=strategy, heading=heading, cancel_url=cancel_url, parent=parent
    )


def _delete_flow(request, record, delete, *, success, done, heading, warning, cancel_url):
    if request.method == "POST":
        delete()
        messages.success(request, success)
        return redirect(done)
    return _delete_page(request, record, heading=heading, warning=warning, cancel_url=cancel_url)


# --- Directions ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def direction_create(request, public_id):
    strategy = readable_strategy_or_404(request, public_id)
    _require_manage(request, strategy)
    form = DirectionForm(request.POST or None)
    return _save_flow(
        request,
        form,
        lambda: services.add_direction(actor=request.user, strategy=strategy, values=form.values()),
        done=strategy,
        success=_("The direction is added."),
        strategy=strategy,
        heading=_("Add a strategic direction"),
        cancel_url=strategy.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def direction_edit(request, public_id):
    direction = _or_404(queries.readable_direction(request.viewer, public_id))
    strategy = direction.strategy
    _require_manage(request, strategy)
    form = DirectionForm(request.POST or None, instance=direction)
    return _save_flow(
        request,
        form,
        lambda: services.update_direction(
            actor=request.user, direction=direction, values=form.values()
        ),
        done=strategy,
        success=_("The changes are saved."),
        strategy=strategy,
        heading=_("Edit the strategic direction"),
        cancel_url=strategy.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def direction_delete(request, public_id):
    direction = _or_404(queries.readable_direction(request.viewer, public_id))
    strategy = direction.strategy
    _require_manage(request, strategy)
    return _delete_flow(
        request,
        direction,
        lambda: services.delete_direction(actor=request.user, direction=direction),
        success=_("The direction is deleted."),
        done=strategy,
        heading=_("Delete the strategic direction"),
        warning=_("Its goals and measures are deleted with it."),
        cancel_url=strategy.get_absolute_url(),
    )


# --- Goals -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request, public_id):
    direction = _or_404(queries.readable_direction(request.viewer, public_id))
    strategy = direction.strategy
    _require_manage(request, strategy)
    form = GoalForm(request.POST or None, strategy=strategy)
    return _save_flow(
        request,
        form,
        lambda: services.add_goal(actor=request.user, direction=direction, values=form.values()),
        done=strategy,
        success=_("The goal is added."),
        strategy=strategy,
        heading=_("Add a goal"),
        cancel_url=strategy.get_absolute_url(),
        parent=direction,
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, public_id):
    goal = _or_404(queries.readable_goal(request.viewer, public_id))
    strategy = goal.strategy
    _require_manage(request, strategy)
    form = GoalForm(request.POST or None, instance=goal, strategy=strategy)
    return _save_flow(
        request,
        form,
        lambda: services.update_goal(actor=request.user, goal=goal, values=form.values()),
        done=strategy,
        success=_("The changes are saved."),
        strategy=strategy,
        heading=_("Edit the goal"),
        cancel_url=strategy.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_delete(request, public_id):
    goal = _or_404(queries.readable_goal(request.viewer, public_id))
    strategy = goal.strategy
    _require_manage(request, strategy)
    return _delete_flow(
        request,
        goal,
        lambda: services.delete_goal(actor=request.user, goal=goal),
        success=_("The goal is deleted."),
        done=strategy,
        heading=_("Delete the goal"),
        warning=_("Its measures are deleted with it."),
        cancel_url=strategy.get_absolute_url(),
    )


# --- Measures --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def measure_create(request, public_id):
    goal = _or_404(queries.readable_goal(request.viewer, public_id))
    strategy = goal.strategy
    _require_manage(request, strategy)
    form = MeasureForm(request.POST or None, strategy=strategy)
    return _save_flow(
        request,
        form,
        lambda: services.add_measure(
            actor=request.user,
            goal=goal,
            values=form.values(),
            projects=form.cleaned_data["projects"],
        ),
        success=_("The measure is added."),
        strategy=strategy,
        heading=_("Add a measure"),
        cancel_url=strategy.get_absolute_url(),
        parent=goal,
    )


@require_http_methods(["GET"])
def measure_detail(request, public_id):
    measure = _or_404(queries.readable_measure(request.viewer, public_id))
    queries.decorate([measure], request.viewer, timezone.localdate())
    strategy = measure.strategy
    user = request.user
    can_report = user.is_authenticated and user.has_perm("strategy.report_progress", measure)
    return render(
        request,
        "strategy/measure_detail.html",
        {
            "measure": measure,
            "strategy": strategy,
            "notes": queries.notes_of(measure),
            "can_manage": user.has_perm("strategy.manage_strategy", strategy),
            "can_report": can_report,
            "note_form": ProgressNoteForm(initial={"status": measure.status})
            if can_report
            else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request, public_id):
    measure = _or_404(queries.readable_measure(request.viewer, public_id))
    strategy = measure.strategy
    _require_manage(request, strategy)
    form = MeasureForm(request.POST or None, instance=measure, strategy=strategy)
    return _save_flow(
        request,
        form,
        lambda: services.update_measure(
            actor=request.user,
            measure=measure,
            values=form.values(),
            projects=form.cleaned_data["projects"],
        ),
        success=_("The changes are saved."),
        strategy=strategy,
        heading=_("Edit the measure"),
        cancel_url=measure.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_delete(request, public_id):
    measure = _or_404(queries.readable_measure(request.viewer, public_id))
    strategy = measure.strategy
    _require_manage(request, strategy)
    return _delete_flow(
        request,
        measure,
        lambda: services.delete_measure(actor=request.user, measure=measure),
        success=_("The measure is deleted."),
        done=strategy,
        heading=_("Delete the measure"),
        warning=_("Its progress notes are deleted with it."),
        cancel_url=measure.get_absolute_url(),
    )


@login_required
@require_http_methods(["POST"])
def note_create(request, public_id):
    measure = _or_404(queries.readable_measure(request.viewer, public_id))
    if not request.user.has_perm("strategy.report_progress", measure):
        raise PermissionDenied
    queries.decorate([measure], request.viewer, timezone.localdate())
    form = ProgressNoteForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_progress_note(
                actor=request.user,
                measure=measure,
                on=data["on"],
                status=data["status"],
                text=data["text"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The progress note is recorded."))
            return redirect(measure)
    return render(
        request,
        "strategy/measure_detail.html",
        {
            "measure": measure,
            "strategy": measure.strategy,
            "notes": queries.notes_of(measure),
            "can_manage": request.user.has_perm("strategy.manage_strategy", measure.strategy),
            "can_report": True,
            "note_form": form,
        },
    )
