"""What the portal may show: public records of public, active universities, and nothing else.

Every page, feed, export, sitemap entry and preview of the portal reads through these
functions. Each starts from the anonymous visitor's view (qogam.core.visibility), so a
record that is `private` or `network` cannot reach the portal whatever a page asks for;
the university must itself be public and active. Fields are not filtered here: a page
chooses what it prints, and the portal's leak test checks that contacts and personal data
never appear.
"""

import operator
from functools import reduce

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from qogam.core.enums import Visibility
from qogam.core.i18n import CONTENT_LANGUAGES
from qogam.core.measures import with_components, with_sdgs
from qogam.core.visibility import ANONYMOUS, visible_to
from qogam.indicators.models import Indicator, IndicatorVisibility
from qogam.needs.enums import NeedState
from qogam.needs.queries import public_needs as _public_needs
from qogam.organisations.models import University
from qogam.partners.models import PartnerOrganisation
from qogam.projects.models import Project, ProjectUpdate, UpdatePhoto
from qogam.research.models import Study
from qogam.volunteering.enums import OpportunityStatus
from qogam.volunteering.models import Opportunity, Shift


def public_universities() -> QuerySet[University]:
    return University.objects.filter(visibility=Visibility.PUBLIC, is_active=True)


def _of(qs: QuerySet, university: University | None, field: str = "university") -> QuerySet:
    qs = qs.filter(**{f"{field}__visibility": Visibility.PUBLIC, f"{field}__is_active": True})
    if university is not None:
        qs = qs.filter(**{field: university})
    return qs


def public_projects(university: University | None = None) -> QuerySet[Project]:
    """Public projects; of one university, or of every public university (the network)."""
    qs = visible_to(Project, ANONYMOUS).filter(visibility=Visibility.PUBLIC)
    return _of(qs, university).select_related("university", "lead_unit")


def public_updates(university: University | None = None) -> QuerySet[ProjectUpdate]:
    """Updates (stories) of public projects, newest first."""
    projects = public_projects(university)
    return (
        ProjectUpdate.objects.with_scopes_disabled()
        .filter(project__in=projects.values("pk"))
        .select_related("project", "university")
        .order_by("-on", "-pk")
    )


def public_needs(university: University | None = None):
    """Needs shown to everyone (published or further along, not hidden)."""
    return _of(_public_needs(), university)


def public_opportunities(university: University | None = None) -> QuerySet[Opportunity]:
    """Opportunities open to the public: public and open for sign-ups."""
    qs = visible_to(Opportunity, ANONYMOUS).filter(
        visibility=Visibility.PUBLIC, status=OpportunityStatus.OPEN
    )
    return _of(qs, university).select_related("university", "unit")


def public_partners(university: University | None = None) -> QuerySet[PartnerOrganisation]:
    """Partners who agreed to be listed: their record is public."""
    qs = visible_to(PartnerOrganisation, ANONYMOUS).filter(visibility=Visibility.PUBLIC)
    return _of(qs, university).select_related("university")


def public_studies(university: University | None = None) -> QuerySet[Study]:
    """Regional research the university made public."""
    qs = visible_to(Study, ANONYMOUS).filter(visibility=Visibility.PUBLIC)
    return _of(qs, university).select_related("university", "lead_unit")


def published_indicator_ids(university: University) -> QuerySet:
    """Ids of the indicators whose values the university published to everyone."""
    return (
        IndicatorVisibility.objects.with_scopes_disabled()
        .filter(university=university, visibility=Visibility.PUBLIC)
        .values_list("indicator_id", flat=True)
    )


# --- Pages: one record, the lists with their filters, counts and the district map ----------
# Everything below starts from the gate functions above and only narrows them.

KINDS = ("projects", "needs", "opportunities", "partners", "studies")


def public_university(slug: str) -> University | None:
    return public_universities().filter(slug=slug).first()


