"""The indicators API: definitions, packs, values and targets.

Definitions and packs shipped with Qogam are open to everyone; a university's own ones to
its members. A university's values and targets are read by its staff; beyond it, only the
indicators it published: `network` ones by the network's members, `public` ones by anyone,
signed in or not (open data).
"""

from decimal import Decimal
from uuid import UUID

from django.db.models import Prefetch
from django.http import Http404
from ninja import Router, Schema

from qogam.core.enums import Visibility
from qogam.core.i18n import translated
from qogam.core.periods import academic_year_of
from qogam.core.tenancy import university_scope
from qogam.core.visibility import Viewer
from qogam.indicators import compute
from qogam.indicators.models import Indicator, IndicatorVisibility, Pack, PackEntry, Target
from qogam.indicators.queries import active_indicators
from qogam.organisations.models import University

router = Router(tags=["indicators"])

# Open data: anyone may call these; a session or an API key (resolved by the accounts
# middleware before the view) widens what the caller reads.
OPEN = None


class TextsOut(Schema):
    kk: str
    ru: str
    en: str
    display: str


class IndicatorOut(Schema):
    id: UUID
    code: str
    university: str | None
    name: TextsOut
    definition: TextsOut
    unit: str
    direction: str
    method: str
    period_type: str
    components: list[str]
    sdgs: list[int]
    frameworks: list[str]
    measure: str
    denominator: str
    scale: Decimal
    answer_kind: str
    rubric: str
    packs: list[str]
    url: str


class PackOut(Schema):
    id: UUID
    code: str
    university: str | None
    name: TextsOut
    description: TextsOut
    source_note: TextsOut
    is_default: bool
    indicators: list[str]


class ValueOut(Schema):
    indicator: str
    period: str
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    target: Decimal | None
    status: str
    note: str
    visibility: str


class TargetOut(Schema):
    indicator: str
    unit: UUID | None
    period: str
    value: Decimal


def _texts(obj, field: str) -> TextsOut:
    return TextsOut(
        kk=getattr(obj, f"{field}_kk") or "",
        ru=getattr(obj, f"{field}_ru") or "",
        en=getattr(obj, f"{field}_en") or "",
        display=translated(obj, field).text,
    )


def _university_ids(viewer: Viewer) -> list[int]:
    """Whose own definitions the caller reads: its staff's (as the rules say), not a
    student's or a partner's."""
    return sorted(viewer.staff_university_ids)


def _available_packs(viewer: Viewer):
    return Pack.objects.available_to(_university_ids(viewer))


def _definitions(viewer: Viewer):
    packs = _available_packs(viewer)
    return (
        Indicator.objects.available_to(_university_ids(viewer))
        .select_related("university")
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=PackEntry.objects.filter(pack__in=packs).select_related("pack"),
                to_attr="listed",
            )
        )
        .order_by("code", "university_id")
    )


def _indicator_out(indicator: Indicator) -> IndicatorOut:
    return IndicatorOut(
        id=indicator.public_id,
        code=indicator.code,
        university=indicator.university.slug if indicator.university_id else None,
        name=_texts(indicator, "name"),
        definition=_texts(indicator, "definition"),
        unit=indicator.unit,
        direction=indicator.direction,
        method=indicator.method,
        period_type=indicator.period_type,
        components=[str(c) for c in indicator.components or []],
        sdgs=[int(s) for s in indicator.sdgs or []],
        frameworks=[str(f) for f in indicator.frameworks or []],
        measure=indicator.measure,
        denominator=indicator.denominator,
        scale=indicator.scale,
        answer_kind=indicator.answer_kind,
        rubric=indicator.rubric,
        packs=sorted({entry.pack.code for entry in indicator.listed}),
        url=indicator.get_absolute_url(),
    )


@router.get("/indicators", response=list[IndicatorOut], auth=OPEN, url_name="list_indicators")
def list_indicators(request):
    """The definitions shipped with Qogam and those of the caller's universities."""
    return [_indicator_out(i) for i in _definitions(request.viewer)]


