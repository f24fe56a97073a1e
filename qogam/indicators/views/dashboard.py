"""The dashboard of a university's indicators, one indicator with the records behind its
number, the unit comparison, charts, the workbook export, targets and snapshots.

Views parse, check permission, call one service or query and render. The university shown is
one the viewer works at (?university=<slug> when several, as the staff pages choose); another
university's indicator, target or snapshot answers 404.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from qogam.core.forms import add_service_error
from qogam.core.i18n import translated
from qogam.core.periods import academic_year_label
from qogam.indicators import charts, compute, exports
from qogam.indicators import queries_dashboard as q
from qogam.indicators.enums import Method
from qogam.indicators.models import PackEntry, Target
from qogam.indicators.services import figures

PAGE_SIZE = 50


# --- Forms -----------------------------------------------------------------------------------


class TargetForm(forms.Form):
    period = forms.CharField(
        label=gettext_lazy("Period"),
        max_length=12,
        help_text=gettext_lazy(
            "An academic year as 2026/27, a year as 2026, a quarter as 2026-Q2."
        ),
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("The whole university"),
    )
    value = forms.DecimalField(label=gettext_lazy("Target"), max_digits=14, decimal_places=2)
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class SnapshotForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200, required=False)
    year = forms.IntegerField(
        label=gettext_lazy("Reporting year"),
        min_value=q.FIRST_YEAR,
        max_value=q.LAST_YEAR,
        help_text=gettext_lazy("2025 stands for the academic year 2025/26."),
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("The whole university"),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


# --- Shared ----------------------------------------------------------------------------------


def _university(request, *, prefer=None):
    """The university whose figures the page shows; 403 for a viewer with none."""
    if not request.user.has_perm("indicators.view_dashboard"):
        raise PermissionDenied
    universities = q.dashboard_universities(request.viewer)
    slug = request.GET.get("university") or request.POST.get("university")
    if not slug and prefer is not None:
        slug = next((u.slug for u in universities if u.pk == prefer), None)
    university = q.choose_university(universities, slug)
    if university is None:
        raise PermissionDenied
    return universities, university


def _indicator_or_404(request, public_id):
    indicator = q.readable_indicator(request.viewer, request.user, public_id)
    if indicator is None:
        raise Http404
    return indicator


def _indicator_university(request, indicator):
    universities, university = _university(request, prefer=indicator.university_id)
    # A university's own indicator has values only at that university.
    if indicator.university_id not in (None, university.pk):
        raise Http404
    return universities, university


def _query(**values) -> str:
    return urlencode({k: v for k, v in values.items() if v not in (None, "")})


def _download(content: bytes, *, content_type: str, filename: str, inline=False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["Cache-Control"] = "private, no-store"
    return response


# --- Dashboard -------------------------------------------------------------------------------


def _table(request, university):
    year = q.year_of(request.GET.get("year"))
    pack = q.pack_of(university.pk, request.GET.get("pack"))
    unit = q.unit_of(university.pk, request.GET.get("unit"))
    component = request.GET.get("component", "")
    sdg = request.GET.get("sdg", "")
    indicators, sections = q.table_indicators(
        university.pk, pack=pack, component=component, sdg=sdg
    )
    rows = q.dashboard_rows(
        indicators, university_id=university.pk, year=year, unit=unit, sections=sections
    )
    return {
        "year": year,
        "year_label": academic_year_label(year),
        "pack": pack,
        "unit": unit,
        "component": component,
        "sdg": sdg,
        "rows": rows,
    }


@login_required
@require_http_methods(["GET"])
def dashboard(request):
    universities, university = _university(request)
    table = _table(request, university)
    year, pack, unit = table["year"], table["pack"], table["unit"]
    base = {
        "university": university.slug if len(universities) > 1 else "",
        "unit": unit.public_id if unit else "",
    }
    return render(
        request,
        "indicators/dashboard/dashboard.html",
        {
            **table,
            "universities": universities,
            "university": university,
            "sections": q.grouped(table["rows"], pack) if pack else [],
            "packs": q.packs_for(university.pk),
            "units": q.units_of(university.pk),
            "choices": q.filter_choices(),
            "value_query": _query(**base),
            "filter_query": _query(
                **base,
                year=year,
                pack=pack.code if pack else "",
                component=table["component"],
                sdg=table["sdg"],
            ),
            "previous_year": year - 1,
            "next_year": year + 1,
            "previous_label": academic_year_label(year - 1),
            "next_label": academic_year_label(year + 1),
            "is_office": q.is_office(request.viewer, university.pk),
        },
    )


@login_required
@require_http_methods(["GET"])
def export(request):
    _universities, university = _university(request)
    table = _table(request, university)
    pack, rows = table["pack"], table["rows"]
    if pack is not None:
        sheets = [exports.Sheet(translated(pack, "name").text, rows)]
    else:
        # A sheet per pack in use, with its sections; the university's own indicators that
        # are in none of them on a last sheet.
        by_indicator = {row.indicator.pk: row for row in rows}
        packs = q.packs_for(university.pk)
        entries = PackEntry.objects.filter(pack__in=packs).order_by("pack", "order", "pk")
        grouped: dict[int, list] = {p.pk: [] for p in packs}
        placed = set()
        for entry in entries:
            row = by_indicator.get(entry.indicator_id)
            if row is not None:
                grouped[entry.pack_id].append(q.Row(**{**row.__dict__, "section": entry.section}))
                placed.add(entry.indicator_id)
        sheets = [exports.Sheet(translated(p, "name").text, grouped[p.pk]) for p in packs]
        rest = [row for row in rows if row.indicator.pk not in placed]
        if rest or not sheets:
            sheets.append(exports.Sheet(_("Own indicators"), rest))
    heading = _("Indicators of %(university)s, %(year)s") % {
        "university": translated(university, "name").text,
        "year": table["year_label"],
    }
    if table["unit"] is not None:
        heading = "{} · {}".format(heading, translated(table["unit"], "name").text)
    content = exports.dashboard_workbook(
        sheets,
        heading=heading,
        university_id=university.pk,
        unit=table["unit"],
        language=translation.get_language(),
    )
    name = "indicators-{}-{}.xlsx".format(university.slug, table["year"])
    return _download(content, content_type=exports.XLSX_TYPE, filename=name)


# --- One indicator ---------------------------------------------------------------------------


def _pages(request, parts):
    """Each provenance part with a page of its records (?page= / ?dpage=), rows from the
    measure's row()."""
    shown = []
    for part in parts:
        key = "page" if part.part == compute.NUMERATOR else "dpage"
        page = Paginator(part.records, PAGE_SIZE).get_page(request.GET.get(key))
        first = q.first_of_each(part) if part.is_distinct else None
        shown.append(
            {
                "part": part,
                "page": page,
                "page_key": key,
                "rows": [
                    (part.measure.row(record), q.counted_text(part, record, first))
                    for record in page.object_list
                ],
                "number_shown": q.format_value(part.number, "count")
                if part.number is not None
                else "",
            }
        )
    return shown


