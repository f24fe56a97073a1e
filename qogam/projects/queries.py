"""Reads about projects shared by the pages, the export, the API, the needs' and partners'
pages (through the core registries) and the home panel."""

from datetime import datetime, time

from django.db.models import CharField, F, Q, QuerySet, TextField, Value
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils import timezone

from qogam.accounts.models import Membership, User
from qogam.core.enums import NETWORK_MEMBER_ROLES, STAFF_ROLES
from qogam.core.i18n import CONTENT_LANGUAGES, fallback_order, translated
from qogam.core.visibility import Viewer, visible_to
from qogam.needs.enums import NeedState
from qogam.needs.models import Need
from qogam.organisations.models import Unit, University
from qogam.projects.models import Participant, Project, ProjectUpdate, UpdatePhoto
from qogam.projects.rules import CREATOR_ROLES

# Needs a project may take up: the workflow accepts these states (take_up_need).
LINKABLE_NEED_STATES = (NeedState.PUBLISHED, NeedState.ACCEPTED, NeedState.IN_PROGRESS)

SORTS = {
    "title": "display_title",
    "newest": "-starts_on",
    "oldest": "starts_on",
    "changed": "-updated_at",
}


def _all_projects() -> QuerySet[Project]:
    # Only ever used inside a filter on a visible_to() queryset, which decides what is read.
    return Project.objects.with_scopes_disabled()


def projects_visible_to(viewer: Viewer) -> QuerySet[Project]:
    return visible_to(Project, viewer).select_related("university", "lead_unit")


def with_display_title(qs: QuerySet[Project]) -> QuerySet[Project]:
    """Annotate `display_title`: the title in the reader's language, then kk, ru, en."""
    return qs.annotate(
        display_title=Coalesce(
            *[NullIf(F(f"title_{code}"), Value("")) for code in fallback_order()],
            output_field=CharField(),
        )
    )


def _list_contains(qs: QuerySet[Project], field: str, pattern: str) -> QuerySet[Project]:
    # JSON lists are matched on their text: "contains" on a JSON field is not on SQLite.
    alias = f"{field}_text"
    return qs.annotate(**{alias: Cast(field, TextField())}).filter(**{f"{alias}__regex": pattern})


def filter_projects(
    qs: QuerySet[Project],
    *,
    q: str = "",
    kind: str = "",
    status: str = "",
    component: str = "",
    unit: Unit | None = None,
    sdg: int | None = None,
    year: int | None = None,
    partner=None,
    university: str = "",
) -> QuerySet[Project]:
    if q:
        term = q.strip()
        match = Q()
        for code in CONTENT_LANGUAGES:
            match |= Q(**{f"title_{code}__icontains": term})
        qs = qs.filter(match)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if component:
        qs = _list_contains(qs, "components", f'"{component}"')
    if sdg:
        qs = _list_contains(qs, "sdgs", rf"(^|[^0-9]){int(sdg)}([^0-9]|$)")
    if unit is not None:
        qs = qs.filter(
            Q(lead_unit=unit) | Q(pk__in=_all_projects().filter(units=unit).values("pk"))
        )
    if year:
        qs = qs.filter(starts_on__year__lte=year).filter(
            Q(ends_on__isnull=True) | Q(ends_on__year__gte=year)
        )
    if partner is not None:
        qs = qs.filter(pk__in=_all_projects().filter(partners=partner).values("pk"))
    if university:
        qs = qs.filter(university__slug=university)
    return qs


def sorted_projects(qs: QuerySet[Project], sort: str = "") -> QuerySet[Project]:
    qs = with_display_title(qs)
    order = SORTS.get(sort or "newest", "-starts_on")
    ordering = [order, "display_title", "pk"]
    return qs.order_by(*ordering)


def universities_for_new_projects(viewer: Viewer) -> QuerySet[University]:
    qs = University.objects.filter(is_active=True).order_by("slug")
    if viewer.is_network_admin:
        return qs
    return qs.filter(pk__in=sorted(viewer.university_ids_with(*CREATOR_ROLES)))


def units_of(university_ids) -> QuerySet[Unit]:
    return Unit.objects.with_scopes_disabled().filter(university__in=list(university_ids))


def staff_of(university_ids) -> QuerySet[User]:
    ids = Membership.objects.with_scopes_disabled().filter(
        university__in=list(university_ids), role__in=list(STAFF_ROLES)
    )
    return User.objects.filter(pk__in=ids.values("user_id"), is_active=True).order_by("full_name")


def members_of(university_id: int) -> QuerySet[User]:
    """Staff and students of the university: who may take part in its projects."""
    ids = Membership.objects.with_scopes_disabled().filter(
        university_id=university_id, role__in=list(NETWORK_MEMBER_ROLES)
    )
    return User.objects.filter(pk__in=ids.values("user_id"), is_active=True).order_by("full_name")


def linkable_needs(university_ids) -> QuerySet[Need]:
    """Needs of these universities a project may address (and those already addressed)."""
    return (
        Need.objects.with_scopes_disabled()
        .filter(university__in=list(university_ids), is_hidden=False)
        .filter(state__in=[*LINKABLE_NEED_STATES, NeedState.ADDRESSED])
        .order_by("-published_at", "pk")
    )


def participants_of(project: Project) -> QuerySet[Participant]:
    return (
        Participant.objects.with_scopes_disabled()
        .filter(project=project)
        .select_related("user")
        .order_by("role", "user__full_name")
    )


def updates_of(projects) -> list[ProjectUpdate]:
    """Updates of the given projects with their photos, in two queries."""
    updates = list(
        ProjectUpdate.objects.with_scopes_disabled()
        .filter(project__in=projects)
        .select_related("project")
        .order_by("-on", "-pk")
    )
    photos: dict[int, list[UpdatePhoto]] = {}
    for photo in UpdatePhoto.objects.with_scopes_disabled().filter(
        update__in=[u.pk for u in updates]
    ):
        photos.setdefault(photo.update_id, []).append(photo)
    for update in updates:
        update.photo_list = photos.get(update.pk, [])
    return updates


def in_progress_needs(project: Project) -> QuerySet[Need]:
    return (
        Need.objects.with_scopes_disabled()
        .filter(projects=project, state=NeedState.IN_PROGRESS)
        .order_by("pk")
    )


def my_projects(user, limit: int = 8) -> list[Project]:
    """Projects the person is responsible for or takes part in, newest first."""
    mine = Project.objects.with_scopes_disabled().filter(
        Q(responsible=user) | Q(participants__user=user)
    )
    return list(
        Project.objects.with_scopes_disabled()
        .filter(pk__in=mine.values("pk"))
        .select_related("lead_unit")
        .order_by("-starts_on", "pk")[:limit]
    )


def update_moment(update: ProjectUpdate) -> datetime:
    """Where an update sits on a timeline: its date, at the hour it was posted."""
    created = timezone.localtime(update.created_at) if update.created_at else None
    at = datetime.combine(update.on, created.time() if created else time(12))
    return timezone.make_aware(at) if timezone.is_naive(at) else at


def projects_of_need(need: Need, viewer: Viewer) -> QuerySet[Project]:
    return projects_visible_to(viewer).filter(
        pk__in=_all_projects().filter(needs=need).values("pk")
    )


def display(obj, field: str) -> tuple[str, str]:
    """(text, language when it is a fallback, else "")."""
    value = translated(obj, field)
    return value.text, value.language if value.is_fallback else ""
