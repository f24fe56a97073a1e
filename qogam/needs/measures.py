"""Measures of community needs that indicators count (see qogam.core.measures).

A need's steps are dated by its timeline: the first `published`, `accepted` or `addressed`
event. The steps happen once each in the workflow, but the timeline is the record of when,
so the dates are read from it rather than from the need's own columns.
"""

from datetime import datetime, time, timedelta

from django.db.models import (
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qogam.core.measures import (
    Measure,
    MeasureScope,
    ProvenanceRow,
    register_measure,
    sdg_choices,
    visibility_choices,
    with_sdgs,
)
from qogam.needs.enums import EventKind, NeedCategory
from qogam.needs.models import Need, NeedEvent
from qogam.organisations.queries import counted_units

# "Addressed within 180 days": the community expects an answer within half a year.
ADDRESSED_WITHIN = timedelta(days=180)


def _kinds():
    return NeedCategory.choices


def _moments(scope: MeasureScope) -> tuple[datetime, datetime]:
    """The period as [first moment, moment after the last day) in the local time zone."""
    start = timezone.make_aware(datetime.combine(scope.starts_on, time.min))
    end = timezone.make_aware(datetime.combine(scope.ends_on + timedelta(days=1), time.min))
    return start, end


def _first_event(kind: str) -> Subquery:
    return Subquery(
        NeedEvent.objects.filter(need=OuterRef("pk"), kind=kind)
        .order_by("created_at", "pk")
        .values("created_at")[:1],
        output_field=DateTimeField(),
    )


def _needs(scope: MeasureScope) -> QuerySet[Need]:
    qs = Need.objects.filter(university_id=scope.university_id)
    units = counted_units(scope)
    if units is not None:
        qs = qs.filter(unit_id__in=sorted(units))
    if scope.values("kind"):
        qs = qs.filter(category__in=scope.values("kind"))
    if scope.values("sdg"):
        qs = with_sdgs(qs, scope.values("sdg"))
    if scope.values("visibility"):
        qs = qs.filter(visibility__in=scope.values("visibility"))
    return qs


def _published(scope: MeasureScope) -> QuerySet[Need]:
    start, end = _moments(scope)
    return (
        _needs(scope)
        .annotate(step_at=_first_event(EventKind.PUBLISHED))
        .filter(step_at__gte=start, step_at__lt=end)
    )


def _accepted(scope: MeasureScope) -> QuerySet[Need]:
    start, end = _moments(scope)
    return (
        _needs(scope)
        .annotate(step_at=_first_event(EventKind.ACCEPTED))
        .filter(step_at__gte=start, step_at__lt=end)
    )


def _addressed_within_180(scope: MeasureScope) -> QuerySet[Need]:
    return (
        _accepted(scope)
        .annotate(
            addressed_on=_first_event(EventKind.ADDRESSED),
            addressed_by=ExpressionWrapper(
                F("step_at") + ADDRESSED_WITHIN, output_field=DateTimeField()
            ),
        )
        .filter(addressed_on__isnull=False, addressed_on__lte=F("addressed_by"))
    )


def _with_projects(scope: MeasureScope) -> QuerySet[Need]:
    # Project.needs is declared by projects (which sits above needs): read through its
    # reverse relation on Need, never by importing projects.
    links = Need.projects.through.objects.filter(need_id=OuterRef("pk"))
    return _published(scope).filter(Exists(links))


def _row(need: Need) -> ProvenanceRow:
    when = getattr(need, "step_at", None)
    return ProvenanceRow(
        title=need.title,
        url=need.get_absolute_url(),
        on=timezone.localdate(when) if when else None,
        detail=f"{need.get_category_display()} · {need.get_state_display()}",
    )


def _addressed_row(need: Need) -> ProvenanceRow:
    row = _row(need)
    days = (need.addressed_on - need.step_at).days
    detail = _("addressed %(days)s days after acceptance") % {"days": days}
    return ProvenanceRow(title=row.title, url=row.url, on=row.on, detail=f"{row.detail} · {detail}")


FILTERS = {"unit": None, "kind": _kinds, "sdg": sdg_choices}

register_measure(
    Measure(
        key="needs.published",
        label=_("community needs published"),
        description=_(
            "Community needs first published after moderation within the period, by the date "
            "of the “published” step on the need's timeline."
        ),
        records=_published,
        row=_row,
        filters={**FILTERS, "visibility": visibility_choices},
        counts="records",
        order=300,
    )
)

register_measure(
    Measure(
        key="needs.accepted",
        label=_("community needs accepted"),
        description=_(
            "Community needs a unit of the university accepted within the period, by the date "
            "of the “accepted” step on the need's timeline."
        ),
        records=_accepted,
        row=_row,
        filters=FILTERS,
        counts="records",
        order=301,
    )
)

register_measure(
    Measure(
        key="needs.addressed_within_180",
        label=_("accepted needs addressed within 180 days"),
        description=_(
            "Community needs accepted within the period (by the date of the “accepted” step) "
            "whose “addressed” step came no later than 180 days after the acceptance."
        ),
        records=_addressed_within_180,
        row=_addressed_row,
        filters=FILTERS,
        counts="records",
        order=302,
    )
)

register_measure(
    Measure(
        key="needs.with_projects",
        label=_("published needs that projects address"),
        description=_(
            "Community needs first published within the period (by the date of the "
            "“published” step) that at least one project, of any status, names as a need it "
            "addresses."
        ),
        records=_with_projects,
        row=_row,
        filters=FILTERS,
        counts="records",
        order=303,
    )
)
