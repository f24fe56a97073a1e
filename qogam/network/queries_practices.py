"""Reads about good practices, their adoptions and joint projects.

Who reads a practice follows its visibility (qogam.core.visibility), narrowed to the network
as it is now: a university that left stops showing its practices and adoptions to the others
(its own staff keep reading them), and `network` records reach only people of member
universities. Projects linked to a practice, an adoption or a joint project's part are named
only when the reader may read the project itself.
"""

from django.db.models import CharField, F, Q, QuerySet, TextField, Value
from django.db.models.functions import Cast, Coalesce, NullIf

from qogam.core.enums import NETWORK_MEMBER_ROLES, Visibility
from qogam.core.i18n import CONTENT_LANGUAGES, fallback_order
from qogam.core.visibility import ANONYMOUS, Viewer, visible_to
from qogam.network.models import GoodPractice, JointProject, JointProjectPart, PracticeAdoption
from qogam.network.queries import active_member_ids
from qogam.organisations.models import University
from qogam.projects.models import Project
from qogam.projects.queries import projects_visible_to


def _shown_universities(viewer: Viewer) -> set[int]:
    """Universities whose records the viewer may see in the network: the active members, and
    the viewer's own (its staff keep their own records whatever the membership)."""
    return active_member_ids() | set(viewer.staff_university_ids)


def in_network(viewer: Viewer) -> bool:
    """Whether `network` records reach the viewer: the network's admins and people of an
    active member university."""
    if viewer.is_network_admin:
        return True
    # A partner's representative belongs to a university but not to the network.
    return bool(viewer.university_ids_with(*NETWORK_MEMBER_ROLES) & active_member_ids())


def practices_visible_to(viewer: Viewer) -> QuerySet[GoodPractice]:
    qs = visible_to(GoodPractice, viewer).filter(university__in=sorted(_shown_universities(viewer)))
    if not in_network(viewer):
        qs = qs.filter(
            Q(visibility=Visibility.PUBLIC) | Q(university__in=sorted(viewer.staff_university_ids))
        )
    return qs.select_related("university")


def with_display_title(qs: QuerySet) -> QuerySet:
    """Annotate `display_title`: the title in the reader's language, then kk, ru, en."""
    return qs.annotate(
        display_title=Coalesce(
            *[NullIf(F(f"title_{code}"), Value("")) for code in fallback_order()],
            output_field=CharField(),
        )
    )


def _list_contains(qs: QuerySet, field: str, pattern: str) -> QuerySet:
    # JSON lists are matched on their text: "contains" on a JSON field is not on SQLite.
    alias = f"{field}_text"
    return qs.annotate(**{alias: Cast(field, TextField())}).filter(**{f"{alias}__regex": pattern})


def filter_practices(
    qs: QuerySet[GoodPractice],
    *,
    q: str = "",
    sdg: int | None = None,
    component: str = "",
    theme: str = "",
) -> QuerySet[GoodPractice]:
    """Text in any language of the title, summary, audience and results; one goal, component
    and theme."""
    term = (q or "").strip()
    if term:
        match = Q(theme__icontains=term)
        for code in CONTENT_LANGUAGES:
            for field in ("title", "summary", "audience", "results"):
                match |= Q(**{f"{field}_{code}__icontains": term})
        qs = qs.filter(match)
    if sdg:
        qs = _list_contains(qs, "sdgs", rf"(^|[^0-9]){int(sdg)}([^0-9]|$)")
    if component:
        qs = _list_contains(qs, "components", f'"{component}"')
    if theme:
        qs = qs.filter(theme__iexact=theme)
    return qs


def library(viewer: Viewer, **filters) -> QuerySet[GoodPractice]:
    qs = filter_practices(practices_visible_to(viewer), **filters)
    return with_display_title(qs).order_by("display_title", "pk")


def themes(viewer: Viewer) -> list[str]:
    """The themes of the practices the viewer may read, for the library's filter."""
    found = practices_visible_to(viewer).exclude(theme="").values_list("theme", flat=True)
    return sorted(set(found), key=str.casefold)


def readable_projects(viewer: Viewer, ids) -> dict[int, Project]:
    """The projects among `ids` that the viewer may read, by id (one query)."""
    wanted = [pk for pk in ids if pk]
    if not wanted:
        return {}
    return {p.pk: p for p in projects_visible_to(viewer).filter(pk__in=wanted)}


