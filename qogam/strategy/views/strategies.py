"""Strategies: the list, creating, changing, copying and deleting one, its plan, its timeline
and its exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from qogam.core.forms import add_service_error
from qogam.core.i18n import translated
from qogam.strategy import exports, queries, services
from qogam.strategy.enums import MeasureStatus
from qogam.strategy.forms import CopyForm, StrategyForm
from qogam.strategy.models import Strategy
from qogam.strategy.timeline import timeline_of


def readable_strategy_or_404(request, public_id) -> Strategy:
    strategy = queries.readable_strategy(request.viewer, public_id)
    if strategy is None:
        raise Http404
    return strategy


def _require_manage(request, strategy) -> None:
    if not request.user.has_perm("strategy.manage_strategy", strategy):
        raise PermissionDenied


@login_required
def strategy_list(request):
    if not request.user.has_perm("strategy.view_strategy_list"):
        raise PermissionDenied
    strategies = list(queries.strategy_list(request.viewer))
    return render(
        request,
        "strategy/strategy_list.html",
        {
            "templates": [s for s in strategies if s.is_template],
            "strategies": [s for s in strategies if not s.is_template],
            "can_create": request.user.has_perm("strategy.create_strategies"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def strategy_create(request):
    if not request.user.has_perm("strategy.create_strategies"):
        raise PermissionDenied
    universities = queries.universities_for_strategies(request.viewer)
    form = StrategyForm(request.POST or None, viewer=request.viewer, universities=universities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        university = data.get("university") or form.instance.university
        try:
            strategy = services.create_strategy(
                actor=request.user,
                university=university,
                unit=data.get("unit"),
                values=form.values(),
                is_template=bool(data.get("is_template")),
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        except PermissionDenied:
            form.add_error("unit", _("You may not write a strategy for this university or unit."))
        else:
            messages.success(request, _("The strategy is created. Add its directions next."))
            return redirect(strategy)
    return render(request, "strategy/strategy_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def strategy_edit(request, public_id):
    strategy = readable_strategy_or_404(request, public_id)
    _require_manage(request, strategy)
    form = StrategyForm(
        request.POST or None,
        instance=strategy,
        initial={"unit": strategy.unit_id},
        viewer=request.viewer,
    )
    if request.method == "POST" and form.is_valid():
        try:
            strategy = services.update_strategy(
                actor=request.user,
                strategy=strategy,
                values=form.values(),
                unit=form.cleaned_data.get("unit"),
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        except PermissionDenied:
            form.add_error("unit", _("You may not write a strategy for this university or unit."))
        else:
            messages.success(request, _("The changes are saved."))
            return redirect(strategy)
    return render(request, "strategy/strategy_form.html", {"form": form, "strategy": strategy})


@login_required
@require_http_methods(["GET", "POST"])
def strategy_delete(request, public_id):
    strategy = readable_strategy_or_404(request, public_id)
    if not request.user.has_perm("strategy.delete_strategy", strategy):
        raise PermissionDenied
    if request.method == "POST":
        services.delete_strategy(actor=request.user, strategy=strategy)
        messages.success(request, _("The strategy is deleted."))
        return redirect("strategy:list")
    return render(
        request,
        "strategy/confirm_delete.html",
        {
            "record": strategy,
            "title": translated(strategy, "title"),
            "heading": _("Delete the strategy"),
            "warning": _("Its directions, goals, measures and progress notes are deleted with it."),
            "cancel_url": strategy.get_absolute_url(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def strategy_copy(request):
    if not request.user.has_perm("strategy.create_strategies"):
        raise PermissionDenied
    universities = queries.universities_for_strategies(request.viewer)
    initial = {}
    source_id = request.GET.get("source")
    if source_id:
        initial["source"] = source_id
    form = CopyForm(
        request.POST or None, initial=initial, viewer=request.viewer, universities=universities
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            strategy = services.copy_strategy(
                actor=request.user,
                source=data["source"],
                university=data["university"],
                unit=data["unit"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                title={code: data[f"title_{code}"] for code in ("kk", "ru", "en")},
                visibility=data["visibility"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        except PermissionDenied:
            form.add_error(None, _("You may not write a strategy for this university or unit."))
        else:
            messages.success(request, _("The strategy is copied. Check its measures' dates."))
            return redirect(strategy)
    return render(request, "strategy/strategy_copy.html", {"form": form})


def _strategy_page_context(request, strategy) -> dict:
    user = request.user
    return {
        "strategy": strategy,
        "can_manage": user.has_perm("strategy.manage_strategy", strategy),
        "can_delete": user.has_perm("strategy.delete_strategy", strategy),
        "can_copy": user.has_perm("strategy.create_strategies"),
    }


@require_http_methods(["GET"])
def strategy_detail(request, public_id):
    strategy = readable_strategy_or_404(request, public_id)
    plan = queries.plan_of(strategy, timezone.localdate(), request.viewer)
    return render(
        request,
        "strategy/strategy_detail.html",
        {**_strategy_page_context(request, strategy), "plan": plan},
    )


@require_http_methods(["GET"])
def strategy_timeline(request, public_id):
    strategy = readable_strategy_or_404(request, public_id)
    plan = queries.plan_of(strategy, timezone.localdate(), request.viewer)
    return render(
        request,
        "strategy/strategy_timeline.html",
        {
            **_strategy_page_context(request, strategy),
            "plan": plan,
            "timeline": timeline_of(plan),
            "statuses": MeasureStatus.choices,
        },
    )


def _filename(strategy, extension: str) -> str:
    name = slugify(strategy.title_en or "") or "strategy"
    return f"{name}-{strategy.starts_on.year}-{strategy.ends_on.year}.{extension}"


@require_http_methods(["GET"])
def strategy_xlsx(request, public_id):
    strategy = readable_strategy_or_404(request, public_id)
    plan = queries.plan_of(strategy, timezone.localdate(), request.viewer)
    content = exports.plan_workbook(plan, language=translation.get_language())
    response = HttpResponse(content, content_type=exports.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(strategy, "xlsx")}"'
    return response


@require_http_methods(["GET"])
def strategy_pdf(request, public_id):
    strategy = readable_strategy_or_404(request, public_id)
    plan = queries.plan_of(strategy, timezone.localdate(), request.viewer)
    content = exports.plan_pdf(plan, language=translation.get_language())
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(strategy, "pdf")}"'
    return response


def plan_url(strategy) -> str:
    return reverse("strategy:detail", kwargs={"public_id": strategy.public_id})