def _common(request, public_id):
    indicator = _indicator_or_404(request, public_id)
    universities, university = _indicator_university(request, indicator)
    year = q.year_of(request.GET.get("year"))
    unit = q.unit_of(university.pk, request.GET.get("unit"))
    period = q.period_for_key(indicator, request.GET.get("period"), year)
    value = compute.evaluate_one(indicator, university_id=university.pk, period=period, unit=unit)
    return {
        "indicator": indicator,
        "universities": universities,
        "university": university,
        "year": period.year,
        "unit": unit,
        "period": period,
        "value": value,
        "shown": q.format_value(value.value, indicator.unit),
        "target_shown": q.format_value(value.target, indicator.unit),
        "status_label": q.light_label(value.status),
        "previous_period": period.shifted(-1),
        "next_period": period.shifted(1),
        "base_query": _query(
            university=university.slug if len(universities) > 1 else "",
            unit=unit.public_id if unit else "",
        ),
        "query": _query(
            university=university.slug if len(universities) > 1 else "",
            unit=unit.public_id if unit else "",
            period=period.key,
        ),
    }


@login_required
@require_http_methods(["GET"])
def indicator_detail(request, public_id):
    context = _common(request, public_id)
    indicator, university = context["indicator"], context["university"]
    period, unit, value = context["period"], context["unit"], context["value"]
    periods = [period.shifted(-step) for step in range(q.HISTORY_LENGTH - 1, -1, -1)]
    history = compute.trend(indicator, university_id=university.pk, periods=periods, unit=unit)
    units = q.units_of(university.pk)
    by_unit = q.unit_values_at(indicator, university_id=university.pk, period=period, units=units)
    parts = q.provenance_of(
        indicator, university_id=university.pk, period=period, unit=unit, value=value
    )
    is_office = q.is_office(request.viewer, university.pk)
    target_form = None
    if is_office:
        target_form = TargetForm(
            units=_units_qs(university.pk), initial={"period": period.key, "unit": unit}
        )
    return render(
        request,
        "indicators/dashboard/indicator.html",
        {
            **context,
            "formula": q.formula_parts(indicator),
            "history": [
                {
                    "value": item,
                    "shown": q.format_value(item.value, indicator.unit),
                    "target_shown": q.format_value(item.target, indicator.unit),
                    "label": q.light_label(item.status),
                }
                for item in history
            ],
            "by_unit": by_unit,
            "parts": _pages(request, parts),
            "entry": value.entry,
            "entry_url": q.url_of(value.entry) if value.entry else "",
            "evidence": list(value.entry.evidence.all()) if value.entry else [],
            "assessment": value.assessment,
            "assessment_url": q.url_of(value.assessment) if value.assessment else "",
            "targets": list(q.targets_of(indicator, university.pk)),
            "target_form": target_form,
            "is_office": is_office,
            "is_computed": indicator.method == Method.COMPUTED,
            "chart_query": _query(
                university=university.slug, unit=unit.public_id if unit else "", period=period.key
            ),
        },
    )