def practice_projects(practice: GoodPractice, viewer: Viewer) -> list[Project]:
    linked = GoodPractice.projects.through.objects.filter(goodpractice=practice)
    return list(
        projects_visible_to(viewer)
        .filter(pk__in=linked.values("project_id"))
        .order_by("starts_on", "pk")
    )


def adoptions_of(practice: GoodPractice, viewer: Viewer) -> list[PracticeAdoption]:
    """The adoptions of active members (and the viewer's own), oldest first: the practice's
    spread. Each carries `readable_project`, None when the viewer may not read it."""
    adoptions = list(
        PracticeAdoption.objects.with_scopes_disabled()
        .filter(practice=practice, university__in=sorted(_shown_universities(viewer)))
        .select_related("university")
        .order_by("adopted_on", "pk")
    )
    projects = readable_projects(viewer, [a.project_id for a in adoptions])
    for adoption in adoptions:
        adoption.readable_project = projects.get(adoption.project_id)
    return adoptions


def adoption_of(practice: GoodPractice, university_id: int) -> PracticeAdoption | None:
    return (
        PracticeAdoption.objects.with_scopes_disabled()
        .filter(practice=practice, university_id=university_id)
        .first()
    )


def own_projects(university_ids) -> QuerySet[Project]:
    """Projects of these universities, for a form that links one of its own."""
    return (
        Project.objects.with_scopes_disabled()
        .filter(university__in=sorted(university_ids))
        .order_by("-starts_on", "pk")
    )


def offices_of(viewer: Viewer) -> QuerySet[University]:
    """Universities whose records the viewer writes as their office (all, for the network's
    admins)."""
    from qogam.network.rules import OFFICE_ROLES  # noqa: PLC0415 -- rules imports models

    qs = University.objects.filter(is_active=True).order_by("slug")
    if viewer.is_network_admin:
        return qs
    return qs.filter(pk__in=sorted(viewer.university_ids_with(*OFFICE_ROLES)))


def member_universities() -> QuerySet[University]:
    return University.objects.filter(pk__in=sorted(active_member_ids())).order_by("slug")


# --- joint projects --------------------------------------------------------------------------


def joint_projects_visible_to(viewer: Viewer) -> QuerySet[JointProject]:
    """Every member reads the network's joint projects; the public reads the public ones."""
    qs = JointProject.objects.select_related("lead_university")
    if in_network(viewer):
        return qs
    return qs.filter(visibility=Visibility.PUBLIC)


def joint_list(viewer: Viewer) -> QuerySet[JointProject]:
    return with_display_title(joint_projects_visible_to(viewer)).order_by("display_title", "pk")


def parts_of(joint: JointProject, viewer: Viewer) -> list[JointProjectPart]:
    """The joint project's parts; each carries `readable_project` (None when the viewer may not
    read the part's project)."""
    parts = list(
        JointProjectPart.objects.with_scopes_disabled()
        .filter(joint=joint)
        .select_related("university")
        .order_by("university__slug", "pk")
    )
    projects = readable_projects(viewer, [p.project_id for p in parts])
    for part in parts:
        part.readable_project = projects.get(part.project_id)
    return parts


def part_of(joint: JointProject, public_id) -> JointProjectPart | None:
    return (
        JointProjectPart.objects.with_scopes_disabled()
        .filter(joint=joint, public_id=public_id)
        .select_related("university")
        .first()
    )


# --- the portal ------------------------------------------------------------------------------


def public_practices() -> QuerySet[GoodPractice]:
    """Public practices of active members whose university is itself public and active."""
    return (
        visible_to(GoodPractice, ANONYMOUS)
        .filter(
            visibility=Visibility.PUBLIC,
            university__in=sorted(active_member_ids()),
            university__visibility=Visibility.PUBLIC,
            university__is_active=True,
        )
        .select_related("university")
    )


def public_adoptions(practice: GoodPractice) -> list[PracticeAdoption]:
    """Adoptions by active members; each carries `public_project` (None unless public)."""
    adoptions = list(
        PracticeAdoption.objects.with_scopes_disabled()
        .filter(practice=practice, university__in=sorted(active_member_ids()))
        .select_related("university")
        .order_by("adopted_on", "pk")
    )
    projects = readable_projects(ANONYMOUS, [a.project_id for a in adoptions])
    for adoption in adoptions:
        project = projects.get(adoption.project_id)
        public_site = adoption.university.visibility == Visibility.PUBLIC
        adoption.public_project = project if project and public_site else None
    return adoptions
