from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from qogam.core.i18n import CONTENT_LANGUAGES, translated
from qogam.organisations.queries import units_visible_to
from qogam.partners import queries, services
from qogam.partners.forms import SORTS, PartnerFilterForm, PartnerForm, add_service_error
from qogam.partners.models import Contact, PartnerOrganisation

PER_PAGE = 25
# The map draws at most this many markers; the table below it pages through the rest.
MAP_LIMIT = 2000


def _own_units(viewer):
    """Units of the viewer's own universities, for the unit filter."""
    return units_visible_to(viewer).filter(university__in=sorted(viewer.staff_university_ids))


def filtered_partners(request):
    """The partners the viewer may read, narrowed by the filter form in the query string.

    Shared by the list, the map and the export, so all three show the same partners.
    """
    viewer = request.viewer
    form = PartnerFilterForm(request.GET or None, units=_own_units(viewer))
    qs = queries.organisations_visible_to(viewer).select_related("university")
    sort = "name"
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            term = data["q"].strip()
            match = Q(bin=term) | Q(city__icontains=term)
            for code in CONTENT_LANGUAGES:
                match |= Q(**{f"name_{code}__icontains": term})
                match |= Q(**{f"short_name_{code}__icontains": term})
            qs = qs.filter(match)
        if data["kind"]:
            qs = qs.filter(kind=data["kind"])
        if data["region"]:
            qs = qs.filter(region=data["region"])
        if data["unit"]:
            qs = qs.filter(units=data["unit"])
        if data["status"]:
            with_status = queries.agreements_visible_to(viewer).filter(
                current_status=data["status"]
            )
            qs = qs.filter(pk__in=with_status.values("organisation_id"))
        sort = data["sort"] or "name"
    # Names sort as the reader sees them: their language first, then the fallbacks.
    qs = queries.with_display_name(qs)
    order = SORTS[sort][0]
    if order == "name":
        return form, qs.order_by("display_name", "pk")
    return form, qs.order_by(order, "display_name", "pk")


def partner_list(request):
    form, qs = filtered_partners(request)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "partners/partner_list.html",
        {
            "form": form,
            "page": page,
            "show_units": form.fields["unit"].queryset.exists(),
            "can_add": request.user.has_perm("partners.manage_partners"),
            "several_universities": len(request.viewer.university_ids) > 1
            or request.viewer.is_network_admin,
        },
    )


def partner_map(request):
    form, qs = filtered_partners(request)
    located = qs.filter(latitude__isnull=False, longitude__isnull=False)[:MAP_LIMIT]
    points = [
        {
            "name": translated(p, "name").text,
            "kind": p.get_kind_display(),
            "city": p.city,
            "lat": float(p.latitude),
            "lng": float(p.longitude),
            "url": p.get_absolute_url(),
        }
        for p in located
    ]
    return render(
        request,
        "partners/partner_map.html",
        {
            "form": form,
            "partners": located,
            "points": points,
            "show_units": form.fields["unit"].queryset.exists(),
            "map": {
                "tiles": settings.MAP_TILE_URL,
                "attribution": settings.MAP_TILE_ATTRIBUTION,
            },
        },
    )


def _visible_partner(request, public_id) -> PartnerOrganisation:
    return get_object_or_404(
        queries.organisations_visible_to(request.viewer).select_related("university"),
        public_id=public_id,
    )


def partner_detail(request, public_id):
    viewer = request.viewer
    partner = _visible_partner(request, public_id)
    units = units_visible_to(viewer).filter(
        pk__in=PartnerOrganisation.units.through.objects.filter(
            partnerorganisation_id=partner.pk
        ).values("unit_id")
    )
    user = request.user
    return render(
        request,
        "partners/partner_detail.html",
        {
            "partner": partner,
            "units": units,
            "contacts": queries.contacts_visible_to(viewer, partner).select_related("user"),
            "partnership": queries.partnership(partner, viewer),
            "can_change": user.has_perm("partners.change_partnerorganisation", partner),
            "can_delete": user.has_perm("partners.delete_partnerorganisation", partner),
            "can_view_contacts": user.has_perm("partners.view_contact", _contact_probe(partner)),
            "can_add_contact": user.has_perm("partners.add_contact", partner),
            "can_change_contacts": user.has_perm(
                "partners.change_contact", _contact_probe(partner)
            ),
            "can_add_agreement": user.has_perm("partners.manage_partners_of", partner.university),
        },
    )


def _contact_probe(partner):
    # The contact rules ask about the record's university and organisation; any contact of
    # this partner answers the same, so an unsaved one stands in for them all.
    return Contact(organisation=partner, university_id=partner.university_id)


def _duplicates_of(form: PartnerForm, university_id, exclude_pk=None):
    data = form.cleaned_data
    return services.find_duplicates(
        university=university_id,
        bin=data.get("bin") or "",
        names=[data.get(f"name_{code}") or "" for code in CONTENT_LANGUAGES],
        city=data.get("city") or "",
        exclude_pk=exclude_pk,
    )


def _is_duplicate(exc: ValidationError) -> bool:
    return not hasattr(exc, "error_dict") and any(e.code == "duplicate" for e in exc.error_list)


@login_required
@require_http_methods(["GET", "POST"])
def partner_create(request):
    if not request.user.has_perm("partners.manage_partners"):
        raise PermissionDenied
    universities = queries.universities_managed_by(request.viewer)
    form = PartnerForm(request.POST or None, universities=universities)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        university = form.cleaned_data["university"]
        try:
            partner = services.create_organisation(
                actor=request.user,
                university=university,
                values=form.values(),
                units=form.cleaned_data.get("units") or (),
            )
        except ValidationError as exc:
            add_service_error(form, exc)
            if _is_duplicate(exc):
                duplicates = _duplicates_of(form, university.pk)
        else:
            messages.success(request, _("The partner has been added."))
            return redirect(partner)
    return render(request, "partners/partner_form.html", {"form": form, "duplicates": duplicates})


@login_required
@require_http_methods(["GET", "POST"])
def partner_edit(request, public_id):
    partner = _visible_partner(request, public_id)
    if not request.user.has_perm("partners.change_partnerorganisation", partner):
        raise PermissionDenied
    # A representative keeps the record current; the units and visibility stay the university's.
    representative = not request.user.has_perm("partners.manage_partners_of", partner.university)
    form = PartnerForm(
        request.POST or None,
        instance=partner,
        universities=None,
        representative=representative,
    )
    duplicates = []
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.changed_data if name != "units"}
        units = None if representative else form.cleaned_data["units"]
        try:
            partner = services.update_organisation(
                actor=request.user, organisation=partner, values=values, units=units
            )
        except ValidationError as exc:
            add_service_error(form, exc)
            if _is_duplicate(exc):
                duplicates = _duplicates_of(form, partner.university_id, exclude_pk=partner.pk)
        else:
            messages.success(request, _("The partner has been saved."))
            return redirect(partner)
    return render(
        request,
        "partners/partner_form.html",
        {"form": form, "partner": partner, "duplicates": duplicates},
    )


@login_required
@require_http_methods(["GET", "POST"])
def partner_delete(request, public_id):
    partner = _visible_partner(request, public_id)
    if not request.user.has_perm("partners.delete_partnerorganisation", partner):
        raise PermissionDenied
    error = None
    if request.method == "POST":
        try:
            services.delete_organisation(actor=request.user, organisation=partner)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The partner has been deleted."))
            return redirect("partners:list")
    return render(request, "partners/partner_delete.html", {"partner": partner, "error": error})
