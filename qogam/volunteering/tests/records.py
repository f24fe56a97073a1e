"""Volunteering records for tests, made through the services."""

from datetime import timedelta

from django.utils import timezone

from qogam.volunteering import services

# A distinctive string: a page or an API answer that shows it to charlie has leaked.
SECRET_OPPORTUNITY = "A Secret Volunteering Opportunity"

VALUES = {
    "kind": "community_service",
    "title_kk": "Балалар үйіне көмек",
    "title_ru": "Помощь детскому дому",
    "title_en": "Helping the children's home",
    "description_en": "Reading, games and homework help.",
    "location": "Aqtobe, Abai avenue 1",
    "status": "open",
}


def make_opportunity(world, actor="erin", university=None, **values):
    return services.save_opportunity(
        actor=world[actor], university=university or world["a"], values={**VALUES, **values}
    )


def make_shift(world, opportunity, actor="erin", *, in_hours=72, hours=3, **values):
    starts = timezone.now() + timedelta(hours=in_hours)
    base = {"starts_at": starts, "ends_at": starts + timedelta(hours=hours), "capacity": 2}
    base.update(values)
    return services.save_shift(actor=world[actor], opportunity=opportunity, values=base)


def a_volunteering_records(world) -> dict:
    """A's private open opportunity with a shift and dana's sign-up; made once per `world`."""
    if "_volunteering_records" not in world:
        opportunity = make_opportunity(world, title_en=SECRET_OPPORTUNITY, visibility="private")
        shift = make_shift(world, opportunity)
        sign_up = services.sign_up(student=world["dana"], shift=shift)
        world["_volunteering_records"] = {
            "opportunity": opportunity,
            "shift": shift,
            "sign_up": sign_up,
        }
    return world["_volunteering_records"]
