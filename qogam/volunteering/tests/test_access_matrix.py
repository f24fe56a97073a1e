"""The role × action matrix for volunteering, from one data file."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from qogam.core.tenancy import all_universities
from qogam.core.visibility import viewer_of
from qogam.partners.models import Contact, PartnerOrganisation
from qogam.volunteering import hours, queries, services
from qogam.volunteering.tests.records import make_opportunity, make_shift
from qogam.volunteering.tests.records_hours import past_sign_ups

MATRIX = json.loads((Path(__file__).parent / "data" / "access_matrix.json").read_text())


@pytest.fixture
def records(world):
    with all_universities():
        partner = PartnerOrganisation.objects.create(
            university=world["a"], name_kk="Серіктес", name_en="Partner NGO", kind="ngo"
        )
        Contact.objects.create(
            university=world["a"],
            organisation=partner,
            full_name="Pavel",
            user=world["pavel"],
            is_representative=True,
        )
    private = make_opportunity(world, unit=world["a_department"], partner=partner)
    public = make_opportunity(world, unit=world["a_network_unit"], visibility="public")
    draft = make_opportunity(world, status="draft")
    return {
        "private": private,
        "public": public,
        "draft": draft,
        "private_shift": make_shift(world, private),
        "public_shift": make_shift(world, public, in_hours=200),
    }


def _reads(user, record) -> bool:
    return queries.opportunities_visible_to(viewer_of(user)).filter(pk=record.pk).exists() and (
        user.has_perm("volunteering.view_opportunity", record)
    )


def _signs_up(user, shift) -> bool:
    try:
        services.sign_up(student=user, shift=shift)
    except (PermissionDenied, ValidationError):
        return False
    return True


def _hours_entry(world, records):
    if "hours_entry" not in records:
        _shift, (sign_up,) = past_sign_ups(world, records["private"])
        records["hours_entry"] = hours.log_hours(student=world["dana"], sign_up=sign_up, hours="2")
    return records["hours_entry"]


def _verifies(user, entry) -> bool:
    try:
        hours.verify_hours(actor=user, entry=entry)
    except PermissionDenied:
        return False
    except ValidationError:  # allowed, but someone before decided it already
        return True
    return True


def _corrects(user, entry) -> bool:
    try:
        hours.correct_hours(actor=user, entry=entry, hours="1.5", reason="Checked the list.")
    except PermissionDenied:
        return False
    except ValidationError:  # allowed, but someone before decided it already
        return True
    return True


def _check(world, records, action: str, user) -> bool:
    checks = {
        "view the private opportunity": lambda: _reads(user, records["private"]),
        "view the public opportunity": lambda: _reads(user, records["public"]),
        "view the draft": lambda: _reads(user, records["draft"]),
        "manage the private opportunity": lambda: user.has_perm(
            "volunteering.manage_opportunity", records["private"]
        ),
        "manage the public opportunity": lambda: user.has_perm(
            "volunteering.manage_opportunity", records["public"]
        ),
        "read the private roster": lambda: user.has_perm(
            "volunteering.view_roster", records["private"]
        ),
        "delete the private opportunity": lambda: user.has_perm(
            "volunteering.delete_opportunity", records["private"]
        ),
        "create opportunities somewhere": lambda: user.has_perm(
            "volunteering.create_opportunities"
        ),
        "create opportunities at A": lambda: user.has_perm(
            "volunteering.create_opportunity_at", world["a"]
        ),
        "sign up for the private one": lambda: _signs_up(user, records["private_shift"]),
        "sign up for the public one": lambda: _signs_up(user, records["public_shift"]),
        # Hours: dana's logged hours on a shift of the private opportunity that has ended.
        "read dana's hours on the private one": lambda: user.has_perm(
            "volunteering.view_hoursentry", _hours_entry(world, records)
        ),
        "verify dana's hours on the private one": lambda: _verifies(
            user, _hours_entry(world, records)
        ),
        "see dana's hours in the queue": lambda: (
            hours.hours_awaiting(user).filter(pk=_hours_entry(world, records).pk).exists()
        ),
        "correct dana's hours on the private one": lambda: _corrects(
            user, _hours_entry(world, records)
        ),
    }
    return checks[action]()


@pytest.mark.parametrize("action", sorted(MATRIX["actions"]))
def test_access_matrix_allows_exactly_the_listed_personas(world, records, action):
    allowed = {
        name
        for name in MATRIX["personas"]
        if _check(world, records, action, AnonymousUser() if name == "anonymous" else world[name])
    }
    assert allowed == set(MATRIX["actions"][action])
