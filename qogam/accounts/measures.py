"""Measures of people: how many students and staff a university has (qogam.core.measures).

Memberships carry no dates, so both are a census of today: the period does not narrow them.
An indicator that divides by them ("share of students who volunteered") divides by the
students the university has now.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from qogam.accounts.models import Membership
from qogam.core.enums import STAFF_ROLES, Role
from qogam.core.measures import DISTINCT, Measure, MeasureScope, ProvenanceRow, register_measure
from qogam.organisations.queries import counted_units


def _memberships(scope: MeasureScope, roles) -> QuerySet[Membership]:
    qs = Membership.objects.filter(university_id=scope.university_id, role__in=sorted(roles))
    units = counted_units(scope)
    if units is not None:
        qs = qs.filter(unit_id__in=sorted(units))
    return qs.order_by("user__full_name", "pk")


def students(scope: MeasureScope) -> QuerySet[Membership]:
    return _memberships(scope, {Role.STUDENT})


def staff(scope: MeasureScope) -> QuerySet[Membership]:
    return _memberships(scope, STAFF_ROLES)


def membership_row(membership: Membership) -> ProvenanceRow:
    # People have no page of their own to open; the row names the person and the role only.
    detail = membership.get_role_display()
    if membership.unit_id:
        detail = f"{detail} · {membership.unit}"
    return ProvenanceRow(
        title=str(membership.user),
        detail=str(detail),
        counted=membership.user_id,
    )


register_measure(
    Measure(
        key="accounts.students",
        label=_("Students"),
        description=_(
            "People who hold the student role at the university today, each counted once "
            "however many units they study in. Memberships have no dates, so the period does "
            "not narrow this count. With a unit, students recorded in that unit or below it."
        ),
        records=students,
        row=membership_row,
        how=DISTINCT,
        counted_field="user_id",
        filters={"unit": None},
        counts="people",
        related=("user", "unit"),
        order=10,
    )
)

register_measure(
    Measure(
        key="accounts.staff",
        label=_("Staff"),
        description=_(
            "People who hold a staff role (university administrator, third-mission office, unit "
            "coordinator or staff member) at the university today, each counted once. "
            "Memberships have no dates, so the period does not narrow this count. With a unit, "
            "staff recorded in that unit or below it."
        ),
        records=staff,
        row=membership_row,
        how=DISTINCT,
        counted_field="user_id",
        filters={"unit": None},
        counts="people",
        related=("user", "unit"),
        order=11,
    )
)
