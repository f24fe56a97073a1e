"""Entered values and ranking evidence items: what to enter this year, the office's queue, one
value with its evidence and history, and the evidence items' checker and export."""

import posixpath

from auditlog.models import LogEntry
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from qogam.core.enums import Role
from qogam.core.forms import add_service_error
from qogam.core.periods import academic_year_of
from qogam.core.spreadsheets import CONTENT_TYPES
from qogam.core.uploads import stream_file
from qogam.indicators import compute, evidence_export, queries
from qogam.indicators.enums import Method, ValueStatus
from qogam.indicators.models import Indicator, ManualValue, ValueEvidence
from qogam.indicators.services import entries as services
from qogam.organisations.models import Unit, University
from qogam.organisations.queries import choose_university, staff_universities, units_beneath

ENTERED = (Method.MANUAL, Method.EVIDENCE)
# Fields of a value the history shows; the rest are bookkeeping.
HISTORY_FIELDS = ("status", "value", "answer", "options", "explanation", "review_note", "period")


# --- Where and when ---------------------------------------------------------------------------


def working_university(request) -> University:
    """The university whose figures the page shows: ?university=<slug> among those where the
    person is staff (any for the network's administrators), else the first of them."""
    universities = staff_universities(request.viewer)
    university = choose_university(universities, request.GET.get("university"))
    if university is None:
        raise PermissionDenied
    return university


