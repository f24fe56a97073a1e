"""Writes about people: memberships, invitations and API keys."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from qogam.accounts.models import ApiToken, Invitation, Membership, User
from qogam.accounts.notices import INVITATION_ACCEPTED, ROLE_GRANTED
from qogam.core.enums import Role
from qogam.core.mail import send_templated_mail
from qogam.core.tenancy import university_scope
from qogam.core.tokens import hash_secret, new_secret
from qogam.core.visibility import forget_viewer
from qogam.notifications.services import notify

# Roles that open the administration site.
ADMIN_SITE_ROLES = frozenset({Role.NETWORK_ADMIN, Role.UNIVERSITY_ADMIN})


class InvitationError(ValidationError):
    """An invitation that cannot be used, with the reason in words."""


def _sync_admin_site_access(user: User) -> None:
    wanted = (
        user.is_superuser
        or Membership.objects.with_scopes_disabled()
        .filter(user=user, role__in=ADMIN_SITE_ROLES)
        .exists()
    )
    if user.is_staff != wanted:
        user.is_staff = wanted
        user.save(update_fields=["is_staff"])


def grant_membership(
    *, actor: User | None, user: User, university, role: str, unit=None, title: str = ""
) -> Membership:
    """Give `user` a role. `actor=None` is the system (demo data, an accepted invitation)."""
    membership = Membership(university=university, user=user, role=role, unit=unit, title=title)
    if actor is not None and not actor.has_perm("accounts.grant_role", membership):
        raise PermissionDenied(_("You may not grant this role."))
    with transaction.atomic(), university_scope(university):
        membership.full_clean()
        membership.save()
        _sync_admin_site_access(user)
        if actor is not None and actor.pk != user.pk:
            notify(
                user=user,
                kind=ROLE_GRANTED,
                context={"role": Role(role).label, "university": university, "actor": actor},
                url=reverse("accounts:home"),
            )
    forget_viewer(user)
    return membership


def change_membership(*, actor: User, membership: Membership, values: dict) -> Membership:
    """Change a membership's role, unit or title; the new role must be one the actor may grant."""
    if not actor.has_perm("accounts.change_membership", membership):
        raise PermissionDenied(_("You may not change this membership."))
    with transaction.atomic(), university_scope(membership.university_id):
        locked = Membership.objects.with_scopes_disabled().select_for_update().get(pk=membership.pk)
        for name, value in values.items():
            setattr(locked, name, value)
        if not actor.has_perm("accounts.grant_role", locked):
            raise PermissionDenied(_("You may not grant this role."))
        locked.full_clean()
        locked.save()
        _sync_admin_site_access(locked.user)
    forget_viewer(locked.user)
    return locked


def revoke_membership(*, actor: User, membership: Membership) -> None:
    if not actor.has_perm("accounts.delete_membership", membership):
        raise PermissionDenied(_("You may not remove this membership."))
    user = membership.user
    with transaction.atomic(), university_scope(membership.university_id):
        membership.delete()
        _sync_admin_site_access(user)
    forget_viewer(user)


