import posixpath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from qogam.organisations.queries import units_visible_to
from qogam.partners import queries, services
from qogam.partners.forms import AgreementFilterForm, AgreementForm, add_service_error
from qogam.partners.models import Agreement
from qogam.partners.rules import PARTNERSHIP_ROLES

PER_PAGE = 25


def _visible_agreement(request, public_id) -> Agreement:
    return get_object_or_404(queries.agreements_visible_to(request.viewer), public_id=public_id)


def _partners_to_choose(request):
    """The partners this person may make agreements with: those of universities they manage."""
    viewer = request.viewer
    partners = queries.organisations_visible_to(viewer)
    if viewer.is_network_admin:
        return partners
    return partners.filter(university__in=sorted(viewer.university_ids_with(*PARTNERSHIP_ROLES)))


def agreement_list(request):
    viewer = request.viewer
    own = sorted(viewer.staff_university_ids)
    form = AgreementFilterForm(
        request.GET or None,
        units=units_visible_to(viewer).filter(university__in=own),
        partners=queries.organisations_visible_to(viewer)
        .filter(university__in=own)
        .order_by("name"),
    )
    qs = queries.agreements_visible_to(viewer)
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            qs = qs.filter(kind=data["kind"])
        if data["status"]:
            qs = qs.filter(current_status=data["status"])
        if data["unit"]:
            qs = qs.filter(units=data["unit"])
        if data["partner"]:
            qs = qs.filter(Q(organisation=data["partner"]) | Q(other_parties=data["partner"]))
    page = Paginator(qs.order_by("-starts_on", "title", "pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "partners/agreement_list.html",
        {
            "form": form,
            "page": page,
            "show_units": form.fields["unit"].queryset.exists(),
            "show_partners": bool(own),
            "can_add": request.user.has_perm("partners.manage_partners"),
        },
    )


def agreement_detail(request, public_id):
    viewer = request.viewer
    agreement = _visible_agreement(request, public_id)
    through_units = Agreement.units.through.objects.filter(agreement_id=agreement.pk)
    through_parties = Agreement.other_parties.through.objects.filter(agreement_id=agreement.pk)
    return render(
        request,
        "partners/agreement_detail.html",
        {
            "agreement": agreement,
            "units": units_visible_to(viewer).filter(pk__in=through_units.values("unit_id")),
            "other_parties": queries.organisations_visible_to(viewer).filter(
                pk__in=through_parties.values("partnerorganisation_id")
            ),
            "can_change": request.user.has_perm("partners.change_agreement", agreement),
            "can_delete": request.user.has_perm("partners.delete_agreement", agreement),
        },
    )


def _initial_partner(request, partners):
    wanted = request.GET.get("partner")
    if not wanted:
        return None
    try:
        return partners.filter(public_id=wanted).first()
    except ValidationError:  # not a UUID
        return None


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request):
    if not request.user.has_perm("partners.manage_partners"):
        raise PermissionDenied
    partners = _partners_to_choose(request)
    initial = {}
    partner = _initial_partner(request, partners)
    if partner is not None:
        initial["organisation"] = partner
    form = AgreementForm(
        request.POST or None, request.FILES or None, partners=partners, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            agreement = services.save_agreement(
                actor=request.user,
                university=organisation.university,
                values=form.values(),
                units=form.cleaned_data["units"],
                other_parties=form.cleaned_data["other_parties"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The agreement has been added."))
            return redirect(agreement)
    return render(request, "partners/agreement_form.html", {"form": form, "partner": partner})


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request, public_id):
    agreement = _visible_agreement(request, public_id)
    if not request.user.has_perm("partners.change_agreement", agreement):
        raise PermissionDenied
    form = AgreementForm(
        request.POST or None,
        request.FILES or None,
        instance=agreement,
        partners=_partners_to_choose(request),
    )
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.save_agreement(
                actor=request.user,
                university=agreement.university,
                agreement=agreement,
                values=form.values(),
                units=form.cleaned_data["units"],
                other_parties=form.cleaned_data["other_parties"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The agreement has been saved."))
            return redirect(agreement)
    return render(request, "partners/agreement_form.html", {"form": form, "agreement": agreement})


@login_required
@require_http_methods(["GET", "POST"])
def agreement_delete(request, public_id):
    agreement = _visible_agreement(request, public_id)
    if not request.user.has_perm("partners.delete_agreement", agreement):
        raise PermissionDenied
    if request.method == "POST":
        partner = agreement.organisation
        services.delete_agreement(actor=request.user, agreement=agreement)
        messages.success(request, _("The agreement has been deleted."))
        return redirect(partner)
    return render(request, "partners/agreement_delete.html", {"agreement": agreement})


@require_GET
def agreement_document(request, public_id):
    """The signed document, to those who may read the agreement; never a public file URL."""
    agreement = _visible_agreement(request, public_id)
    if not agreement.document:
        raise Http404
    try:
        handle = agreement.document.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle, as_attachment=True, filename=posixpath.basename(agreement.document.name)
    )
