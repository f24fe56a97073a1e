"""Reads of media coverage shared by the pages, the API, the export and other apps' pages."""

from datetime import date

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from qogam.core.i18n import TranslatedText, translated
from qogam.core.visibility import Viewer, visible_to
from qogam.councils.models import Council
from qogam.coverage.enums import CoverageKind, SubjectKind
from qogam.coverage.models import SUBJECT_FIELDS, Coverage
from qogam.needs.models import Need
from qogam.needs.queries import readable_needs
from qogam.organisations.models import Unit
from qogam.projects.models import Project
from qogam.research.models import Study

SUBJECT_MODELS = {
    SubjectKind.PROJECT: Project,
    SubjectKind.NEED: Need,
    SubjectKind.STUDY: Study,
    SubjectKind.COUNCIL: Council,
}


def subject_kind_of(record) -> str:
    for kind, model in SUBJECT_MODELS.items():
        if isinstance(record, model):
            return kind
    raise ValueError(f"Coverage cannot be about a {type(record).__name__}")


def unit_of_subject(record) -> Unit | None:
    """The unit a piece about `record` counts for: its lead unit, its unit, or none."""
    for name in ("lead_unit", "unit"):
        unit = getattr(record, name, None)
        if isinstance(unit, Unit):
            return unit
    return None


def readable_subject(kind: str, public_id, viewer: Viewer):
    """The record of `kind` with `public_id` that `viewer` may read, or None."""
    if kind not in SUBJECT_MODELS:
        return None
    return _readable(kind, viewer).filter(public_id=public_id).first()


def coverage_visible_to(viewer: Viewer) -> QuerySet[Coverage]:
    return visible_to(Coverage, viewer).select_related(
        "university", "unit", "project", "need", "study", "council"
    )


def coverage_of(record, viewer: Viewer) -> QuerySet[Coverage]:
    field = SUBJECT_FIELDS[subject_kind_of(record)]
    return coverage_visible_to(viewer).filter(**{field: record})


def filter_coverage(
    qs: QuerySet[Coverage],
    *,
    q: str = "",
    kind: str = "",
    subject: str = "",
    unit: Unit | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[Coverage]:
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(outlet__icontains=q) | Q(summary__icontains=q))
    if kind:
        qs = qs.filter(kind=kind)
    if subject in SUBJECT_FIELDS:
        qs = qs.filter(**{f"{SUBJECT_FIELDS[subject]}__isnull": False})
    if unit is not None:
        qs = qs.filter(unit=unit)
    if since is not None:
        qs = qs.filter(published_on__gte=since)
    if until is not None:
        qs = qs.filter(published_on__lte=until)
    return qs


def summary_by_kind(qs: QuerySet[Coverage]) -> list[dict]:
    """Pieces and known reach per kind of media, in one aggregate query."""
    rows = (
        qs.order_by()
        .values("kind")
        .annotate(pieces=Count("pk"), reach=Coalesce(Sum("reach"), 0))
        .order_by("kind")
    )
    return [{**row, "label": CoverageKind(row["kind"]).label} for row in rows]


def subject_title(record) -> TranslatedText:
    """The subject's title as the reader sees it; a need keeps its poster's own words."""
    if isinstance(record, Need):
        return TranslatedText(record.title, record.language, is_fallback=False)
    for field in ("title", "name"):
        if hasattr(record, f"{field}_kk"):
            return translated(record, field)
    return TranslatedText(str(record), "", is_fallback=False)


def _readable(kind: str, viewer: Viewer) -> QuerySet:
    # A need is read by its own rules (an unpublished one by its staff and poster only).
    if kind == SubjectKind.NEED:
        return readable_needs(viewer)
    return visible_to(SUBJECT_MODELS[kind], viewer)  # type: ignore[index]


def readable_subject_keys(pieces, viewer: Viewer) -> set[tuple[str, int]]:
    """(kind, pk) of the subjects of `pieces` that `viewer` may open: one query per kind."""
    wanted: dict[str, set[int]] = {}
    for piece in pieces:
        kind = piece.subject_kind
        wanted.setdefault(kind, set()).add(getattr(piece, f"{SUBJECT_FIELDS[kind]}_id"))
    keys = set()
    for kind, ids in wanted.items():
        for pk in _readable(kind, viewer).filter(pk__in=sorted(ids)).values_list("pk", flat=True):
            keys.add((kind, pk))
    return keys
