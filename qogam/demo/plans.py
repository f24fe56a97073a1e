"""What the demo will contain, decided before anything is written: sizes, unit trees, names.

Pure functions of a size and a random generator, so the same seed plans the same network.
"""

import math
import random
from dataclasses import dataclass, replace

from qogam.core.enums import Visibility
from qogam.demo.catalogue import NO_SHORT_NAME, Text, names
from qogam.demo.catalogue import units as unit_catalogue
from qogam.demo.catalogue.units import UnitSpec
from qogam.demo.catalogue.universities import UniversitySpec
from qogam.organisations.enums import UnitKind


@dataclass(frozen=True)
class Size:
    """How big the largest demo university is; the others are a share of it."""

    units: int
    staff: int
    students: int

    def times(self, factor: float) -> "Size":
        return Size(
            units=round(self.units * factor),
            staff=round(self.staff * factor),
            students=round(self.students * factor),
        )


SMALL = Size(units=20, staff=16, students=60)
# The largest university the platform is benchmarked for.
LARGEST = Size(units=300, staff=5_000, students=60_000)
NAMED_SCALES = {"small": SMALL, "medium": SMALL.times(10), "largest": LARGEST}
# An office, two signature units and one faculty with two departments.
MIN_UNITS = 6


def parse_scale(value: str) -> Size:
    """`small`, `medium`, `largest`, or a positive number that multiplies `small`."""
    named = NAMED_SCALES.get(value.strip().lower())
    if named is not None:
        return named
    try:
        factor = float(value)
    except ValueError:
        factor = math.nan
    if not (math.isfinite(factor) and factor > 0):
        raise ValueError(
            f"--scale takes a positive number or one of {', '.join(NAMED_SCALES)}; got {value!r}."
        )
    return SMALL.times(factor)


def size_of(spec: UniversitySpec, largest: Size) -> Size:
    """The size of one university: its weight's share of the largest."""
    return Size(
        units=max(MIN_UNITS, round(largest.units * spec.weight)),
        staff=max(1, round(largest.staff * spec.weight)),
        students=max(1, round(largest.students * spec.weight)),
    )


# Every university has its catalogue's partners and needs at least; larger scales add more
# in proportion to the staff (partners) and the students (needs).
MIN_PARTNERS = 10
MIN_NEEDS = 8


def community_of(size: Size) -> tuple[int, int]:
    """How many partners and needs a university of this size has."""
    return max(MIN_PARTNERS, round(size.staff * 0.6)), max(MIN_NEEDS, round(size.students * 0.2))


@dataclass(frozen=True)
class PlannedUnit:
    key: str
    kind: str
    name: Text
    short_name: Text
    parent: str | None
    visibility: str


_PUBLIC, _NETWORK, _PRIVATE = Visibility.PUBLIC, Visibility.NETWORK, Visibility.PRIVATE


def _visibility(rng: random.Random, weights: tuple[int, int, int]) -> str:
    return rng.choices((_PUBLIC, _NETWORK, _PRIVATE), weights=weights)[0]


def _planned(spec: UnitSpec, visibility: str, parent: str | None = None) -> PlannedUnit:
    return PlannedUnit(spec.key, spec.kind, spec.name, spec.short_name, parent, visibility)


def plan_units(spec: UniversitySpec, count: int, rng: random.Random) -> list[PlannedUnit]:
    """A university's unit tree of exactly `count` units (at least MIN_UNITS), parents first.

    The third-mission office and the university's signature units come first, then its
    faculties (each with two to four departments) with shared institutes and centres between
    them, then research laboratories under the departments when a large scale wants more.
    """
    count = max(count, MIN_UNITS)
    units = [_planned(unit_catalogue.THIRD_MISSION_OFFICE, _PUBLIC)]
    units += [_planned(unit, _PUBLIC) for unit in spec.signature_units]
    extras = list(unit_catalogue.SHARED_INSTITUTES)
    rng.shuffle(extras)
    departments: list[PlannedUnit] = []

    for number, key in enumerate(spec.faculties, start=1):
        room = count - len(units)
        if room < 3:
            break
        faculty = unit_catalogue.FACULTIES[key]
        wanted = min(rng.randint(2, 4), room - 1)
        picked = sorted(rng.sample(range(len(faculty.departments)), wanted))
        units.append(
            PlannedUnit(
                f"faculty:{key}", UnitKind.FACULTY, faculty.name, faculty.short_name, None, _PUBLIC
            )
        )
        for index in picked:
            department = _planned(
                faculty.departments[index], _visibility(rng, (7, 2, 1)), f"faculty:{key}"
            )
            units.append(department)
            departments.append(department)
        if number % 2 == 0 and extras and len(units) < count:
            units.append(_planned(extras.pop(), _visibility(rng, (6, 3, 1))))

    while extras and len(units) < count:
        units.append(_planned(extras.pop(), _visibility(rng, (6, 3, 1))))

    topics = list(enumerate(unit_catalogue.LABORATORY_TOPICS))
    rng.shuffle(topics)
    made = 0
    while len(units) < count:
        topic_index, topic = topics[made % len(topics)]
        number = made // len(topics) + 1
        units.append(
            PlannedUnit(
                f"laboratory:{topic_index}:{number}",
                UnitKind.OTHER,
                unit_catalogue.laboratory_name(topic, number),
                NO_SHORT_NAME,
                departments[made % len(departments)].key,
                _visibility(rng, (2, 5, 3)),
            )
        )
        made += 1
    return _with_mixed_visibility(units, departments)


def _with_mixed_visibility(units: list[PlannedUnit], departments: list[PlannedUnit]):
    """Every university shows a network-only and a private unit, whatever the dice said."""
    shown = {unit.visibility for unit in units}
    changes = {}
    if _NETWORK not in shown:
        changes[departments[0].key] = _NETWORK
    if _PRIVATE not in shown:
        changes[departments[-1].key] = _PRIVATE
    return [
        replace(unit, visibility=changes[unit.key]) if unit.key in changes else unit
        for unit in units
    ]


_ORIGINS = ("kazakh", "russian", "korean", "uzbek")


def invent_person(rng: random.Random, mix: tuple[float, float, float, float]) -> tuple[str, str]:
    """A believable full name and the person's interface language (kk or ru)."""
    origin = rng.choices(_ORIGINS, weights=mix)[0]
    woman = rng.random() < 0.55
    if origin == "kazakh":
        first = rng.choice(names.KAZAKH_WOMEN if woman else names.KAZAKH_MEN)
        family = rng.choice(names.KAZAKH_FAMILIES)
        language = "kk" if rng.random() < 0.85 else "ru"
    elif origin == "uzbek":
        first = rng.choice(names.UZBEK_WOMEN if woman else names.UZBEK_MEN)
        family = rng.choice(names.UZBEK_FAMILIES)
        language = rng.choice(("kk", "ru"))
    else:
        first = rng.choice(names.RUSSIAN_WOMEN if woman else names.RUSSIAN_MEN)
        families = names.RUSSIAN_FAMILIES if origin == "russian" else names.KOREAN_FAMILIES
        family = rng.choice(families)
        language = "ru"
    if woman:
        family = names.feminine(family)
    return f"{first} {family}", language