def public_of_kind(kind: str, university: University | None = None) -> QuerySet:
    """The gate of one kind of record ("projects", "needs", ...), in the order pages list them."""
    if kind == "projects":
        return public_projects(university).order_by("-starts_on", "-pk")
    if kind == "needs":
        return public_needs(university).order_by("-published_at", "-pk")
    if kind == "opportunities":
        return public_opportunities(university).select_related("project").order_by("-created_at")
    if kind == "partners":
        return public_partners(university).order_by("name", "pk")
    if kind == "studies":
        return public_studies(university).order_by("-starts_on", "-pk")
    raise ValueError(kind)


def _words(qs: QuerySet, words: str, fields: tuple[str, ...]) -> QuerySet:
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": words})
    return qs.filter(condition)


def _in_year(qs: QuerySet, year: int, start: str = "starts_on", end: str = "ends_on"):
    # A project or study counts in every year it ran, not only the year it began.
    return qs.filter(**{f"{start}__year__lte": year}).filter(
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__year__gte": year})
    )


# What each filter reads on each kind; a kind without the field drops out when it is used.
SEARCH_FIELDS = {
    "projects": tuple(f"{b}_{c}" for b in ("title", "description") for c in CONTENT_LANGUAGES),
    "needs": ("title", "description", "district"),
    "opportunities": (
        *(f"{b}_{c}" for b in ("title", "description") for c in CONTENT_LANGUAGES),
        "location",
    ),
    "partners": tuple(f"{b}_{c}" for b in ("name", "short_name") for c in CONTENT_LANGUAGES),
    "studies": tuple(f"{b}_{c}" for b in ("title", "abstract") for c in CONTENT_LANGUAGES),
}
# An opportunity serves its own goals and those of the project it belongs to.
SDG_FIELDS = {
    "projects": ("sdgs",),
    "needs": ("sdgs",),
    "studies": ("sdgs",),
    "opportunities": ("sdgs", "project__sdgs"),
}
COMPONENT_FIELD = {"projects": "components", "opportunities": "project__components"}
DISTRICT_FIELD = {
    "projects": "district",
    "needs": "district",
    "partners": "district",
    "opportunities": "location",
}


def search(
    kind: str,
    university: University | None = None,
    *,
    q: str = "",
    sdg: int | None = None,
    component: str = "",
    district: str = "",
    year: int | None = None,
) -> QuerySet:
    """Public records of one kind matching every filter given.

    A filter that a kind does not carry (an SDG on a partner) leaves no record of that kind,
    rather than ignoring the filter and showing records that were not asked for.
    """
    qs = public_of_kind(kind, university)
    if q:
        qs = _words(qs, q.strip(), SEARCH_FIELDS[kind])
    if sdg:
        tagged = [with_sdgs(qs, [sdg], field) for field in SDG_FIELDS.get(kind, ())]
        qs = reduce(operator.or_, tagged) if tagged else qs.none()
    if component:
        field = COMPONENT_FIELD.get(kind, "")
        qs = with_components(qs, [component], field) if field else qs.none()
    if district:
        field = DISTRICT_FIELD.get(kind, "")
        qs = qs.filter(**{f"{field}__icontains": district.strip()}) if field else qs.none()
    if year:
        if kind in ("projects", "studies"):
            qs = _in_year(qs, year)
        elif kind == "needs":
            qs = qs.filter(published_at__year=year)
        else:
            qs = qs.filter(created_at__year=year)
    return qs


def headline_counts(university: University | None = None) -> dict[str, int]:
    return {
        "projects": public_projects(university).count(),
        "needs": public_needs(university).count(),
        "addressed": public_needs(university).filter(state=NeedState.ADDRESSED).count(),
        "opportunities": public_opportunities(university).count(),
        "partners": public_partners(university).count(),
        "studies": public_studies(university).count(),
    }


