"""Reads of community needs shared by the pages, the API, the dashboard and the admin."""

from datetime import timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from qogam.core.enums import Visibility
from qogam.core.measures import with_sdgs
from qogam.core.visibility import Viewer, visible_to
from qogam.needs.enums import (
    PUBLIC_EVENT_KINDS,
    PUBLIC_STATES,
    UNANSWERED_STATES,
    AffectedGroup,
    NeedCategory,
    NeedState,
)
from qogam.needs.models import Comment, Need, NeedEvent, Report

# Only confirmed supports count: an e-mail support waits for its link to be opened.
SUPPORT_COUNT = Count("supports", filter=Q(supports__confirmed_at__isnull=False), distinct=True)
# States that count as "open": the university still owes the community an outcome.
OPEN_STATES = (NeedState.PUBLISHED, NeedState.ACCEPTED, NeedState.IN_PROGRESS)


def readable_needs(viewer: Viewer) -> QuerySet[Need]:
    """Needs the viewer may open: public, their university's own (staff), and their own posts."""
    qs = visible_to(Need, viewer)
    if viewer.user_id is not None:
        qs = qs | Need.objects.with_scopes_disabled().filter(posted_by_id=viewer.user_id)
    return qs.select_related("university", "unit", "partner_organisation")


def public_needs() -> QuerySet[Need]:
    """Needs shown to everyone: published (or further along) and not hidden."""
    return (
        visible_to(Need, Viewer())
        .filter(visibility=Visibility.PUBLIC, state__in=PUBLIC_STATES, is_hidden=False)
        .select_related("university", "unit")
        .annotate(support_count=SUPPORT_COUNT)
    )


def filter_needs(
    qs: QuerySet[Need],
    *,
    category: str = "",
    state: str = "",
    district: str = "",
    university: str = "",
    q: str = "",
    sdg: int | None = None,
) -> QuerySet[Need]:
    if sdg:
        qs = with_sdgs(qs, [sdg])
    if category:
        qs = qs.filter(category=category)
    if state:
        qs = qs.filter(state=state)
    if district:
        qs = qs.filter(district__icontains=district.strip())
    if university:
        qs = qs.filter(university__slug=university)
    if q:
        words = q.strip()
        qs = qs.filter(
            Q(title__icontains=words)
            | Q(description__icontains=words)
            | Q(district__icontains=words)
        )
    return qs


def api_needs(viewer: Viewer) -> QuerySet[Need]:
    """Published needs for everyone, plus every need of the viewer's own university for its staff.

    visible_to() already keeps another university's private (unmoderated) needs out.
    """
    qs = visible_to(Need, viewer)
    if not viewer.is_network_admin:
        qs = qs.filter(
            Q(visibility=Visibility.PUBLIC, state__in=PUBLIC_STATES, is_hidden=False)
            | Q(university__in=sorted(viewer.staff_university_ids))
        )
    return (
        qs.select_related("university", "unit")
        .annotate(support_count=SUPPORT_COUNT)
        .order_by("-created_at")
    )


def timeline(need: Need, *, include_internal: bool) -> list[NeedEvent]:
    events = NeedEvent.objects.with_scopes_disabled().filter(need=need).select_related("unit")
    if not include_internal:
        events = events.filter(kind__in=PUBLIC_EVENT_KINDS)
    return list(events.order_by("created_at", "pk"))


def comment_threads(need: Need, *, include_hidden: bool) -> list[Comment]:
    """Top-level comments with their replies (one level), in two queries."""
    manager = Comment.objects.with_scopes_disabled()
    replies = manager.filter(parent__isnull=False).select_related("author").order_by("created_at")
    if not include_hidden:
        replies = replies.filter(is_hidden=False)
    top = (
        manager.filter(need=need, parent__isnull=True)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="shown_replies"))
        .order_by("created_at", "pk")
    )
    if not include_hidden:
        top = top.filter(is_hidden=False)
    return list(top)


def universities_where(viewer: Viewer, *roles: str) -> list[int] | None:
    """Ids of universities where the viewer holds one of `roles`; None for the network admin."""
    if viewer.is_network_admin:
        return None
    return sorted(viewer.university_ids_with(*roles))


def _of(university_ids: list[int] | None, model=Need):
    qs = model.objects.with_scopes_disabled()
    if university_ids is not None:
        qs = qs.filter(university__in=university_ids)
    return qs


