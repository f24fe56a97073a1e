"""The demo's 2019 conference: its nine recommendations and the members' responses."""

from collections import Counter

from qogam.core.tenancy import all_universities
from qogam.demo import network_conferences as demo
from qogam.network.models import Conference, RecommendationResponse
from qogam.network.tests.records_conferences import make_membership
from qogam.strategy.tests.records import a_strategy_records

SEED_FIRST = "to implement the third mission of higher education in their activities;"
SEED_LAST = "to conduct research on the development of the city, region."


class _Builder:
    """What build_conferences needs of the demo's builder: its counts."""

    def __init__(self):
        self.created = Counter()


def _build(world, builder):
    with all_universities():
        demo.build_conferences(
            builder,
            universities={"almaty-state": world["a"], "astana-tech": world["b"]},
            network_admin=world["nora"],
        )


def test_demo_conference_seeds_nine_recommendations_and_responses(world):
    make_membership(world, "a")
    make_membership(world, "b")
    records = a_strategy_records(world)
    builder = _Builder()
    _build(world, builder)
    conference = Conference.objects.get()
    resolution = conference.resolutions.get()
    texts = list(resolution.recommendations.values_list("number", "text_en"))
    assert [number for number, _text in texts] == list(range(1, 10))
    assert (texts[0][1], texts[8][1]) == (SEED_FIRST, SEED_LAST)
    assert conference.sections.count() == 4
    assert builder.created == Counter(
        {
            "conferences": 1,
            "conference sections": 4,
            "conference participants": 3,
            "resolutions": 1,
            "recommendations": 9,
            "responses to recommendations": 18,
        }
    )
    with all_universities():
        a_statuses = list(
            RecommendationResponse.objects.filter(university=world["a"])
            .order_by("recommendation__number")
            .values_list("status", flat=True)
        )
        second = RecommendationResponse.objects.get(university=world["a"], recommendation__number=2)
        assert list(second.measures.all()) == [records["measure"]]
    assert a_statuses == list(demo.STATUSES["almaty-state"])


def test_demo_conference_second_run_writes_nothing(world):
    make_membership(world, "a")
    _build(world, _Builder())
    again = _Builder()
    _build(world, again)
    assert again.created == Counter()
    with all_universities():
        assert RecommendationResponse.objects.count() == 9
