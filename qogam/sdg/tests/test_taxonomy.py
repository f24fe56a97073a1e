import pytest
from auditlog.models import LogEntry
from django.core.management import call_command

from qogam.core.tenancy import university_scope
from qogam.sdg.models import Goal, LocalTarget, Target
from qogam.sdg.services import sync_taxonomy

pytestmark = pytest.mark.django_db


def test_taxonomy_loaded_by_migration_in_three_languages():
    assert Goal.objects.count() == 17
    assert Target.objects.count() == 169
    goal = Goal.objects.get(number=4)
    assert (goal.short_title_en, goal.short_title_ru, goal.short_title_kk) == (
        "Quality education",
        "Качественное образование",
        "Сапалы білім беру",
    )
    assert goal.colour == "#C5192D"
    assert Target.objects.filter(title_kk="").count() == 0
    assert Target.objects.filter(title_ru="").count() == 0


def test_target_order_puts_letters_after_numbers():
    codes = list(Target.objects.filter(goal__number=4).values_list("code", flat=True))
    assert codes == ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.a", "4.b", "4.c"]


def test_sync_taxonomy_twice_changes_nothing():
    summary = sync_taxonomy()
    assert (summary.goals_created, summary.targets_created, summary.updated) == (0, 0, 0)
    Goal.objects.filter(number=7).update(colour="#000000")
    assert sync_taxonomy().updated == 1
    assert Goal.objects.get(number=7).colour == "#FCC30B"


def test_sync_sdg_taxonomy_command_reports_counts(capsys):
    call_command("sync_sdg_taxonomy")
    assert capsys.readouterr().out.strip() == "goals created: 0, targets created: 0, updated: 0"


def test_local_target_belongs_to_its_university(world):
    with university_scope(world["a"]):
        LocalTarget.objects.create(
            university=world["a"], target=Target.objects.get(code="4.7"), code="4.7.AT-1",
            title_en="Every student takes a sustainability course",
        )  # fmt: skip
        assert LocalTarget.objects.count() == 1
        local = LocalTarget.objects.get()
        assert LogEntry.objects.get_for_object(local).count() == 1
    with university_scope(world["b"]):
        assert LocalTarget.objects.count() == 0
