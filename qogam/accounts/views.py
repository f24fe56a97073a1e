from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qogam.accounts import services
from qogam.accounts.forms import AcceptInvitationForm, ApiTokenForm, InvitationForm, ProfileForm
from qogam.accounts.queries import invitations_visible_to, memberships_visible_to
from qogam.core.audit import audit_entries_for
from qogam.core.dashboards import panels_for


def home(request):
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    return render(request, "accounts/home.html", {"panels": panels_for(request)})


@login_required
def people(request):
    if not request.user.has_perm("accounts.manage_people"):
        raise PermissionDenied
    memberships = memberships_visible_to(request.viewer).order_by(
        "university__slug", "user__full_name"
    )
    page = Paginator(memberships, 50).get_page(request.GET.get("page"))
    invitations = invitations_visible_to(request.viewer).filter(
        accepted_at__isnull=True, cancelled_at__isnull=True
    )
    return render(request, "accounts/people.html", {"page": page, "invitations": invitations})


@login_required
@require_http_methods(["GET", "POST"])
def invite(request):
    if not request.user.has_perm("accounts.manage_people"):
        raise PermissionDenied
    form = InvitationForm(request.POST or None, viewer=request.viewer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.invite_person(
                actor=request.user,
                university=data["university"],
                email=data["email"],
                role=data["role"],
                unit=data["unit"],
                full_name=data["full_name"],
                language=data["language"],
            )
        except PermissionDenied:
            form.add_error("role", _("You may not invite people to this role in this unit."))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("accounts:people")
    return render(request, "accounts/invite.html", {"form": form})


@login_required
@require_POST
def membership_revoke(request, public_id):
    membership = get_object_or_404(memberships_visible_to(request.viewer), public_id=public_id)
    services.revoke_membership(actor=request.user, membership=membership)
    messages.success(request, _("The membership has been removed."))
    return redirect("accounts:people")


@login_required
@require_POST
def invitation_cancel(request, public_id):
    invitation = get_object_or_404(invitations_visible_to(request.viewer), public_id=public_id)
    services.cancel_invitation(actor=request.user, invitation=invitation)
    messages.success(request, _("The invitation has been withdrawn."))
    return redirect("accounts:people")


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    try:
        invitation = services.find_invitation(token)
    except services.InvitationError as exc:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"reason": exc.messages[0]},
            status=410 if exc.code in {"used", "expired", "cancelled"} else 404,
        )
    form = None
    if not request.user.is_authenticated:
        form = AcceptInvitationForm(
            request.POST or None,
            email=invitation.email,
            initial={"full_name": invitation.full_name},
        )
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            if form is None:
                services.accept_invitation(raw_token=token, user=request.user)
            else:
                membership = services.accept_invitation(
                    raw_token=token,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password1"],
                )
                login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        except services.InvitationError as exc:
            return render(
                request, "accounts/invitation_invalid.html", {"reason": exc.messages[0]}, status=409
            )
        messages.success(request, _("Welcome! Your new role is ready."))
        return redirect("accounts:home")
    return render(
        request, "accounts/invitation_accept.html", {"invitation": invitation, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user, prefix="profile")
    token_form = ApiTokenForm(prefix="token")
    if request.method == "POST" and form.is_valid():
        services.update_profile(
            user=request.user,
            full_name=form.cleaned_data["full_name"],
            language=form.cleaned_data["language"],
        )
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "token_form": token_form, "tokens": request.user.api_tokens.all()},
    )


@login_required
@require_POST
def token_create(request):
    form = ApiTokenForm(request.POST, prefix="token")
    if not form.is_valid():
        messages.error(request, _("Give the key a name."))
        return redirect("accounts:profile")
    token, raw = services.create_api_token(user=request.user, name=form.cleaned_data["name"])
    return render(request, "accounts/token_created.html", {"token": token, "raw": raw})


@login_required
@require_POST
def token_revoke(request, public_id):
    token = get_object_or_404(request.user.api_tokens, public_id=public_id)
    services.revoke_api_token(user=request.user, token=token)
    messages.success(request, _("The key has been revoked."))
    return redirect("accounts:profile")


@login_required
def audit(request):
    if not request.user.has_perm("accounts.view_audit"):
        raise PermissionDenied
    viewer = request.viewer
    ids = None if viewer.is_network_admin else sorted(viewer.admin_university_ids)
    page = Paginator(audit_entries_for(ids), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/audit.html", {"page": page})