def moderation_queue(university_ids: list[int] | None) -> dict:
    """What waits for the moderators: new needs, open reports, hidden items to review."""
    to_moderate = (
        _of(university_ids)
        .filter(state=NeedState.IN_MODERATION)
        .select_related("university", "posted_by", "partner_organisation")
        .annotate(report_count=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
        .order_by("created_at")
    )
    reports = (
        _of(university_ids, Report)
        .filter(resolved_at__isnull=True)
        .select_related("need", "comment", "reporter", "comment__author")
        .order_by("created_at")
    )
    hidden_comments = (
        _of(university_ids, Comment)
        .filter(is_hidden=True)
        .select_related("need", "author", "hidden_by")
        .order_by("-hidden_at")[:50]
    )
    hidden_needs = _of(university_ids).filter(is_hidden=True).order_by("-updated_at")[:50]
    awaiting_email = _of(university_ids).filter(state=NeedState.SUBMITTED).count()
    return {
        "to_moderate": list(to_moderate),
        "reports": list(reports),
        "hidden_comments": list(hidden_comments),
        "hidden_needs": list(hidden_needs),
        "awaiting_email": awaiting_email,
    }


def awaiting_decision(university_ids: list[int] | None, limit: int = 10) -> list[Need]:
    """Published needs nobody has answered yet, oldest first."""
    return list(
        _of(university_ids)
        .filter(state__in=UNANSWERED_STATES, is_hidden=False)
        .select_related("university")
        .order_by("published_at", "pk")[:limit]
    )


def _labelled(rows, key: str, labels: dict) -> list[dict]:
    return [{"value": r[key], "label": labels.get(r[key], r[key]), "count": r["n"]} for r in rows]


def overview(university_ids: list[int] | None) -> dict:
    """The university's picture of its community's needs, in aggregate queries.

    Counts cover needs that passed moderation (published or further). Age buckets count the
    open needs by how long ago they were published, so a long-ignored need shows up.
    """
    now = timezone.now()
    base = _of(university_ids).filter(state__in=PUBLIC_STATES, is_hidden=False)
    by_category = base.order_by().values("category").annotate(n=Count("pk")).order_by("-n")
    by_district = (
        base.order_by().values("district").annotate(n=Count("pk")).order_by("-n", "district")[:20]
    )
    by_state = base.order_by().values("state").annotate(n=Count("pk")).order_by("-n")
    by_group = base.order_by().values("affected_group").annotate(n=Count("pk")).order_by("-n")
    open_needs = base.filter(state__in=OPEN_STATES)
    ages = open_needs.aggregate(
        week=Count("pk", filter=Q(published_at__gte=now - timedelta(days=7))),
        month=Count(
            "pk",
            filter=Q(
                published_at__lt=now - timedelta(days=7),
                published_at__gte=now - timedelta(days=30),
            ),
        ),
        quarter=Count(
            "pk",
            filter=Q(
                published_at__lt=now - timedelta(days=30),
                published_at__gte=now - timedelta(days=90),
            ),
        ),
        older=Count("pk", filter=Q(published_at__lt=now - timedelta(days=90))),
    )
    oldest_unanswered = list(
        base.filter(state__in=UNANSWERED_STATES)
        .select_related("university")
        .order_by("published_at", "pk")[:10]
    )
    # Ranked by confirmed supports; ties go to the longer-waiting need.
    top_supported = list(
        base.annotate(support_count=SUPPORT_COUNT)
        .filter(support_count__gt=0)
        .select_related("university")
        .order_by("-support_count", "published_at")[:10]
    )
    points = list(
        base.filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("-published_at")
        .values("public_id", "title", "language", "latitude", "longitude", "state", "category")[
            :1000
        ]
    )
    states = dict(NeedState.choices)
    return {
        "total": sum(r["n"] for r in by_state),
        "by_category": _labelled(by_category, "category", dict(NeedCategory.choices)),
        "by_district": _labelled(by_district, "district", {}),
        "by_state": _labelled(by_state, "state", states),
        "by_group": _labelled(by_group, "affected_group", dict(AffectedGroup.choices)),
        "ages": ages,
        "oldest_unanswered": oldest_unanswered,
        "top_supported": top_supported,
        "points": points,
    }


def to_moderate_count(university_ids: list[int] | None) -> int:
    return _of(university_ids).filter(state=NeedState.IN_MODERATION).count()