def invite_person(
    *,
    actor: User,
    university,
    email: str,
    role: str,
    unit=None,
    full_name: str = "",
    language: str = "kk",
) -> Invitation:
    """Invite someone by e-mail to take a role.

    Side effects: an Invitation row, and an e-mail with a one-time link, sent once the
    transaction commits (a rolled-back invitation sends nothing).
    """
    raw_token, token_hash = new_secret()
    invitation = Invitation(
        university=university,
        email=email.strip().lower(),
        full_name=full_name,
        role=role,
        unit=unit,
        language=language,
        invited_by=actor,
        token_hash=token_hash,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    if not actor.has_perm("accounts.grant_role", invitation):
        raise PermissionDenied(_("You may not invite people to this role."))
    with transaction.atomic(), university_scope(university):
        invitation.full_clean()
        invitation.save()
        transaction.on_commit(lambda: _send_invitation(invitation, raw_token))
    return invitation


def _send_invitation(invitation: Invitation, raw_token: str) -> None:
    with translation.override(invitation.language):
        path = reverse("accounts:invitation", kwargs={"token": raw_token})
    send_templated_mail(
        to=invitation.email,
        template="emails/invitation",
        context={
            "invitation": invitation,
            "accept_url": f"{settings.SITE_URL}{path}",
            "university": invitation.university,
            "role": Role(invitation.role).label,
        },
        language=invitation.language,
    )


def find_invitation(raw_token: str) -> Invitation:
    """The invitation behind a link, or InvitationError saying why it cannot be used."""
    invitation = (
        Invitation.objects.with_scopes_disabled()
        .select_related("university", "unit", "invited_by")
        .filter(token_hash=hash_secret(raw_token))
        .first()
    )
    if invitation is None:
        raise InvitationError(
            _("This invitation link is not valid. Check that it was copied whole."), code="unknown"
        )
    if invitation.accepted_at is not None:
        raise InvitationError(
            _(
                "This invitation has already been used. Sign in with the account it created, "
                "or ask for a new invitation."
            ),
            code="used",
        )
    if invitation.cancelled_at is not None:
        raise InvitationError(_("This invitation was withdrawn."), code="cancelled")
    if invitation.is_expired:
        raise InvitationError(
            _("This invitation expired on %(date)s. Ask %(inviter)s for a new one.")
            % {
                "date": invitation.expires_at.date().isoformat(),
                "inviter": invitation.invited_by or invitation.university,
            },
            code="expired",
        )
    return invitation


def accept_invitation(
    *, raw_token: str, user: User | None = None, full_name: str = "", password: str | None = None
) -> Membership:
    """Turn an invitation into a membership, creating the account when there is none.

    The invitation row is locked, so a link clicked twice at once grants the role once.
    """
    with transaction.atomic():
        invitation = find_invitation(raw_token)
        invitation = (
            Invitation.objects.with_scopes_disabled().select_for_update().get(pk=invitation.pk)
        )
        if invitation.accepted_at is not None:
            raise InvitationError(_("This invitation has already been used."), code="used")
        if user is None:
            if User.objects.filter(email__iexact=invitation.email).exists():
                raise InvitationError(
                    _(
                        "An account with this e-mail already exists. Sign in first, then open the "
                        "invitation link again."
                    ),
                    code="account_exists",
                )
            user = User.objects.create_user(
                email=invitation.email,
                password=password,
                full_name=full_name or invitation.full_name,
                language=invitation.language,
            )
        elif user.email.lower() != invitation.email.lower():
            raise InvitationError(
                _("This invitation was sent to %(email)s; you are signed in as someone else.")
                % {"email": invitation.email},
                code="other_person",
            )
        membership = Membership.objects.with_scopes_disabled().filter(
            user=user, university=invitation.university, unit=invitation.unit, role=invitation.role
        ).first() or grant_membership(
            actor=None,
            user=user,
            university=invitation.university,
            role=invitation.role,
            unit=invitation.unit,
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        with university_scope(invitation.university_id):
            invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
        if invitation.invited_by is not None:
            notify(
                user=invitation.invited_by,
                kind=INVITATION_ACCEPTED,
                context={
                    "person": user,
                    "role": Role(invitation.role).label,
                    "university": invitation.university,
                },
                url=reverse("accounts:people"),
            )
    return membership


def cancel_invitation(*, actor: User, invitation: Invitation) -> None:
    if not actor.has_perm("accounts.delete_invitation", invitation):
        raise PermissionDenied(_("You may not withdraw this invitation."))
    invitation.cancelled_at = timezone.now()
    with university_scope(invitation.university_id):
        invitation.save(update_fields=["cancelled_at", "updated_at"])


def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new API key; the raw key is returned once and never stored."""
    raw, key_hash = new_secret(prefix="qg_")
    token = ApiToken(user=user, name=name.strip(), prefix=raw[:10], key_hash=key_hash)
    token.full_clean()
    token.save()
    return token, raw


def revoke_api_token(*, user: User, token: ApiToken) -> None:
    if token.user_id != user.pk:
        raise PermissionDenied(_("This key is not yours."))
    token.delete()


def update_profile(*, user: User, full_name: str, language: str) -> User:
    user.full_name = full_name
    user.language = language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "language"])
    return user
