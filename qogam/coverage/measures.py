"""Measures of media coverage that indicators count (see qogam.core.measures)."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from qogam.core.measures import (
    Measure,
    MeasureScope,
    ProvenanceRow,
    register_measure,
    visibility_choices,
)
from qogam.coverage.enums import CoverageKind, PieceLanguage
from qogam.coverage.models import Coverage
from qogam.organisations.queries import counted_units


def _kinds():
    return CoverageKind.choices


def _languages():
    return PieceLanguage.choices


def _pieces(scope: MeasureScope) -> QuerySet[Coverage]:
    qs = Coverage.objects.filter(
        university_id=scope.university_id,
        published_on__gte=scope.starts_on,
        published_on__lte=scope.ends_on,
    )
    units = counted_units(scope)
    if units is not None:
        qs = qs.filter(unit_id__in=sorted(units))
    # "kind" is the kind of media; the language of the piece is a filter of its own.
    if scope.values("kind"):
        qs = qs.filter(kind__in=scope.values("kind"))
    if scope.values("language"):
        qs = qs.filter(language__in=scope.values("language"))
    if scope.values("visibility"):
        qs = qs.filter(visibility__in=scope.values("visibility"))
    return qs


def _row(piece: Coverage) -> ProvenanceRow:
    return ProvenanceRow(
        title=piece.title,
        url=piece.get_absolute_url(),
        on=piece.published_on,
        detail=f"{piece.outlet} · {piece.get_kind_display()} · {piece.get_language_display()}",
    )


register_measure(
    Measure(
        key="coverage.pieces",
        label=_("pieces of media coverage"),
        description=_(
            "Pieces in the press, on television or radio, on the web or on social networks "
            "about the university's projects, needs, studies or councils, published within "
            "the period (by their publication date)."
        ),
        records=_pieces,
        row=_row,
        filters={
            "unit": None,
            "kind": _kinds,
            "language": _languages,
            "visibility": visibility_choices,
        },
        counts="pieces",
        order=600,
    )
)