def _units_qs(university_id):
    from qogam.organisations.models import Unit  # noqa: PLC0415 -- only the forms need it

    return Unit.objects.filter(university_id=university_id).order_by("name")


@login_required
@require_http_methods(["GET"])
def provenance(request, public_id):
    context = _common(request, public_id)
    indicator, university = context["indicator"], context["university"]
    parts = q.provenance_of(
        indicator,
        university_id=university.pk,
        period=context["period"],
        unit=context["unit"],
        value=context["value"],
    )
    wanted = request.GET.get("part", compute.NUMERATOR)
    parts = [p for p in parts if p.part == wanted] or parts[:1]
    return render(
        request,
        "indicators/dashboard/provenance.html",
        {**context, "parts": _pages(request, parts)},
    )


@login_required
@require_http_methods(["GET"])
def chart(request, public_id, kind):
    context = _common(request, public_id)
    indicator, university = context["indicator"], context["university"]
    period, unit = context["period"], context["unit"]
    fmt = request.GET.get("format", "svg")
    if fmt not in charts.FORMATS or kind not in ("trend", "units"):
        raise Http404
    name = translated(indicator, "name").text
    title = f"{indicator.code} {name}"
    if len(title) > 70:
        title = title[:69] + "…"
    if kind == "trend":
        periods = [period.shifted(-step) for step in range(q.HISTORY_LENGTH - 1, -1, -1)]
        values = compute.trend(indicator, university_id=university.pk, periods=periods, unit=unit)
        content = charts.trend_chart(
            title=title,
            labels=[v.period.key for v in values],
            values=[v.value for v in values],
            targets=[v.target for v in values],
            value_label=_("Value"),
            target_label=_("Target"),
            no_data_label=_("no data"),
            texts=[q.format_value(v.value, indicator.unit) for v in values],
            fmt=fmt,
        )
    else:
        by_unit = q.unit_values_at(
            indicator, university_id=university.pk, period=period, units=q.units_of(university.pk)
        )
        by_unit = q.sort_unit_values(by_unit, request.GET.get("sort", "-value"))
        content = charts.bar_chart(
            title=f"{title} · {period.key}",
            labels=[translated(item.unit, "name").text for item in by_unit],
            values=[item.value.value for item in by_unit],
            no_data_label=_("no data"),
            texts=[item.shown for item in by_unit],
            fmt=fmt,
        )
    filename = "{}-{}-{}.{}".format(indicator.code, kind, period.key.replace("/", "-"), fmt)
    return _download(
        content, content_type=charts.FORMATS[fmt], filename=filename, inline=fmt == "svg"
    )