def year_of(request) -> int:
    """?year=2025 (the academic year 2025/26, the calendar year 2025); the current academic
    year without one or with a bad one."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return academic_year_of()
    return year if 2000 <= year <= 2100 else academic_year_of()


def probe(university_id: int) -> ManualValue:
    """An unsaved value of the university, to ask the rules about its figures as a whole."""
    return ManualValue(university_id=university_id)


def may_read_figures(request, university_id: int) -> bool:
    return request.user.has_perm("indicators.view_manualvalue", probe(university_id))


def may_approve(request, university_id: int) -> bool:
    return request.user.has_perm("indicators.approve_value", probe(university_id))


def _enterable_units(request, university: University):
    """Units the person may enter values for: every unit for the office, a coordinator's
    units and those beneath them."""
    units = Unit.objects.filter(university=university).order_by("name")
    if may_approve(request, university.pk):
        return units
    mine = request.viewer.unit_ids_with(university.pk, Role.UNIT_COORDINATOR)
    return units.filter(pk__in=sorted(set(mine) | units_beneath(mine)))


def _entered_indicators(university_id: int) -> list[Indicator]:
    return [
        indicator
        for indicator in queries.active_indicators(university_id).order_by("code")
        if indicator.method in ENTERED
    ]


# --- Forms ------------------------------------------------------------------------------------


class ValueForm(forms.Form):
    """The value of a manual indicator, or an evidence item's answer and options."""

    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=gettext_lazy("The whole university"),
    )
    period = forms.CharField(label=gettext_lazy("Period"), max_length=12)
    value = forms.DecimalField(label=gettext_lazy("Value"), required=False, max_digits=14)
    answer = forms.ChoiceField(
        label=gettext_lazy("Answer"), required=False, widget=forms.RadioSelect, choices=()
    )
    options = forms.MultipleChoiceField(
        label=gettext_lazy("Options that apply"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=(),
    )
    explanation = forms.CharField(
        label=gettext_lazy("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("How the value was arrived at, in a few sentences."),
    )

    def __init__(self, *args, indicator: Indicator, units=None, whole_university=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        if units is None:
            # Editing: the indicator, unit and period of a value stay as they are.
            del self.fields["unit"]
            del self.fields["period"]
        else:
            self.fields["unit"].queryset = units
            self.fields["unit"].required = not whole_university
        if indicator.method == Method.MANUAL:
            self.fields["value"].required = True
            del self.fields["answer"]
            del self.fields["options"]
            return
        del self.fields["value"]
        answers = services.answer_choices(indicator)
        if answers:
            self.fields["answer"].choices = answers
        else:
            del self.fields["answer"]
        if indicator.answer_kind != "level" and indicator.options:
            self.fields["options"].choices = services.option_choices(indicator)
        else:
            del self.fields["options"]


class EvidenceForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    url = forms.URLField(
        label=gettext_lazy("Link"), required=False, max_length=500, assume_scheme="https"
    )
    is_public = forms.BooleanField(
        label=gettext_lazy("Anyone can open the link"),
        required=False,
        help_text=gettext_lazy("Rankings give credit for evidence the public can open."),
    )
    file = forms.FileField(
        label=gettext_lazy("Document file"),
        required=False,
        help_text=gettext_lazy("A PDF, a Word, Excel or PowerPoint file, or an image."),
    )
    on = forms.DateField(
        label=gettext_lazy("Date of the activity or policy"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


# --- Lists ------------------------------------------------------------------------------------


@login_required
def entry_list(request):
    """What to enter this year, and (for the office) what waits for approval."""
    if not request.user.has_perm("indicators.view_dashboard"):
        raise PermissionDenied
    university = working_university(request)
    year = year_of(request)
    indicators = _entered_indicators(university.pk)
    periods = {i.pk: compute.period_in_year(i, year) for i in indicators}
    units = list(_enterable_units(request, university))
    office = may_approve(request, university.pk)
    slots = ([None] if office else []) + units
    existing = {
        (e.indicator_id, e.unit_id, e.period): e
        for e in ManualValue.objects.filter(
            university=university,
            indicator__in=indicators,
            period__in={p.key for p in periods.values()},
        ).select_related("unit")
    }
    rows = []
    for indicator in indicators:
        period = periods[indicator.pk]
        # A ranking's evidence item is answered for the whole university, never by a unit.
        for unit in [None] if indicator.method == Method.EVIDENCE else slots:
            if unit is None and not office:
                continue
            entry = existing.get((indicator.pk, getattr(unit, "pk", None), period.key))
            rows.append(
                {
                    "indicator": indicator,
                    "unit": unit,
                    "period": period,
                    "entry": entry,
                    "answer": evidence_export.answer_text(indicator, entry) if entry else "",
                }
            )
    queue = []
    if office:
        queue = list(
            ManualValue.objects.filter(university=university, status=ValueStatus.SUBMITTED)
            .select_related("indicator", "unit", "entered_by")
            .order_by("submitted_at", "pk")
        )
    return render(
        request,
        "indicators/entries/entry_list.html",
        {
            "university": university,
            "year": year,
            "rows": rows,
            "queue": queue,
            "office": office,
            "has_items": any(i.method == Method.EVIDENCE for i in indicators),
        },
    )


# --- One value --------------------------------------------------------------------------------


def _entry(request, public_id, perm: str = "indicators.view_manualvalue") -> ManualValue:
    entry = get_object_or_404(
        ManualValue.objects.select_related("indicator", "unit", "entered_by", "reviewed_by"),
        public_id=public_id,
    )
    if not request.user.has_perm("indicators.view_manualvalue", entry):
        raise Http404
    if not request.user.has_perm(perm, entry):
        raise PermissionDenied
    return entry


def _history(entry: ManualValue) -> list[dict]:
    """The value's changes from the audit trail: who, when, what."""
    labels = {name: ManualValue._meta.get_field(name).verbose_name for name in HISTORY_FIELDS}
    statuses = dict(ValueStatus.choices)
    rows = []
    for log in (
        LogEntry.objects.get_for_object(entry).select_related("actor").order_by("timestamp", "pk")
    ):
        changes = []
        for name, (before, after) in (log.changes_dict or {}).items():
            if name not in labels:
                continue
            if before in (None, "None", "") and after in (None, "None", "", "[]"):
                continue  # an empty field of a new value says nothing
            if name == "status":
                before, after = statuses.get(before, before), statuses.get(after, after)
            changes.append({"field": labels[name], "before": before, "after": after})
        rows.append({"log": log, "changes": changes})
    return rows


@login_required
def entry_detail(request, public_id):
    entry = _entry(request, public_id)
    evidence = list(entry.evidence.all())
    can_change = request.user.has_perm("indicators.change_manualvalue", entry)
    is_item = entry.indicator.method == Method.EVIDENCE
    context = {
        "entry": entry,
        "indicator": entry.indicator,
        "evidence": evidence,
        "can_change": can_change,
        "can_approve": request.user.has_perm("indicators.approve_value", entry),
        "is_item": is_item,
        "warnings": services.item_warnings(entry, evidence),
        "score": services.score_of(entry, evidence) if is_item else None,
        "answer": evidence_export.answer_text(entry.indicator, entry),
        "options": evidence_export.options_text(entry.indicator, entry),
        "suggestions": services.suggestions(entry) if is_item and can_change else [],
        "history": _history(entry),
        "note_form": NoteForm(),
    }
    return render(request, "indicators/entries/entry_detail.html", context)


def _value_kwargs(form: ValueForm) -> dict:
    data = form.cleaned_data
    return {
        "value": data.get("value"),
        "answer": data.get("answer") or "",
        "options": data.get("options") or [],
        "explanation": data.get("explanation") or "",
    }


@login_required
@require_http_methods(["GET", "POST"])
def entry_create(request):
    if not request.user.has_perm("indicators.add_manualvalue"):
        raise PermissionDenied
    university = working_university(request)
    indicators = _entered_indicators(university.pk)
    chosen = request.GET.get("indicator") or request.POST.get("indicator")
    indicator = next((i for i in indicators if str(i.public_id) == chosen), None)
    if indicator is None:
        return render(
            request,
            "indicators/entries/entry_pick.html",
            {"indicators": indicators, "university": university, "year": year_of(request)},
        )
    units = _enterable_units(request, university)
    office = may_approve(request, university.pk)
    initial = {"period": compute.period_in_year(indicator, year_of(request)).key}
    unit_id = request.GET.get("unit")
    if unit_id:
        initial["unit"] = units.filter(public_id=unit_id).values_list("pk", flat=True).first()
    form = ValueForm(
        request.POST or None,
        indicator=indicator,
        units=units,
        whole_university=office,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.save_value(
                actor=request.user,
                university=university,
                indicator=indicator,
                period=form.cleaned_data["period"],
                unit=form.cleaned_data.get("unit"),
                **_value_kwargs(form),
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        except PermissionDenied:
            form.add_error("unit", _("You may not enter values for this unit."))
        else:
            messages.success(request, _("The value is saved as a draft. Add its evidence next."))
            return redirect(entry)
    return render(
        request,
        "indicators/entries/entry_form.html",
        {"form": form, "indicator": indicator, "university": university, "entry": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request, public_id):
    entry = _entry(request, public_id, "indicators.change_manualvalue")
    initial = {
        "value": entry.value,
        "answer": entry.answer,
        "options": entry.options,
        "explanation": entry.explanation,
    }
    form = ValueForm(request.POST or None, indicator=entry.indicator, initial=initial)
    if request.method == "POST" and form.is_valid():
        was_approved = entry.status == ValueStatus.APPROVED
        try:
            entry = services.save_value(
                actor=request.user,
                university=entry.university_id,
                indicator=entry.indicator,
                period=entry.period,
                unit=entry.unit,
                **_value_kwargs(form),
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            if was_approved:
                messages.warning(
                    request, _("The value was approved; changed, it is a draft again.")
                )
            else:
                messages.success(request, _("The changes are saved."))
            return redirect(entry)
    return render(
        request,
        "indicators/entries/entry_form.html",
        {"form": form, "indicator": entry.indicator, "entry": entry},
    )


def _act(request, action, success: str, entry: ManualValue):
    try:
        action()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(entry)


@login_required
@require_POST
def entry_submit(request, public_id):
    entry = _entry(request, public_id, "indicators.change_manualvalue")
    return _act(
        request,
        lambda: services.submit_value(actor=request.user, entry=entry),
        _("The value is submitted to the third-mission office."),
        entry,
    )


@login_required
@require_POST
def entry_approve(request, public_id):
    entry = _entry(request, public_id, "indicators.approve_value")
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _act(
        request,
        lambda: services.approve_value(actor=request.user, entry=entry, note=note),
        _("The value is approved."),
        entry,
    )


@login_required
@require_POST
def entry_return(request, public_id):
    entry = _entry(request, public_id, "indicators.approve_value")
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _act(
        request,
        lambda: services.return_value(actor=request.user, entry=entry, note=note),
        _("The value is returned with your note."),
        entry,
    )


# --- Evidence ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def evidence_add(request, public_id):
    entry = _entry(request, public_id, "indicators.change_manualvalue")
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_evidence(
                actor=request.user,
                entry=entry,
                title=data["title"],
                url=data.get("url") or "",
                file=data.get("file"),
                is_public=bool(data.get("is_public")),
                on=data.get("on"),
                description=data.get("description") or "",
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The evidence is added."))
            return redirect(f"{entry.get_absolute_url()}#evidence")
    return render(request, "indicators/entries/evidence_form.html", {"form": form, "entry": entry})


@login_required
@require_POST
def evidence_suggest(request, public_id):
    entry = _entry(request, public_id, "indicators.change_manualvalue")
    try:
        services.add_suggested_evidence(
            actor=request.user,
            entry=entry,
            source_code=request.POST.get("source", ""),
            record_pk=request.POST.get("record", ""),
            is_public=request.POST.get("is_public") == "on",
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The record is added as evidence."))
    return redirect(f"{entry.get_absolute_url()}#evidence")


def _evidence(request, public_id, perm: str) -> ValueEvidence:
    item = get_object_or_404(
        ValueEvidence.objects.select_related("value", "value__unit"), public_id=public_id
    )
    if not request.user.has_perm("indicators.view_valueevidence", item):
        raise Http404
    if not request.user.has_perm(perm, item):
        raise PermissionDenied
    return item


@login_required
@require_POST
def evidence_remove(request, public_id):
    item = _evidence(request, public_id, "indicators.delete_valueevidence")
    entry = item.value
    services.remove_evidence(actor=request.user, evidence=item)
    messages.success(request, _("The evidence is removed."))
    return redirect(f"{entry.get_absolute_url()}#evidence")


@login_required
def evidence_file(request, public_id):
    item = _evidence(request, public_id, "indicators.view_valueevidence")
    if not item.file:
        raise Http404
    return stream_file(
        item.file, item.file_name or posixpath.basename(item.file.name), inline=False
    )


# --- Ranking evidence items: checker and export -----------------------------------------------


@login_required
def evidence_checker(request):
    """Every evidence item of the year with what would cost it points."""
    if not request.user.has_perm("indicators.view_dashboard"):
        raise PermissionDenied
    university = working_university(request)
    if not may_read_figures(request, university.pk):
        raise PermissionDenied
    year = year_of(request)
    items = [i for i in _entered_indicators(university.pk) if i.method == Method.EVIDENCE]
    periods = {i.pk: compute.period_in_year(i, year) for i in items}
    entries = {
        (e.indicator_id, e.period): e
        for e in ManualValue.objects.filter(
            university=university,
            indicator__in=items,
            unit__isnull=True,
            period__in={p.key for p in periods.values()},
        )
        .select_related("indicator")
        .prefetch_related(Prefetch("evidence", queryset=ValueEvidence.objects.order_by("pk")))
    }
    rows = []
    for indicator in items:
        entry = entries.get((indicator.pk, periods[indicator.pk].key))
        evidence = list(entry.evidence.all()) if entry else []
        rows.append(
            {
                "indicator": indicator,
                "metric": evidence_export.metric_id(indicator),
                "period": periods[indicator.pk],
                "entry": entry,
                "score": services.score_of(entry, evidence) if entry else None,
                "warnings": services.item_warnings(entry, evidence) if entry else [],
            }
        )
    return render(
        request,
        "indicators/entries/evidence_checker.html",
        {
            "university": university,
            "year": year,
            "rows": rows,
            "can_enter": request.user.has_perm("indicators.add_manualvalue"),
        },
    )


@login_required
def evidence_export_view(request):
    if not request.user.has_perm("indicators.view_dashboard"):
        raise PermissionDenied
    university = working_university(request)
    if not may_read_figures(request, university.pk):
        raise PermissionDenied
    year = year_of(request)
    kind = request.GET.get("format", "xlsx")
    if kind not in CONTENT_TYPES:
        raise Http404
    rows = evidence_export.evidence_rows(university.pk, year)
    filename = f"evidence-{university.slug}-{year}.{kind}"
    if kind == "csv":
        content = evidence_export.to_csv(rows)
    else:
        content = evidence_export.to_xlsx(rows, title=_("Evidence items"))
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("entries/", entry_list, name="entries"),
    path("entries/new/", entry_create, name="manual_value_create"),
    path("entries/<uuid:public_id>/", entry_detail, name="manual_value"),
    path("entries/<uuid:public_id>/edit/", entry_edit, name="manual_value_edit"),
    path("entries/<uuid:public_id>/submit/", entry_submit, name="manual_value_submit"),
    path("entries/<uuid:public_id>/approve/", entry_approve, name="manual_value_approve"),
    path("entries/<uuid:public_id>/return/", entry_return, name="manual_value_return"),
    path("entries/<uuid:public_id>/evidence/", evidence_add, name="evidence_add"),
    path("entries/<uuid:public_id>/suggested/", evidence_suggest, name="evidence_suggest"),
    path("evidence/<uuid:public_id>/remove/", evidence_remove, name="evidence_remove"),
    path("evidence/<uuid:public_id>/file/", evidence_file, name="evidence_file"),
    path("evidence-items/", evidence_checker, name="evidence_checker"),
    path("evidence-items/export/", evidence_export_view, name="evidence_export"),
]
