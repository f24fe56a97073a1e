"""Writes for the SDG app."""

import re
from dataclasses import dataclass

from django.db import transaction

from qogam.sdg.models import Goal, Target
from qogam.sdg.tagger.training import taxonomy

LANGUAGES = ("kk", "ru", "en")


@dataclass(frozen=True)
class SyncSummary:
    goals_created: int
    targets_created: int
    updated: int


def _position(code: str) -> int:
    part = code.split(".")[1]
    # Numbered targets first, then the lettered "means of implementation" (a=101, b=102 …).
    return int(part) if part.isdigit() else 100 + ord(part[0]) - ord("a") + 1


@transaction.atomic
def sync_taxonomy(
    *, goal_model: type[Goal] = Goal, target_model: type[Target] = Target
) -> SyncSummary:
    """Create or update the 17 goals and 169 targets from data/taxonomy.json (idempotent).

    The taxonomy is the UN's, shared by every university, so there is no actor to audit.
    The data migration passes its historical models.
    """
    data = taxonomy()
    goals_created = targets_created = updated = 0
    goals: dict[int, Goal] = {}
    for g in data["goals"]:
        values = {"colour": g["colour"]}
        for lang in LANGUAGES:
            values[f"short_title_{lang}"] = g["short"][lang]
            values[f"title_{lang}"] = g["title"][lang]
        values["short_title"], values["title"] = g["short"]["en"], g["title"]["en"]
        goal, created = goal_model.objects.get_or_create(number=g["number"], defaults=values)
        if created:
            goals_created += 1
        elif any(getattr(goal, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(goal, k, v)
            goal.save()
            updated += 1
        goals[goal.number] = goal
    for t in data["targets"]:
        if not re.fullmatch(r"\d{1,2}\.[0-9a-z]{1,2}", t["code"]):
            raise ValueError(f"Bad target code in taxonomy.json: {t['code']!r}")
        values = {"goal": goals[t["goal"]], "position": _position(t["code"])}
        for lang in LANGUAGES:
            values[f"title_{lang}"] = t["title"][lang]
        values["title"] = t["title"]["en"]
        target, created = target_model.objects.get_or_create(code=t["code"], defaults=values)
        if created:
            targets_created += 1
        elif any(getattr(target, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(target, k, v)
            target.save()
            updated += 1
    return SyncSummary(goals_created, targets_created, updated)
