"""Reads shared by the indicators' pages, API and reports."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from qogam.indicators.models import Indicator, Pack, PackActivation, PackEntry


def packs_in_use(university_id: int) -> QuerySet[Pack]:
    """The packs a university switched on, default first."""
    return Pack.objects.available_to([university_id]).filter(
        Exists(PackActivation.objects.filter(university_id=university_id, pack=OuterRef("pk")))
    )


def active_indicators(university_id: int, pack: Pack | None = None) -> QuerySet[Indicator]:
    """The indicators of the packs a university uses (or of one pack), and its own ones that
    are in no pack; each once, by code."""
    available = Indicator.objects.available_to([university_id])
    if pack is not None:
        return available.filter(entries__pack=pack).order_by("entries__order", "code")
    in_used_pack = Exists(
        PackEntry.objects.filter(
            indicator=OuterRef("pk"),
            pack__in=PackActivation.objects.filter(university_id=university_id).values("pack"),
        )
    )
    in_any_pack = Exists(PackEntry.objects.filter(indicator=OuterRef("pk")))
    return available.filter(in_used_pack | (Q(university_id=university_id) & ~in_any_pack))
