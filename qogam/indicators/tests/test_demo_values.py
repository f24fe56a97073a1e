"""Done-when of the indicators: on the demo data every pack's computed values are reproduced by
recounting the records listed as their provenance, and entered values carry their evidence."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from qogam.core.tenancy import university_scope
from qogam.indicators import compute
from qogam.indicators.enums import Method
from qogam.indicators.models import Pack
from qogam.indicators.queries import active_indicators
from qogam.organisations.models import University

pytestmark = pytest.mark.django_db

SHIPPED = {"core-3m", "the-impact", "kef-pce", "kz-national"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", force=True, stdout=StringIO())
        yield
        transaction.set_rollback(True)


def _values(university, pack, year):
    with university_scope(university):
        indicators = list(active_indicators(university.pk, pack=pack))
        return indicators, compute.evaluate(
            indicators,
            university_id=university.pk,
            period_for=lambda i: compute.period_in_year(i, year),
        )


def test_demo_ships_the_four_packs(demo):
    shipped = Pack.objects.filter(university__isnull=True).values_list("code", flat=True)
    assert set(shipped) >= SHIPPED


@pytest.mark.parametrize("code", sorted(SHIPPED))
def test_demo_pack_values_recount_from_their_provenance(demo, code):
    pack = Pack.objects.get(university__isnull=True, code=code)
    checked = nonzero = 0
    for university in University.objects.order_by("pk"):
        for year in (2025, 2026):
            indicators, values = _values(university, pack, year)
            assert indicators, f"{code} has no indicators"
            for value in values:
                indicator = value.indicator
                if indicator.method == Method.COMPUTED:
                    for part, expected in (
                        (compute.NUMERATOR, value.numerator),
                        (compute.DENOMINATOR, value.denominator),
                    ):
                        with university_scope(university):
                            found = compute.provenance(
                                indicator,
                                university_id=university.pk,
                                period=value.period,
                                part=part,
                            )
                            if found is None:
                                continue
                            measure, records = found
                            recount = measure.recount(list(records))
                        assert recount == expected, (indicator.code, part, university.slug)
                        checked += 1
                    nonzero += bool(value.value)
                elif value.entry is not None:
                    # An approved entry always has its evidence.
                    assert value.entry.evidence.all(), indicator.code
                    checked += 1
                    nonzero += 1
                elif value.assessment is not None:
                    checked += 1
                    nonzero += value.value is not None
    assert checked
    # The demo is meant to show figures: most packs have several non-empty values.
    assert nonzero >= (1 if code == "kef-pce" else 3)