@router.get("/indicators/{code}", response=IndicatorOut, auth=OPEN, url_name="get_indicator")
def get_indicator(request, code: str):
    """One definition by code: the shipped one, else the caller's university's own."""
    found = _definitions(request.viewer).filter(code=code).order_by("-university_id").last()
    if found is None:
        raise Http404
    return _indicator_out(found)


@router.get("/indicator-packs", response=list[PackOut], auth=OPEN, url_name="list_indicator_packs")
def list_indicator_packs(request):
    packs = (
        _available_packs(request.viewer)
        .select_related("university")
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=PackEntry.objects.select_related("indicator").order_by("order", "pk"),
                to_attr="listed",
            )
        )
    )
    return [
        PackOut(
            id=p.public_id,
            code=p.code,
            university=p.university.slug if p.university_id else None,
            name=_texts(p, "name"),
            description=_texts(p, "description"),
            source_note=_texts(p, "source_note"),
            is_default=p.is_default,
            indicators=[entry.indicator.code for entry in p.listed],
        )
        for p in packs
    ]


def _university_or_404(slug: str) -> University:
    university = University.objects.filter(slug=slug, is_active=True).first()
    if university is None:
        raise Http404
    return university


def _readable(viewer: Viewer, university: University):
    """The university's active indicators the viewer may read values of, each with who may
    read them: everything for its staff, published ones for others."""
    with university_scope(university):
        indicators = list(active_indicators(university.pk).select_related("university"))
        published = dict(
            IndicatorVisibility.objects.filter(university=university).values_list(
                "indicator_id", "visibility"
            )
        )
    shown = {i.pk: published.get(i.pk, Visibility.PRIVATE) for i in indicators}
    if viewer.is_network_admin or university.pk in viewer.staff_university_ids:
        allowed = set(Visibility.values)
    elif viewer.is_network_member:
        allowed = {Visibility.NETWORK, Visibility.PUBLIC}
    else:
        allowed = {Visibility.PUBLIC}
    return [i for i in indicators if shown[i.pk] in allowed], shown


@router.get(
    "/indicator-values", response=list[ValueOut], auth=OPEN, url_name="list_indicator_values"
)
def list_indicator_values(request, university: str, year: int | None = None):
    """Values of the university's indicators in use for a reporting year (2025: the academic
    year 2025/26, the calendar year 2025): all for its staff, published ones for others."""
    chosen = _university_or_404(university)
    year = year or academic_year_of()
    indicators, shown = _readable(request.viewer, chosen)
    # The records behind published values are the university's; reading them is what
    # publishing allowed, so the evaluation runs in its scope.
    with university_scope(chosen):
        values = compute.evaluate(
            indicators,
            university_id=chosen.pk,
            period_for=lambda i: compute.period_in_year(i, year),
        )
    return [
        ValueOut(
            indicator=v.indicator.code,
            period=v.period.key,
            value=v.value,
            numerator=v.numerator,
            denominator=v.denominator,
            target=v.target,
            status=v.status,
            note=str(v.note),
            visibility=shown[v.indicator.pk],
        )
        for v in values
    ]


@router.get(
    "/indicator-targets", response=list[TargetOut], auth=OPEN, url_name="list_indicator_targets"
)
def list_indicator_targets(request, university: str, year: int | None = None):
    """Targets of the indicators whose values the caller may read, for the reporting year."""
    chosen = _university_or_404(university)
    indicators, _shown = _readable(request.viewer, chosen)
    wanted = {i.pk: compute.period_in_year(i, year).key for i in indicators} if year else None
    with university_scope(chosen):
        rows = list(
            Target.objects.filter(university=chosen, indicator__in=indicators)
            .select_related("indicator", "unit")
            .order_by("indicator__code", "period", "unit_id")
        )
    return [
        TargetOut(
            indicator=t.indicator.code,
            unit=t.unit.public_id if t.unit_id else None,
            period=t.period,
            value=t.value,
        )
        for t in rows
        if wanted is None or t.period == wanted[t.indicator_id]
    ]
