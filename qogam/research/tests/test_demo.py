"""The demo's research records (qogam/demo/research.py), built for university A of `world`."""

import random
from collections import Counter
from types import SimpleNamespace

from django.utils import timezone, translation

from qogam.core.tenancy import all_universities
from qogam.demo.research import build_research
from qogam.needs.tests.factories import published_need
from qogam.partners.tests.records import make_partner
from qogam.research.enums import QuestionStatus, Uptake
from qogam.research.models import QuestionTaker, ResearchQuestion, Study, StudyOutput


def _community(world):
    return SimpleNamespace(
        university=world["a"],
        slug=world["a"].slug,
        people={"admin": world["alice"], "office": world["erin"], "coordinator": world["cora"]},
        tree=SimpleNamespace(
            faculties=[world["a_faculty"]],
            departments=[world["a_department"]],
            workplaces=[world["a_department"]],
        ),
        b=SimpleNamespace(created=Counter(), rng=lambda *parts: random.Random("-".join(parts))),  # noqa: S311 -- demo data
        now=timezone.now(),
        today=timezone.localdate(),
    )


def test_build_research_is_small_complete_and_idempotent(world, client_for):
    make_partner(world)
    first, second = published_need(world), published_need(world, title="Жарық жоқ")
    community = _community(world)
    build_research(community)
    assert community.b.created == Counter({"studies": 3, "research_topics": 2})
    with all_universities():
        studies = list(Study.objects.all())
        assert all(s.title_kk and s.title_ru and s.title_en for s in studies)
        completed = Study.objects.get(status="completed")
        assert completed.uptake == Uptake.PARTLY
        assert completed.partner is not None
        assert list(completed.needs.all()) == [first]
        assert StudyOutput.objects.filter(study=completed).count() == 1
        done = ResearchQuestion.objects.get(status=QuestionStatus.COMPLETED)
        assert done.need == second
        assert QuestionTaker.objects.get().student == world["dana"]
    # The completed topic's summary is on its need's public timeline.
    with translation.override("en"):
        page = client_for(None).get(second.get_absolute_url()).content.decode()
    assert "The student surveyed 120 residents" in page

    again = _community(world)
    build_research(again)
    assert again.b.created == Counter()
    with all_universities():
        assert Study.objects.count() == 3
        assert ResearchQuestion.objects.count() == 2
