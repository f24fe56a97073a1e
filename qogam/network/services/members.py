"""Writes about the network's members: invitations, requests to join, decisions, leaving,
consent, and the packs the network recommends.

Each service checks permission with the network's rules, validates, and writes inside one
transaction with the membership row locked, so two people deciding at once cannot both win.
Every change of NetworkMembership and NetworkPack is in the audit trail (core.audit).
A university that leaves keeps everything of its own: only its status changes, and its
`network` records stop being shown to the other universities (see `left_member_ids`).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from qogam.core.tenancy import university_scope
from qogam.indicators.models import Pack, PackActivation
from qogam.indicators.services import definitions
from qogam.network.enums import MembershipStatus
from qogam.network.models import NetworkMembership, NetworkPack
from qogam.organisations.models import Network, University

# Statuses from which a university may be invited again or ask again.
REOPENABLE = (MembershipStatus.DECLINED, MembershipStatus.LEFT)


def left_member_ids() -> QuerySet:
    """Ids of universities that left the network, as a lazy queryset: core.visibility uses
    it as a subquery, so hiding a left member's `network` rows costs no extra query."""
    return (
        NetworkMembership.objects.with_scopes_disabled()
        .filter(status=MembershipStatus.LEFT)
        .values_list("university_id", flat=True)
    )


def _network() -> Network:
    network = Network.objects.first()
    if network is None:
        raise ValidationError(_("The installation has no network yet."))
    return network


def _university_id(university) -> int:
    return getattr(university, "pk", university)


def _locked(university_id: int) -> NetworkMembership | None:
    return (
        NetworkMembership.objects.with_scopes_disabled()
        .select_for_update()
        .filter(university_id=university_id)
        .first()
    )


def _check_network_admin(actor) -> None:
    if actor is None or not actor.has_perm("network.manage_network"):
        raise PermissionDenied(_("Only the network's administrators may do this."))


def _check_office(actor, university_id: int) -> None:
    probe = NetworkMembership(university_id=university_id)
    if actor is None or not actor.has_perm("network.change_networkmembership", probe):
        raise PermissionDenied(_("Only the university's administrators and office may do this."))


def _save(membership: NetworkMembership) -> NetworkMembership:
    membership.full_clean()
    membership.save()
    return membership


def invite_university(*, actor, university: University, message: str = "") -> NetworkMembership:
    """The network's administrators invite a university; its administrator accepts."""
    _check_network_admin(actor)
    if not university.is_active:
        raise ValidationError({"university": _("The university is not active.")})
    with transaction.atomic(), university_scope(university.pk):
        membership = _locked(university.pk)
        if membership is not None and membership.status not in REOPENABLE:
            raise ValidationError({"university": _status_error(membership)})
        membership = membership or NetworkMembership(university=university, network=_network())
        membership.status = MembershipStatus.INVITED
        membership.message = message.strip()
        membership.invited_by = actor
        membership.decided_by = None
        return _save(membership)


def request_to_join(*, actor, university, message: str = "") -> NetworkMembership:
    """A university's administrators or office ask to join; the network's admins decide."""
    university_id = _university_id(university)
    _check_office(actor, university_id)
    with transaction.atomic(), university_scope(university_id):
        membership = _locked(university_id)
        if membership is not None and membership.status not in REOPENABLE:
            raise ValidationError({"university": _status_error(membership)})
        membership = membership or NetworkMembership(
            university_id=university_id, network=_network()
        )
        membership.status = MembershipStatus.REQUESTED
        membership.message = message.strip()
        membership.invited_by = None
        membership.decided_by = None
        return _save(membership)


def _status_error(membership: NetworkMembership) -> str:
    return {
        MembershipStatus.ACTIVE: _("The university is a member of the network already."),
        MembershipStatus.INVITED: _("The university is invited already; it has not answered."),
        MembershipStatus.REQUESTED: _("The university asked to join already; decide on it."),
    }.get(membership.status, _("The membership cannot change this way."))


