"""The goals and targets as pages show them: titles in the reader's language and colours.

Read from the shipped taxonomy file once per process, so a form or a chart labels the 17
goals without a database query.
"""

from functools import lru_cache

from django.utils.translation import get_language

from qogam.sdg.tagger.training import taxonomy

GOALS = tuple(range(1, 18))


@lru_cache(maxsize=1)
def _goals() -> dict[int, dict]:
    return {g["number"]: g for g in taxonomy()["goals"]}


@lru_cache(maxsize=1)
def _targets() -> dict[str, dict]:
    return {t["code"]: t for t in taxonomy()["targets"]}


def _language(language: str | None) -> str:
    language = (language or get_language() or "kk")[:2]
    return language if language in ("kk", "ru", "en") else "en"


def goal_title(number: int, language: str | None = None) -> str:
    """The goal's short title ("Affordable and clean energy")."""
    return _goals()[int(number)]["short"][_language(language)]


def goal_full_title(number: int, language: str | None = None) -> str:
    return _goals()[int(number)]["title"][_language(language)]


def goal_colour(number: int) -> str:
    return _goals()[int(number)]["colour"]


def target_title(code: str, language: str | None = None) -> str:
    target = _targets().get(code)
    return target["title"][_language(language)] if target else ""


def is_target(code: str) -> bool:
    return code in _targets()


def goal_choices() -> list[tuple[int, str]]:
    """(number, "7 · Affordable and clean energy") in the reader's language, built per call."""
    return [(n, f"{n} · {goal_title(n)}") for n in GOALS]
