"""Personas shared by every test.

University A ("aqtobe-tech"): alice (university admin), erin (third-mission office),
cora (coordinator of A's faculty), bob (staff), dana (student), pavel (partner representative).
University B ("baikonur-state"): charlie (university admin), bianca (staff).
nora administers the network. A's and B's units include private, network and public ones,
so every "charlie cannot see A's data" test has data that could leak.
"""

import pytest
from django.utils import translation

from qogam.accounts.models import User
from qogam.accounts.services import grant_membership
from qogam.core.enums import Role, Visibility
from qogam.core.tenancy import all_universities
from qogam.organisations.models import Network, Unit, University

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def english_by_default():
    """Messages are asserted in English unless a test picks a language itself; outside a
    request Django would otherwise use LANGUAGE_CODE (Kazakh), and which test ran first
    would decide what a service's error says."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploads made by tests land in the test's own folder, never in var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


def make_user(email: str, name: str, language: str = "en") -> User:
    return User.objects.create_user(email, PASSWORD, full_name=name, language=language)


def make_unit(university, name: str, *, kind="faculty", parent=None, visibility=Visibility.PRIVATE):
    unit = Unit(
        university=university,
        kind=kind,
        name_kk=f"{name} (kk)",
        name_ru=f"{name} (ru)",
        name_en=name,
        parent=parent,
        visibility=visibility,
    )
    unit.full_clean()
    unit.save()
    return unit


@pytest.fixture
def world(db):
    """Two universities with units of every visibility, and a persona for every role."""
    with all_universities():
        network = Network.objects.create(name_kk="Желі", name_ru="Сеть", name_en="Test network")
        a = University.objects.create(
            network=network,
            slug="aqtobe-tech",
            name_kk="Ақтөбе техникалық университеті",
            name_ru="Актюбинский технический университет",
            name_en="Aqtobe Technical University",
        )
        b = University.objects.create(
            network=network,
            slug="baikonur-state",
            name_kk="Байқоңыр мемлекеттік университеті",
            name_ru="Байконурский государственный университет",
            name_en="Baikonur State University",
        )
        a_faculty = make_unit(a, "A Faculty of Science", visibility=Visibility.PUBLIC)
        a_department = make_unit(a, "A Department of Physics", kind="department", parent=a_faculty)
        a_network_unit = make_unit(
            a, "A Network Institute", kind="institute", visibility=Visibility.NETWORK
        )
        b_private = make_unit(b, "B Secret Laboratory", kind="centre")
        b_network = make_unit(b, "B Network Centre", kind="centre", visibility=Visibility.NETWORK)
        b_public = make_unit(b, "B Faculty of Arts", visibility=Visibility.PUBLIC)

        people = {
            "alice": (a, Role.UNIVERSITY_ADMIN, None),
            "erin": (a, Role.OFFICE, None),
            "cora": (a, Role.UNIT_COORDINATOR, a_faculty),
            "bob": (a, Role.STAFF, a_department),
            "dana": (a, Role.STUDENT, a_department),
            "pavel": (a, Role.PARTNER, None),
            "charlie": (b, Role.UNIVERSITY_ADMIN, None),
            "bianca": (b, Role.STAFF, b_private),
            "nora": (b, Role.NETWORK_ADMIN, None),
        }
        users = {}
        for name, (university, role, unit) in people.items():
            user = make_user(f"{name}@example.kz", name.capitalize())
            grant_membership(actor=None, user=user, university=university, role=role, unit=unit)
            users[name] = user
    return {
        "network": network,
        "a": a,
        "b": b,
        "a_faculty": a_faculty,
        "a_department": a_department,
        "a_network_unit": a_network_unit,
        "b_private": b_private,
        "b_network": b_network,
        "b_public": b_public,
        **users,
    }


@pytest.fixture
def client_for(client):
    """`client_for(user)`: the test client signed in as that person (None: anonymous)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
