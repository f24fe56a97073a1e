"""The staff roll-up's view of media coverage (core.contributions): the pieces published in a
period in which a person of the university appears."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from qogam.core.contributions import Contribution, ContributionSource, register_contribution_source
from qogam.core.tenancy import university_scope
from qogam.coverage.enums import CoverageKind
from qogam.coverage.models import Coverage

SOURCE = "coverage.appearance"


def appearance_contributions(
    university_id: int, person_ids: list[int], starts_on: date, ends_on: date
) -> list[Contribution]:
    """One per piece of the university published in the period that names the person among
    the staff who appear; the headline as published, the outlet as the role. One query."""
    with university_scope(university_id):
        People = Coverage.people.through
        rows = (
            People.objects.filter(
                coverage__university_id=university_id,
                user_id__in=person_ids,
                coverage__published_on__gte=starts_on,
                coverage__published_on__lte=ends_on,
            )
            .select_related("coverage")
            .order_by("coverage__published_on", "pk")
        )
        return [
            Contribution(
                person_id=row.user_id,
                source=SOURCE,
                on=row.coverage.published_on,
                title=row.coverage.title,
                url=row.coverage.get_absolute_url(),
                role=row.coverage.outlet,
                category=row.coverage.kind,
            )
            for row in rows
        ]


register_contribution_source(
    ContributionSource(
        SOURCE,
        _("Media appearances"),
        appearance_contributions,
        categories=lambda: list(CoverageKind.choices),
        order=50,
    )
)
