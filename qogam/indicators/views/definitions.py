"""Definitions: the packs (shipped and the university's own) with their indicators and
source notes, switching a pack on or off, a university's own indicators and who may read a
university's values of an indicator.

Views parse, check permission, call one service and render. The university is one the viewer
works at (?university=<slug> when several); another university's own indicator or pack
answers 404.
"""

import re

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from qogam.core.enums import Component, Visibility
from qogam.core.forms import add_service_error
from qogam.core.i18n import TranslatedFieldsFormMixin, translated_field_names
from qogam.core.measures import registered_measures
from qogam.indicators.enums import Method
from qogam.indicators.models import (
    Indicator,
    IndicatorVisibility,
    Pack,
    PackActivation,
    PackEntry,
)
from qogam.indicators.services import definitions as services
from qogam.organisations.models import University
from qogam.sdg.forms import GoalsField

# What a university's own indicator may be: entered values need no framework's options.
OWN_METHODS = [
    (Method.COMPUTED.value, Method.COMPUTED.label),
    (Method.MANUAL.value, Method.MANUAL.label),
]


# --- Where -----------------------------------------------------------------------------------


def _universities(request):
    viewer = request.viewer
    universities = University.objects.filter(is_active=True).order_by("pk")
    if not viewer.is_network_admin:
        universities = universities.filter(pk__in=sorted(viewer.staff_university_ids))
    return list(universities)


def _university(request):
    """The university the page is about; 403 for someone who works at none."""
    if not request.user.has_perm("indicators.view_dashboard"):
        raise PermissionDenied
    universities = _universities(request)
    slug = request.GET.get("university") or request.POST.get("university")
    university = next((u for u in universities if u.slug == slug), None) if slug else None
    university = university or (universities[0] if universities else None)
    if university is None:
        raise PermissionDenied
    return universities, university


def _may_manage(request, university) -> bool:
    return request.user.has_perm(
        "indicators.manage_indicators", PackActivation(university_id=university.pk)
    )


def _require_manage(request, university) -> None:
    if not _may_manage(request, university):
        raise PermissionDenied


def _with_university(url: str, universities, university) -> str:
    if len(universities) > 1:
        return f"{url}?{urlencode({'university': university.slug})}"
    return url


def _pack_or_404(university, code: str) -> Pack:
    pack = (
        Pack.objects.available_to([university.pk])
        .filter(code=code)
        .order_by("university_id")  # the university's own pack before a shipped one
        .first()
    )
    if pack is None:
        raise Http404
    return pack


def _own_indicator_or_404(university, public_id) -> Indicator:
    indicator = Indicator.objects.filter(public_id=public_id, university=university).first()
    if indicator is None:
        raise Http404
    return indicator


def _indicator_or_404(university, public_id) -> Indicator:
    indicator = Indicator.objects.available_to([university.pk]).filter(public_id=public_id).first()
    if indicator is None:
        raise Http404
    return indicator


def _entries(pack_ids):
    return (
        PackEntry.objects.filter(pack_id__in=pack_ids)
        .select_related("indicator")
        .order_by("pack_id", "order", "pk")
    )


def _sections(pack, entries) -> list[dict]:
    """A pack's entries grouped by section (headed by its name), in the pack's order."""
    groups: list[dict] = []
    for entry in entries:
        if not groups or groups[-1]["code"] != entry.section:
            groups.append(
                {
                    "code": entry.section,
                    "section": pack.section_title(entry.section),
                    "entries": [],
                }
            )
        groups[-1]["entries"].append(entry)
    return groups


# --- Packs -----------------------------------------------------------------------------------


@login_required
def pack_list(request):
    universities, university = _university(request)
    packs = list(
        Pack.objects.available_to([university.pk]).prefetch_related(
            Prefetch(
                "entries",
                queryset=PackEntry.objects.select_related("indicator").order_by("order", "pk"),
                to_attr="listed",
            )
        )
    )
    active = set(
        PackActivation.objects.filter(university=university).values_list("pack_id", flat=True)
    )
    return render(
        request,
        "indicators/definitions/pack_list.html",
        {
            "universities": universities,
            "university": university,
            "packs": [
                {"pack": p, "active": p.pk in active, "sections": _sections(p, p.listed)}
                for p in packs
            ],
            "may_manage": _may_manage(request, university),
            "own_new_url": _with_university(
                reverse("indicators:own_indicator_create"), universities, university
            ),
        },
    )


