"""Reads about the network's conferences, their resolutions and the members' responses.

Conferences, resolutions and recommendations are the network's own records: a public
conference is read by anyone, a members-only one by the people of active member universities
and the network's administrators. A university's responses (their notes and evidence) are read
by its own staff and the network's administrators; the other members see only the status, in
the implementation table.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from qogam.core.enums import NETWORK_MEMBER_ROLES
from qogam.core.visibility import Viewer
from qogam.network.enums import ResponseStatus
from qogam.network.models import (
    Conference,
    ConferenceParticipant,
    Recommendation,
    RecommendationResponse,
    Resolution,
)
from qogam.network.queries import active_member_ids, memberships
from qogam.organisations.models import University


def is_member_viewer(viewer: Viewer) -> bool:
    """Whether the viewer reads the network's members-only records: a network administrator,
    or a person (staff or student) of a university that is an active member now."""
    if viewer.is_network_admin:
        return True
    own = viewer.university_ids_with(*NETWORK_MEMBER_ROLES)
    return bool(own and own & active_member_ids())


def conferences_visible_to(viewer: Viewer) -> QuerySet[Conference]:
    conferences = Conference.objects.select_related("host_university")
    if is_member_viewer(viewer):
        return conferences
    return conferences.filter(is_public=True)


def readable_conference(viewer: Viewer, public_id) -> Conference | None:
    return conferences_visible_to(viewer).filter(public_id=public_id).first()


def conference_page(conference: Conference) -> Conference:
    """The conference with its sections, participants and resolutions, read in four queries."""
    participants = ConferenceParticipant.objects.select_related("university", "section")
    return (
        Conference.objects.select_related("host_university")
        .prefetch_related(
            "sections",
            Prefetch("participants", queryset=participants),
            "resolutions",
        )
        .get(pk=conference.pk)
    )


def resolutions_visible_to(viewer: Viewer) -> QuerySet[Resolution]:
    resolutions = Resolution.objects.select_related("conference")
    if is_member_viewer(viewer):
        return resolutions
    return resolutions.filter(conference__is_public=True)


def readable_resolution(viewer: Viewer, public_id) -> Resolution | None:
    return resolutions_visible_to(viewer).filter(public_id=public_id).first()


def readable_recommendation(viewer: Viewer, public_id) -> Recommendation | None:
    recommendations = Recommendation.objects.select_related("resolution__conference")
    if not is_member_viewer(viewer):
        recommendations = recommendations.filter(resolution__conference__is_public=True)
    return recommendations.filter(public_id=public_id).first()


def recommendation_exists(public_id) -> bool:
    return Recommendation.objects.filter(public_id=public_id).exists()


def active_members() -> list[University]:
    """The network's active members, in slug order: the columns of the implementation table.
    A member that left is not counted."""
    ids = active_member_ids()
    return list(University.objects.filter(pk__in=ids).order_by("slug"))


def member_universities(university_ids) -> list[University]:
    """Of `university_ids`, those that are active members of the network now."""
    ids = active_member_ids() & set(university_ids)
    return list(University.objects.filter(pk__in=ids).order_by("slug"))


def membership_status(university: University) -> str | None:
    return memberships().filter(university=university).values_list("status", flat=True).first()


@dataclass
class ImplementationRow:
    recommendation: Recommendation
    # One cell per member, in the order of ImplementationTable.members: a status or None.
    cells: list[str | None]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def answered(self) -> int:
        return sum(1 for cell in self.cells if cell)

    @property
    def labelled_cells(self) -> list[tuple[str, str]]:
        """(status, its label) per member, ("", "") where the member has not answered."""
        labels = dict(ResponseStatus.choices)
        return [(cell, str(labels[cell])) if cell else ("", "") for cell in self.cells]

    @property
    def count_list(self) -> list[int]:
        return [self.counts[value] for value in ResponseStatus.values]


@dataclass
class ImplementationTable:
    """Rows are the resolution's recommendations, columns the active members, cells each
    member's status; counts per status by row and for the whole resolution."""

    resolution: Resolution
    members: list[University]
    rows: list[ImplementationRow]
    totals: dict[str, int]

    @property
    def statuses(self) -> list[tuple[str, str]]:
        return list(ResponseStatus.choices)

    @property
    def total_list(self) -> list[tuple[str, str, int]]:
        """(status, its label, how many cells hold it) for every status."""
        return [(value, str(label), self.totals[value]) for value, label in ResponseStatus.choices]

    @property
    def cells(self) -> int:
        return len(self.members) * len(self.rows)

    @property
    def unanswered(self) -> int:
        return self.cells - sum(self.totals.values())


def implementation_table(resolution: Resolution) -> ImplementationTable:
    """The resolution's implementation across the active members, in three queries whatever
    the number of members (members, recommendations, responses)."""
    members = active_members()
    member_ids = [m.pk for m in members]
    recommendations = list(Recommendation.objects.filter(resolution=resolution))
    # The responses are read past the tenant scope: a member sees the others' statuses, and
    # only the statuses (no notes, no evidence) leave this function.
    statuses = {
        (rec_id, university_id): status
        for rec_id, university_id, status in RecommendationResponse.objects.with_scopes_disabled()
        .filter(recommendation__resolution=resolution, university_id__in=member_ids)
        .values_list("recommendation_id", "university_id", "status")
    }
    totals = {value: 0 for value, _label in ResponseStatus.choices}
    rows = []
    for recommendation in recommendations:
        cells = [statuses.get((recommendation.pk, m)) for m in member_ids]
        counts = {value: 0 for value, _label in ResponseStatus.choices}
        for cell in cells:
            if cell:
                counts[cell] += 1
                totals[cell] += 1
        rows.append(ImplementationRow(recommendation=recommendation, cells=cells, counts=counts))
    return ImplementationTable(resolution=resolution, members=members, rows=rows, totals=totals)


def responses_of(
    resolution: Resolution, university: University
) -> dict[int, RecommendationResponse]:
    """A university's responses to the resolution, with their evidence, by recommendation id."""
    responses = (
        RecommendationResponse.objects.with_scopes_disabled()
        .filter(recommendation__resolution=resolution, university=university)
        .select_related("updated_by")
        .prefetch_related("measures", "projects")
    )
    return {response.recommendation_id: response for response in responses}


def response_of(recommendation: Recommendation, university: University):
    return (
        RecommendationResponse.objects.with_scopes_disabled()
        .filter(recommendation=recommendation, university=university)
        .prefetch_related("measures", "projects")
        .first()
    )
