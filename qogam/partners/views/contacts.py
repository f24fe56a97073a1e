from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from qogam.partners import queries, services
from qogam.partners.forms import ContactForm, add_service_error
from qogam.partners.models import Contact


def _partner_and_contact(request, public_id, contact_id=None):
    partner = get_object_or_404(
        queries.organisations_visible_to(request.viewer).select_related("university"),
        public_id=public_id,
    )
    if contact_id is None:
        return partner, None
    # Personal data: a contact is found only among those the viewer may see.
    contact = get_object_or_404(
        queries.contacts_visible_to(request.viewer, partner).select_related("user"),
        public_id=contact_id,
    )
    contact.organisation = partner
    return partner, contact


def _may_grant(request, partner) -> bool:
    # Who represents a partner in Qogam (and so reads its record) is the university's call.
    return request.user.has_perm("partners.manage_partners_of", partner.university)


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request, public_id):
    partner, _contact = _partner_and_contact(request, public_id)
    if not request.user.has_perm("partners.add_contact", partner):
        raise PermissionDenied
    contact = Contact(organisation=partner, university_id=partner.university_id)
    form = ContactForm(
        request.POST or None, instance=contact, may_grant=_may_grant(request, partner)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_contact(actor=request.user, organisation=partner, values=form.values())
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The contact has been added."))
            return redirect(partner)
    return render(request, "partners/contact_form.html", {"form": form, "partner": partner})


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request, public_id, contact_id):
    partner, contact = _partner_and_contact(request, public_id, contact_id)
    if not request.user.has_perm("partners.change_contact", contact):
        raise PermissionDenied
    form = ContactForm(
        request.POST or None, instance=contact, may_grant=_may_grant(request, partner)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_contact(
                actor=request.user, organisation=partner, values=form.values(), contact=contact
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The contact has been saved."))
            return redirect(partner)
    return render(
        request,
        "partners/contact_form.html",
        {"form": form, "partner": partner, "contact": contact},
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_delete(request, public_id, contact_id):
    partner, contact = _partner_and_contact(request, public_id, contact_id)
    if not request.user.has_perm("partners.delete_contact", contact):
        raise PermissionDenied
    if request.method == "POST":
        services.delete_contact(actor=request.user, contact=contact)
        messages.success(request, _("The contact has been removed."))
        return redirect(partner)
    return render(request, "partners/contact_delete.html", {"partner": partner, "contact": contact})