def _decide(
    *, actor, university_id: int, expected: str, to: str, network_side: bool
) -> NetworkMembership:
    if network_side:
        _check_network_admin(actor)
    else:
        _check_office(actor, university_id)
    with transaction.atomic(), university_scope(university_id):
        membership = _locked(university_id)
        if membership is None or membership.status != expected:
            raise ValidationError(
                {
                    "status": _("There is no %(status)s membership of this university to decide.")
                    % {"status": MembershipStatus(expected).label.lower()}
                }
            )
        membership.status = to
        membership.decided_by = actor
        if to == MembershipStatus.ACTIVE:
            membership.joined_on = timezone.localdate()
            membership.left_on = None
        return _save(membership)


def accept_invitation(*, actor, university) -> NetworkMembership:
    return _decide(
        actor=actor,
        university_id=_university_id(university),
        expected=MembershipStatus.INVITED,
        to=MembershipStatus.ACTIVE,
        network_side=False,
    )


def decline_invitation(*, actor, university) -> NetworkMembership:
    return _decide(
        actor=actor,
        university_id=_university_id(university),
        expected=MembershipStatus.INVITED,
        to=MembershipStatus.DECLINED,
        network_side=False,
    )


def approve_request(*, actor, university) -> NetworkMembership:
    return _decide(
        actor=actor,
        university_id=_university_id(university),
        expected=MembershipStatus.REQUESTED,
        to=MembershipStatus.ACTIVE,
        network_side=True,
    )


def decline_request(*, actor, university) -> NetworkMembership:
    return _decide(
        actor=actor,
        university_id=_university_id(university),
        expected=MembershipStatus.REQUESTED,
        to=MembershipStatus.DECLINED,
        network_side=True,
    )


def leave_network(*, actor, university) -> NetworkMembership:
    """The member leaves: status left, the day recorded. Nothing of its own is deleted; its
    shared values drop out of benchmarks and its `network` records out of others' sight."""
    university_id = _university_id(university)
    _check_office(actor, university_id)
    with transaction.atomic(), university_scope(university_id):
        membership = _locked(university_id)
        if membership is None or membership.status != MembershipStatus.ACTIVE:
            raise ValidationError({"status": _("The university is not a member of the network.")})
        membership.status = MembershipStatus.LEFT
        membership.left_on = timezone.localdate()
        membership.decided_by = actor
        return _save(membership)


def set_named_in_benchmarks(*, actor, university, named: bool) -> NetworkMembership:
    """Whether the other members see the university's name beside its shared values."""
    university_id = _university_id(university)
    _check_office(actor, university_id)
    with transaction.atomic(), university_scope(university_id):
        membership = _locked(university_id)
        if membership is None:
            raise ValidationError(
                {"named_in_benchmarks": _("The university has no place in the network yet.")}
            )
        if membership.named_in_benchmarks != named:
            membership.named_in_benchmarks = named
            _save(membership)
        return membership


# --- Shared packs ------------------------------------------------------------------------


def share_pack(*, actor, pack: Pack, note: str = "") -> NetworkPack:
    """Mark a shipped pack as the network's: recommended to every member."""
    _check_network_admin(actor)
    if pack.university_id is not None:
        raise ValidationError(
            {"pack": _("Only packs shipped with Qogam can be the network's: members compare them.")}
        )
    with transaction.atomic():
        shared = NetworkPack.objects.filter(pack=pack).first()
        if shared is None:
            shared = NetworkPack(pack=pack, chosen_by=actor)
        shared.note = note.strip()
        shared.full_clean()
        shared.save()
    return shared


def unshare_pack(*, actor, pack: Pack) -> bool:
    _check_network_admin(actor)
    with transaction.atomic():
        found = list(NetworkPack.objects.filter(pack=pack))
        for shared in found:
            shared.delete()
    return bool(found)


def switch_on_shared_pack(*, actor, university, pack: Pack) -> PackActivation:
    """A member switches on a pack the network recommends (the indicators' own service)."""
    if not NetworkPack.objects.filter(pack=pack).exists():
        raise ValidationError({"pack": _("The network does not recommend this pack.")})
    return definitions.activate_pack(actor=actor, university=university, pack=pack)
