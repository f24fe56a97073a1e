from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from qogam.accounts.queries import memberships_visible_to
from qogam.core.api_auth import signed_in

router = Router(tags=["people"], auth=signed_in)


class MembershipOut(Schema):
    id: UUID
    person: str
    email: str
    university: str
    unit: UUID | None
    role: str
    title: str


def _out(m) -> MembershipOut:
    return MembershipOut(
        id=m.public_id,
        person=m.user.full_name,
        email=m.user.email,
        university=m.university.slug,
        unit=m.unit.public_id if m.unit else None,
        role=m.role,
        title=m.title,
    )


@router.get("/memberships", response=list[MembershipOut])
def list_memberships(request, university: str | None = None):
    qs = memberships_visible_to(request.viewer).order_by("university__slug", "user__full_name")
    if university:
        qs = qs.filter(university__slug=university)
    return [_out(m) for m in qs]


@router.get("/memberships/{public_id}", response=MembershipOut)
def get_membership(request, public_id: UUID):
    return _out(get_object_or_404(memberships_visible_to(request.viewer), public_id=public_id))