def stories(university: University | None = None, limit: int = 6) -> list[ProjectUpdate]:
    """The latest updates that have a photo, with their photos, in two queries."""
    return list(
        public_updates(university)
        .filter(photos__isnull=False)
        .distinct()
        .prefetch_related(_photos())[:limit]
    )


def _photos() -> Prefetch:
    return Prefetch("photos", queryset=UpdatePhoto.objects.with_scopes_disabled().order_by("pk"))


def project_updates(project: Project) -> list[ProjectUpdate]:
    return list(
        public_updates(project.university).filter(project=project).prefetch_related(_photos())
    )


def need_stories(need) -> list[ProjectUpdate]:
    """Updates of the public projects that answer the need: what the university did."""
    return list(
        public_updates(need.university)
        .filter(project__needs=need)
        .prefetch_related(_photos())
        .order_by("on", "pk")
    )


def project_partners(project: Project) -> QuerySet[PartnerOrganisation]:
    return public_partners(project.university).filter(projects=project).order_by("name")


def project_needs(project: Project):
    return public_needs(project.university).filter(projects=project).order_by("-published_at")


def need_projects(need) -> QuerySet[Project]:
    return public_projects(need.university).filter(needs=need).order_by("-starts_on")


def public_photo(university: University, public_id) -> UpdatePhoto | None:
    return (
        UpdatePhoto.objects.with_scopes_disabled()
        .filter(update__in=public_updates(university).values("pk"), public_id=public_id)
        .first()
    )


def cover_photo(project: Project) -> UpdatePhoto | None:
    """The photo of the project's latest update that has one: its picture in link previews."""
    return (
        UpdatePhoto.objects.with_scopes_disabled()
        .filter(update__in=public_updates(project.university).filter(project=project).values("pk"))
        .order_by("-update__on", "-update__pk", "pk")
        .first()
    )


def published_indicators(university: University) -> QuerySet[Indicator]:
    return Indicator.objects.filter(pk__in=published_indicator_ids(university)).order_by("code")


def districts(university: University | None = None) -> list[dict]:
    """Needs, projects and partners counted by district, the busiest first (three queries)."""
    rows: dict[str, dict] = {}
    for kind in ("needs", "projects", "partners"):
        counts = (
            public_of_kind(kind, university)
            .exclude(district="")
            .order_by()
            .values("district")
            .annotate(n=Count("pk", distinct=True))
        )
        for row in counts:
            name = row["district"].strip()
            entry = rows.setdefault(
                name.casefold(), {"district": name, "needs": 0, "projects": 0, "partners": 0}
            )
            entry[kind] += row["n"]
    return sorted(
        rows.values(), key=lambda r: (-(r["needs"] + r["projects"] + r["partners"]), r["district"])
    )


def points(university: University | None = None) -> list:
    """Records with a point on the map: (kind, record) pairs."""
    found = []
    for kind in ("needs", "projects", "partners"):
        qs = public_of_kind(kind, university).filter(
            latitude__isnull=False, longitude__isnull=False
        )
        found += [(kind, record) for record in qs]
    return found


def study_needs(study: Study):
    """The public needs a study answers."""
    answered = study.needs.values("pk")
    return public_needs(study.university).filter(pk__in=answered).order_by("-published_at")


def counts_by_university() -> dict[int, dict[str, int]]:
    """Public projects and needs of each university, for the network's cards (two queries)."""
    out: dict[int, dict[str, int]] = {}
    for kind in ("projects", "needs"):
        rows = public_of_kind(kind).order_by().values("university").annotate(n=Count("pk"))
        for row in rows:
            out.setdefault(row["university"], {})[kind] = row["n"]
    return out


def upcoming_shifts(opportunity: Opportunity, limit: int = 10) -> list[Shift]:
    return list(
        Shift.objects.with_scopes_disabled()
        .filter(opportunity=opportunity, starts_at__gte=timezone.now())
        .order_by("starts_at")[:limit]
    )
