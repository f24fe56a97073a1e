"""The staff roll-up's view of volunteering (core.contributions): the opportunities a person
supervised within a period.

A person supervised an opportunity in the period when they verified hours given on its shifts
in the period, or are responsible for its project and it had shifts in the period. What the
opportunity's volunteers did in the period is summed up in the role: how many volunteers had
hours verified, and how many verified hours they gave (whoever verified them).
"""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, Min, OuterRef, Q, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from qogam.core.contributions import Contribution, ContributionSource, register_contribution_source
from qogam.core.i18n import translated
from qogam.core.tenancy import university_scope
from qogam.projects.enums import ProjectKind
from qogam.volunteering.enums import HoursStatus
from qogam.volunteering.models import HoursEntry, Opportunity, Shift

SOURCE = "volunteering.supervision"


def _in_period(starts_on: date, ends_on: date, prefix: str = "") -> Q:
    return Q(
        **{f"{prefix}starts_at__date__gte": starts_on, f"{prefix}starts_at__date__lte": ends_on}
    )


def _hours_text(total: Decimal) -> str:
    """ "42 verified hours", "2.5 verified hours" in the reader's language and number format."""
    whole = total == total.to_integral_value()
    value = int(total) if whole else total.quantize(Decimal("0.01")).normalize()
    # A fraction takes the plural form of 2 in English and Russian ("2,5 часа", "1.5 hours").
    count = int(total) if whole else 2
    return ngettext("%(hours)s verified hour", "%(hours)s verified hours", count) % {
        "hours": formats.number_format(value, use_l10n=True)
    }


def supervision_role(volunteers: int, hours: Decimal) -> str:
    """ "Supervised 7 volunteers, 42 verified hours"."""
    return gettext("Supervised %(volunteers)s, %(hours)s") % {
        "volunteers": ngettext("%(count)d volunteer", "%(count)d volunteers", volunteers)
        % {"count": volunteers},
        "hours": _hours_text(hours),
    }


def supervision_contributions(
    university_id: int, person_ids: list[int], starts_on: date, ends_on: date
) -> list[Contribution]:
    """One per (person, opportunity) supervised in the period; three queries at most."""
    with university_scope(university_id):
        pairs = set(
            HoursEntry.objects.filter(
                university_id=university_id,
                verified_by_id__in=person_ids,
                status=HoursStatus.VERIFIED,
            )
            .filter(_in_period(starts_on, ends_on, "shift__"))
            .values_list("verified_by_id", "shift__opportunity_id")
            .distinct()
        )
        shifts_in_period = Shift.objects.filter(opportunity=OuterRef("pk")).filter(
            _in_period(starts_on, ends_on)
        )
        pairs |= set(
            Opportunity.objects.filter(
                university_id=university_id, project__responsible__in=person_ids
            )
            .filter(Exists(shifts_in_period))
            .values_list("project__responsible", "pk")
            .distinct()
        )
        if not pairs:
            return []
        shift_in_period = _in_period(starts_on, ends_on, "shifts__")
        verified = shift_in_period & Q(shifts__hours_entries__status=HoursStatus.VERIFIED)
        opportunities = {
            o.pk: o
            for o in Opportunity.objects.filter(
                university_id=university_id, pk__in=sorted({pk for _person, pk in pairs})
            ).annotate(
                first_shift=Min("shifts__starts_at", filter=shift_in_period),
                volunteers=Count("shifts__hours_entries__student", filter=verified, distinct=True),
                verified_hours=Sum("shifts__hours_entries__hours", filter=verified),
            )
        }
    found = []
    for person_id, opportunity_id in sorted(pairs):
        opportunity = opportunities[opportunity_id]
        found.append(
            Contribution(
                person_id=person_id,
                source=SOURCE,
                on=timezone.localdate(opportunity.first_shift),
                title=translated(opportunity, "title").text,
                url=opportunity.get_absolute_url(),
                role=supervision_role(
                    opportunity.volunteers, opportunity.verified_hours or Decimal(0)
                ),
                category=opportunity.kind,
            )
        )
    return found


register_contribution_source(
    ContributionSource(
        SOURCE,
        _("Volunteering supervised"),
        supervision_contributions,
        categories=lambda: list(ProjectKind.choices),
        order=30,
    )
)