@login_required
def pack_detail(request, code):
    universities, university = _university(request)
    pack = _pack_or_404(university, code)
    entries = list(_entries([pack.pk]))
    published = dict(
        IndicatorVisibility.objects.filter(
            university=university, indicator__in=[e.indicator for e in entries]
        ).values_list("indicator_id", "visibility")
    )
    for entry in entries:
        entry.published = published.get(entry.indicator_id, Visibility.PRIVATE)
    return render(
        request,
        "indicators/definitions/pack_detail.html",
        {
            "universities": universities,
            "university": university,
            "pack": pack,
            "active": PackActivation.objects.filter(university=university, pack=pack).exists(),
            "sections": _sections(pack, entries),
            "visibility_choices": Visibility.choices,
            "may_manage": _may_manage(request, university),
            "is_own": pack.university_id == university.pk,
        },
    )


@login_required
@require_POST
def pack_switch(request, code):
    universities, university = _university(request)
    pack = _pack_or_404(university, code)
    _require_manage(request, university)
    if request.POST.get("on") == "1":
        services.activate_pack(actor=request.user, university=university, pack=pack)
        messages.success(request, _("The pack is switched on."))
    else:
        services.deactivate_pack(actor=request.user, university=university, pack=pack)
        messages.success(request, _("The pack is switched off; its values are kept."))
    url = pack.get_absolute_url() if request.POST.get("next") == "pack" else None
    return redirect(_with_university(url or reverse("indicators:packs"), universities, university))


# --- A university's own indicators -----------------------------------------------------------


def _parse_filters(text: str) -> dict[str, list[str]]:
    """ "kind: outreach, open_event" a line -> {"kind": ["outreach", "open_event"]}."""
    filters: dict[str, list[str]] = {}
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        name, sep, values = line.partition(":")
        items = [v for v in re.split(r"[,;\s]+", values) if v]
        if not sep or not name.strip() or not items:
            raise ValidationError(
                _("Write each filter on its own line as “name: value, value”."),
                code="bad_filter",
            )
        filters.setdefault(name.strip(), []).extend(items)
    return filters


def _format_filters(filters) -> str:
    return "\n".join(f"{k}: {', '.join(str(v) for v in vs)}" for k, vs in (filters or {}).items())


class FiltersField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 2})

    def prepare_value(self, value):
        return _format_filters(value) if isinstance(value, dict) else value

    def to_python(self, value):
        return _parse_filters(super().to_python(value))


