"""The strategy API: the same queries, rules and services as the pages.

A strategy or measure the caller may not read answers 404, as on the pages.
"""

from datetime import date
from decimal import Decimal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.responses import Status

from qogam.core.api_auth import signed_in
from qogam.core.i18n import translated
from qogam.strategy import queries, services
from qogam.strategy.enums import MeasureStatus

router = Router(tags=["strategy"])

# Lists answer at most this many records; `offset` pages on.
LIST_LIMIT = 100


class TextsOut(Schema):
    kk: str
    ru: str
    en: str
    display: str


def _texts(obj, field: str) -> TextsOut:
    return TextsOut(
        kk=getattr(obj, f"{field}_kk") or "",
        ru=getattr(obj, f"{field}_ru") or "",
        en=getattr(obj, f"{field}_en") or "",
        display=translated(obj, field).text,
    )


class ProjectRef(Schema):
    id: UUID
    title: TextsOut


class MeasureOut(Schema):
    id: UUID
    strategy: UUID
    number: str
    title: TextsOut
    description: TextsOut
    owner: str | None
    owner_unit: UUID | None
    starts_on: date | None
    due_on: date
    budget: Decimal | None
    components: list[str]
    sdgs: list[int]
    indicator_codes: list[str]
    projects: list[ProjectRef]
    status: str
    done_on: date | None
    overdue: bool
    url: str


class GoalOut(Schema):
    id: UUID
    position: int
    title: TextsOut
    measures: list[MeasureOut]


class DirectionOut(Schema):
    id: UUID
    position: int
    title: TextsOut
    goals: list[GoalOut]


class StrategySummaryOut(Schema):
    id: UUID
    university: str
    unit: UUID | None
    title: TextsOut
    starts_on: date
    ends_on: date
    is_template: bool
    visibility: str
    url: str


class StrategyOut(StrategySummaryOut):
    summary: TextsOut
    copied_from: UUID | None
    budget: Decimal
    directions: list[DirectionOut]


class NoteIn(Schema):
    on: date | None = None
    status: MeasureStatus | None = None
    text: str = ""


class NoteOut(Schema):
    id: UUID
    measure: UUID
    on: date
    status: str
    text: str
    author: str | None
    measure_status: str


def _measure_out(m) -> MeasureOut:
    return MeasureOut(
        id=m.public_id,
        strategy=m.strategy.public_id,
        number=m.number,
        title=_texts(m, "title"),
        description=_texts(m, "description"),
        owner=(m.owner.full_name or m.owner.email) if m.owner else None,
        owner_unit=m.owner_unit.public_id if m.owner_unit else None,
        starts_on=m.starts_on,
        due_on=m.due_on,
        budget=m.budget,
        components=list(m.components),
        sdgs=list(m.sdgs),
        indicator_codes=list(m.indicator_codes),
        projects=[ProjectRef(id=p.public_id, title=_texts(p, "title")) for p in m.shown_projects],
        status=m.status,
        done_on=m.done_on,
        overdue=m.overdue,
        url=m.get_absolute_url(),
    )


def _summary(strategy) -> dict:
    return {
        "id": strategy.public_id,
        "university": strategy.university.slug,
        "unit": strategy.unit.public_id if strategy.unit else None,
        "title": _texts(strategy, "title"),
        "starts_on": strategy.starts_on,
        "ends_on": strategy.ends_on,
        "is_template": strategy.is_template,
        "visibility": strategy.visibility,
        "url": strategy.get_absolute_url(),
    }


def _strategy_or_404(request, public_id: UUID):
    strategy = queries.readable_strategy(request.viewer, public_id)
    if strategy is None:
        raise Http404
    return strategy


def _measure_or_404(request, public_id: UUID):
    measure = queries.readable_measure(request.viewer, public_id)
    if measure is None:
        raise Http404
    return measure


@router.get(
    "/strategies", response=list[StrategySummaryOut], auth=signed_in, url_name="list_strategies"
)
def list_strategies(request, offset: int = 0):
    """The caller's universities' strategies and the network templates they may read."""
    offset = max(offset, 0)
    qs = queries.strategy_list(request.viewer)[offset : offset + LIST_LIMIT]
    return [StrategySummaryOut(**_summary(s)) for s in qs]


@router.get(
    "/strategies/{public_id}", response=StrategyOut, auth=signed_in, url_name="get_strategy"
)
def get_strategy(request, public_id: UUID):
    """One strategy with its directions, goals and measures nested, in order."""
    strategy = _strategy_or_404(request, public_id)
    plan = queries.plan_of(strategy, timezone.localdate(), request.viewer)
    return StrategyOut(
        **_summary(strategy),
        summary=_texts(strategy, "summary"),
        copied_from=strategy.copied_from.public_id if strategy.copied_from_id else None,
        budget=plan.budget,
        directions=[
            DirectionOut(
                id=d.direction.public_id,
                position=d.direction.position,
                title=_texts(d.direction, "title"),
                goals=[
                    GoalOut(
                        id=g.goal.public_id,
                        position=g.goal.position,
                        title=_texts(g.goal, "title"),
                        measures=[_measure_out(m) for m in g.measures],
                    )
                    for g in d.goals
                ],
            )
            for d in plan.directions
        ],
    )


@router.get(
    "/strategy-measures", response=list[MeasureOut], auth=signed_in, url_name="list_measures"
)
def list_measures(
    request,
    strategy: UUID | None = None,
    status: MeasureStatus | None = None,
    mine: bool = False,
    overdue: bool = False,
    offset: int = 0,
):
    """Measures the caller may read: of one strategy, by status, their own, or overdue."""
    today = timezone.localdate()
    qs = queries.measures_visible_to(request.viewer)
    if strategy is not None:
        qs = qs.filter(strategy__public_id=strategy)
    if status:
        qs = qs.filter(status=status)
    if mine:
        qs = qs.filter(owner=request.user)
    if overdue:
        qs = qs.filter(due_on__lt=today).exclude(status=MeasureStatus.DONE)
    offset = max(offset, 0)
    rows = list(qs.order_by("due_on", "pk")[offset : offset + LIST_LIMIT])
    return [_measure_out(m) for m in queries.decorate(rows, request.viewer, today)]


@router.get(
    "/strategy-measures/{public_id}", response=MeasureOut, auth=signed_in, url_name="get_measure"
)
def get_measure(request, public_id: UUID):
    measure = _measure_or_404(request, public_id)
    queries.decorate([measure], request.viewer, timezone.localdate())
    return _measure_out(measure)


@router.post(
    "/strategy-measures/{public_id}/notes",
    response={201: NoteOut},
    auth=signed_in,
    url_name="create_progress_note",
)
def create_progress_note(request, public_id: UUID, payload: NoteIn):
    """Report progress: the note's status becomes the measure's (done sets its done date)."""
    measure = _measure_or_404(request, public_id)
    if payload.status is None:
        raise ValidationError({"status": [_("This field is required.")]})
    note = services.add_progress_note(
        actor=request.user,
        measure=measure,
        on=payload.on or timezone.localdate(),
        status=payload.status,
        text=payload.text,
    )
    return Status(
        201,
        NoteOut(
            id=note.public_id,
            measure=measure.public_id,
            on=note.on,
            status=note.status,
            text=note.text,
            author=(request.user.full_name or request.user.email),
            measure_status=note.status,
        ),
    )
