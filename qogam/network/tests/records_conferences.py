"""Conferences, resolutions and responses for tests, written through the services."""

from datetime import date

from qogam.core.tenancy import all_universities
from qogam.network.enums import MembershipStatus
from qogam.network.models import NetworkMembership
from qogam.network.services import conferences as services

# Distinctive strings: a page that shows one to charlie has leaked A's response.
SECRET_NOTE = "A Secret Response Note"

RECOMMENDATIONS = [
    {
        "text_kk": "Үшінші миссияны өз қызметінде іске асыру",
        "text_ru": "Реализовывать третью миссию высшего образования в своей деятельности",
        "text_en": "To implement the third mission of higher education in their activities",
    },
    {
        "text_kk": "Еріктілер қозғалысын дамыту",
        "text_ru": "Развивать волонтёрское движение среди студентов",
        "text_en": "Fully develop the volunteer movement among students",
    },
    {
        "text_kk": "Қала мен өңірдің дамуын зерттеу",
        "text_ru": "Проводить исследования развития города и региона",
        "text_en": "To conduct research on the development of the city, region",
    },
]


def make_membership(world, university_key: str, status=MembershipStatus.ACTIVE):
    """The university's place in the network, created or set to `status`."""
    with all_universities():
        membership, _created = NetworkMembership.objects.update_or_create(
            university=world[university_key],
            defaults={"network": world["network"], "status": status},
        )
    return membership


def make_conference(world, actor="nora", *, is_public=False, **values):
    base = {
        "title_kk": "Жоғары білім миссиясындағы жаңа әлеуметтік өлшем",
        "title_ru": "Новое социальное измерение в миссии высшего образования",
        "title_en": "New social dimension in the mission of higher education",
        "starts_on": date(2019, 10, 30),
        "ends_on": date(2019, 10, 30),
        "place": "Astana",
        "host_university": world["a"],
        "is_public": is_public,
    }
    base.update(values)
    return services.create_conference(actor=world[actor], values=base)


def make_resolution(world, conference, actor="nora", recommendations=None):
    return services.adopt_resolution(
        actor=world[actor],
        conference=conference,
        values={
            "title_kk": "Конференция қарары",
            "title_ru": "Резолюция конференции",
            "title_en": "Resolution of the conference",
            "adopted_on": conference.ends_on,
        },
        recommendations=RECOMMENDATIONS if recommendations is None else recommendations,
    )


def a_conference_records(world) -> dict:
    """A members-only conference hosted by A, with a resolution of three recommendations, A
    and B active members, and A's response to the first recommendation with a secret note;
    made once per `world`."""
    if "_conference_records" not in world:
        make_membership(world, "a")
        make_membership(world, "b")
        conference = make_conference(world)
        section = services.add_section(
            actor=world["nora"],
            conference=conference,
            values={"title_kk": "Пленарлық отырыс", "title_en": "Plenary session"},
        )
        participant = services.add_participant(
            actor=world["nora"],
            conference=conference,
            values={"name": "Alice", "university": world["a"], "role": "speaker"},
        )
        resolution = make_resolution(world, conference)
        first = resolution.recommendations.get(number=1)
        response = services.record_response(
            actor=world["erin"],
            recommendation=first,
            university=world["a"],
            status="in_progress",
            note=SECRET_NOTE,
        )
        world["_conference_records"] = {
            "conference": conference,
            "section": section,
            "participant": participant,
            "resolution": resolution,
            "recommendation": first,
            "response": response,
        }
    return world["_conference_records"]