class OwnIndicatorForm(TranslatedFieldsFormMixin, forms.ModelForm):
    translated_fields = ("name", "definition")
    required_translated_fields = ("name",)
    method = forms.ChoiceField(label=gettext_lazy("Method"), choices=OWN_METHODS)
    measure = forms.ChoiceField(label=gettext_lazy("Measure"), required=False)
    measure_filters = FiltersField(
        label=gettext_lazy("Filters of the measure"),
        required=False,
        help_text=gettext_lazy("One a line, e.g. “kind: outreach, open_event”."),
    )
    denominator = forms.ChoiceField(
        label=gettext_lazy("Denominator measure"),
        required=False,
        help_text=gettext_lazy("For a share or a ratio; leave empty for a plain number."),
    )
    denominator_filters = FiltersField(
        label=gettext_lazy("Filters of the denominator"), required=False
    )
    components = forms.MultipleChoiceField(
        label=gettext_lazy("Components of the University model 4.0"),
        choices=Component.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sdgs = GoalsField()

    class Meta:
        model = Indicator
        fields = [
            "code",
            *translated_field_names("name"),
            *translated_field_names("definition"),
            "unit",
            "direction",
            "period_type",
            "method",
            "measure",
            "measure_filters",
            "denominator",
            "denominator_filters",
            "scale",
            "components",
            "sdgs",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(m.key, f"{m.key} · {m.label}") for m in registered_measures()]
        # A measure that is no longer registered stays selectable, so its error is shown.
        for name in ("measure", "denominator"):
            current = getattr(self.instance, name, "")
            extra = [(current, current)] if current and current not in dict(choices) else []
            self.fields[name].choices = choices + extra
        for name in translated_field_names("definition"):
            self.fields[name].widget.attrs["rows"] = 2

    def _post_clean(self):
        # The service validates the whole record (measures, filters, codes) and saves it.
        pass

    def values(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data
        }


def _own_form_page(request, form, *, universities, university, heading, indicator=None):
    return render(
        request,
        "indicators/definitions/indicator_form.html",
        {
            "form": form,
            "universities": universities,
            "university": university,
            "heading": heading,
            "indicator": indicator,
            "measures": registered_measures(),
            "cancel_url": _with_university(reverse("indicators:packs"), universities, university),
        },
    )


def _own_save_flow(request, form, save, *, universities, university, heading, indicator=None):
    if request.method == "POST" and form.is_valid():
        try:
            save()
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The indicator is saved."))
            own_pack = reverse("indicators:pack", kwargs={"code": services.OWN_PACK_CODE})
            return redirect(_with_university(own_pack, universities, university))
    return _own_form_page(
        request,
        form,
        universities=universities,
        university=university,
        heading=heading,
        indicator=indicator,
    )


@login_required
@require_http_methods(["GET", "POST"])
def own_indicator_create(request):
    universities, university = _university(request)
    _require_manage(request, university)
    form = OwnIndicatorForm(request.POST or None)
    return _own_save_flow(
        request,
        form,
        lambda: services.create_own_indicator(
            actor=request.user, university=university, values=form.values()
        ),
        universities=universities,
        university=university,
        heading=_("A new indicator of the university"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def own_indicator_edit(request, public_id):
    universities, university = _university(request)
    indicator = _own_indicator_or_404(university, public_id)
    _require_manage(request, university)
    form = OwnIndicatorForm(request.POST or None, instance=indicator)
    return _own_save_flow(
        request,
        form,
        lambda: services.update_own_indicator(
            actor=request.user, indicator=indicator, values=form.values()
        ),
        universities=universities,
        university=university,
        heading=_("Edit the indicator"),
        indicator=indicator,
    )


@login_required
@require_POST
def own_pack_toggle(request, public_id):
    """Add an indicator (the university's own or a shipped one) to the university's own
    pack, or take it out."""
    universities, university = _university(request)
    indicator = _indicator_or_404(university, public_id)
    _require_manage(request, university)
    if request.POST.get("add") == "1":
        services.add_to_own_pack(actor=request.user, university=university, indicator=indicator)
        messages.success(request, _("The indicator is in the university's own pack."))
    else:
        services.remove_from_own_pack(
            actor=request.user, university=university, indicator=indicator
        )
        messages.success(request, _("The indicator is taken out of the university's own pack."))
    return redirect(
        _with_university(
            reverse("indicators:pack", kwargs={"code": services.OWN_PACK_CODE}),
            universities,
            university,
        )
    )


@login_required
@require_POST
def indicator_publish(request, public_id):
    universities, university = _university(request)
    indicator = _indicator_or_404(university, public_id)
    _require_manage(request, university)
    try:
        services.publish_indicator(
            actor=request.user,
            university=university,
            indicator=indicator,
            visibility=request.POST.get("visibility", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Who may read the values is saved."))
    back = request.POST.get("pack") or ""
    if back and Pack.objects.available_to([university.pk]).filter(code=back).exists():
        url = reverse("indicators:pack", kwargs={"code": back})
    else:
        url = reverse("indicators:packs")
    return redirect(_with_university(url, universities, university))


urlpatterns = [
    path("packs/", pack_list, name="packs"),
    path("packs/<slug:code>/", pack_detail, name="pack"),
    path("packs/<slug:code>/switch/", pack_switch, name="pack_switch"),
    path("own/new/", own_indicator_create, name="own_indicator_create"),
    path("own/<uuid:public_id>/edit/", own_indicator_edit, name="own_indicator_edit"),
    path("own/<uuid:public_id>/own-pack/", own_pack_toggle, name="own_pack_toggle"),
    path("definitions/<uuid:public_id>/publish/", indicator_publish, name="indicator_publish"),
]