# --- Unit comparison -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def compare(request):
    universities, university = _university(request)
    year = q.year_of(request.GET.get("year"))
    units = q.units_of(university.pk)
    sort = request.GET.get("sort", "-value")
    indicator = None
    raw = request.GET.get("indicator")
    if raw:
        try:
            indicator = q.readable_indicator(request.viewer, request.user, raw)
        except (ValueError, ValidationError):
            indicator = None
        if indicator is None or indicator.university_id not in (None, university.pk):
            raise Http404
    pack = None if indicator else q.pack_of(university.pk, request.GET.get("pack"))
    context = {
        "universities": universities,
        "university": university,
        "year": year,
        "year_label": academic_year_label(year),
        "units": units,
        "indicator": indicator,
        "pack": pack,
        "packs": q.packs_for(university.pk),
        "sort": sort,
        "base_query": _query(
            university=university.slug if len(universities) > 1 else "",
            year=year,
            indicator=indicator.public_id if indicator else "",
            pack=pack.code if pack else "",
        ),
    }
    if indicator is not None:
        values = q.unit_values([indicator], university_id=university.pk, year=year, units=units)
        rows = q.sort_unit_values(values[indicator.pk], sort)
        period = compute.period_in_year(indicator, year)
        context.update(
            {
                "rows": rows,
                "period": period,
                "chart_query": _query(university=university.slug, period=period.key, sort=sort),
            }
        )
    else:
        indicators, _sections = q.table_indicators(university.pk, pack=pack)
        values = q.unit_values(indicators, university_id=university.pk, year=year, units=units)
        context["matrix"] = [(i, values[i.pk]) for i in indicators]
    return render(request, "indicators/dashboard/compare.html", context)


# --- Targets ---------------------------------------------------------------------------------


@login_required
@require_POST
def target_set(request, public_id):
    indicator = _indicator_or_404(request, public_id)
    _universities, university = _indicator_university(request, indicator)
    if not q.is_office(request.viewer, university.pk):
        raise PermissionDenied
    form = TargetForm(request.POST, units=_units_qs(university.pk))
    done = reverse("indicators:indicator", kwargs={"public_id": indicator.public_id})
    done += "?" + _query(university=university.slug) + "#targets"
    if form.is_valid():
        data = form.cleaned_data
        try:
            figures.set_target(
                actor=request.user,
                university=university,
                indicator=indicator,
                period=data["period"],
                value=data["value"],
                unit=data["unit"],
                note=data["note"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The target is saved."))
            return redirect(done)
    return render(
        request,
        "indicators/dashboard/target_form.html",
        {"form": form, "indicator": indicator, "university": university, "cancel_url": done},
        status=400,
    )


@login_required
@require_POST
def target_delete(request, public_id):
    target = Target.objects.select_related("indicator").filter(public_id=public_id).first()
    if target is None or not request.user.has_perm("indicators.view_target", target):
        raise Http404
    figures.delete_target(actor=request.user, target=target)
    messages.success(request, _("The target is removed."))
    done = reverse("indicators:indicator", kwargs={"public_id": target.indicator.public_id})
    return redirect(done + "#targets")


# --- Snapshots -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def snapshot_list(request):
    universities, university = _university(request)
    is_office = q.is_office(request.viewer, university.pk)
    form = None
    if is_office:
        form = SnapshotForm(
            request.POST or None,
            units=_units_qs(university.pk),
            initial={"year": q.year_of(request.GET.get("year"))},
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                snapshot = figures.take_snapshot(
                    actor=request.user,
                    university=university,
                    year=data["year"],
                    title=data["title"],
                    unit=data["unit"],
                )
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The values are frozen in a snapshot."))
                return redirect(snapshot)
    return render(
        request,
        "indicators/dashboard/snapshots.html",
        {
            "universities": universities,
            "university": university,
            "snapshots": list(q.snapshots_of(university.pk)),
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET"])
def snapshot_detail(request, public_id):
    snapshot = q.readable_snapshot(request.user, public_id)
    if snapshot is None:
        raise Http404
    rows = q.snapshot_comparison(snapshot)
    return render(
        request,
        "indicators/dashboard/snapshot.html",
        {
            "snapshot": snapshot,
            "university": snapshot.university,
            "rows": rows,
            "changed": sum(1 for row in rows if row.changed),
        },
    )


urlpatterns = [
    path("", dashboard, name="dashboard"),
    path("export/", export, name="export"),
    path("compare/", compare, name="compare"),
    path("indicator/<uuid:public_id>/", indicator_detail, name="indicator"),
    path("indicator/<uuid:public_id>/records/", provenance, name="provenance"),
    path("indicator/<uuid:public_id>/chart/<slug:kind>/", chart, name="chart"),
    path("indicator/<uuid:public_id>/targets/", target_set, name="target_set"),
    path("targets/<uuid:public_id>/delete/", target_delete, name="target_delete"),
    path("snapshots/", snapshot_list, name="snapshots"),
    path("snapshots/<uuid:public_id>/", snapshot_detail, name="snapshot"),
]
