"""The default demo, loaded once for this module (see conftest.demo_output), read by each test.

Each test runs in a savepoint inside the module's transaction, so what one test writes (a second
run of the command, say) is gone before the next.
"""

from collections import Counter

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import authenticate

from qogam.accounts.models import Membership, User
from qogam.core.enums import Role, Visibility
from qogam.core.i18n import translated
from qogam.core.tenancy import all_universities
from qogam.demo.builders import DEMO_PASSWORD
from qogam.demo.catalogue.universities import UNIVERSITIES
from qogam.demo.plans import SMALL, size_of
from qogam.demo.tests.support import SLUGS, load, table_counts
from qogam.organisations.enums import UnitKind
from qogam.organisations.models import Network, Unit, University


@pytest.mark.django_db
def test_load_demo_creates_three_universities_in_three_languages(demo_output):

    universities = list(University.objects.order_by("slug"))
    assert [u.slug for u in universities] == SLUGS
    for university in universities:
        for field in ("name", "short_name", "city", "description"):
            for code in ("kk", "ru", "en"):
                assert getattr(university, f"{field}_{code}").strip() != "", (field, code)
    network = Network.objects.get()
    assert [bool(network.name_kk), bool(network.name_ru), bool(network.name_en)] == [True] * 3
    assert {u.network_id for u in universities} == {network.pk}


@pytest.mark.django_db
def test_load_demo_grants_every_role_at_every_university(demo_output):

    with all_universities():
        held = set(Membership.objects.values_list("university__slug", "role"))
        network_admins = list(
            Membership.objects.filter(role=Role.NETWORK_ADMIN).values_list(
                "user__email", "university__slug"
            )
        )
    university_roles = set(Role) - {Role.NETWORK_ADMIN}
    for slug in SLUGS:
        assert {role for s, role in held if s == slug} - {Role.NETWORK_ADMIN} == university_roles
    assert network_admins == [("network@demo.qogam.kz", "astana-tech")]


@pytest.mark.django_db
def test_load_demo_logins_sign_in_with_the_demo_password(demo_output):
    output = demo_output

    expected = ["network@demo.qogam.kz"] + [
        f"{local}@{slug}.demo.qogam.kz"
        for slug in SLUGS
        for local in ("admin", "office", "coordinator", "staff", "student", "partner")
    ]
    for email in expected:
        assert authenticate(username=email, password=DEMO_PASSWORD) is not None, email
        assert email in output
    assert authenticate(username=expected[1], password="wrong-password") is None
    languages = Counter(User.objects.filter(email__in=expected).values_list("language", flat=True))
    assert languages == Counter({"kk": 12, "ru": 6, "en": 1})
    # The administration site opens for the administrators, and only for them.
    staff_site = set(User.objects.filter(is_staff=True).values_list("email", flat=True))
    assert staff_site == {"network@demo.qogam.kz"} | {
        f"admin@{slug}.demo.qogam.kz" for slug in SLUGS
    }


@pytest.mark.django_db
def test_load_demo_run_twice_creates_nothing_new(demo_output):
    first = table_counts()

    output = load()

    assert table_counts() == first
    assert "nothing created" in output
    assert "created 1 network, 3 universities, 45 units" not in output


@pytest.mark.django_db
def test_load_demo_default_scale_sizes_match_the_plan(demo_output):

    with all_universities():
        for spec in UNIVERSITIES:
            size = size_of(spec, SMALL)
            memberships = Membership.objects.filter(university__slug=spec.slug)
            assert Unit.objects.filter(university__slug=spec.slug).count() == size.units
            assert memberships.filter(role=Role.STAFF).count() == size.staff
            assert memberships.filter(role=Role.STUDENT).count() == size.students


@pytest.mark.django_db
def test_load_demo_units_mix_visibilities_at_every_university(demo_output):

    with all_universities():
        for slug in SLUGS:
            shown = Counter(
                Unit.objects.filter(university__slug=slug).values_list("visibility", flat=True)
            )
            assert set(shown) == set(Visibility), slug
            assert shown[Visibility.PUBLIC] > shown[Visibility.NETWORK] + shown[Visibility.PRIVATE]


@pytest.mark.django_db
def test_load_demo_faculties_have_two_to_four_departments(demo_output):

    with all_universities():
        faculties = Unit.objects.filter(kind=UnitKind.FACULTY)
        assert faculties.count() >= 6
        for faculty in faculties:
            departments = faculty.children.filter(kind=UnitKind.DEPARTMENT).count()
            assert 2 <= departments <= 4, faculty.name_en
        offices = Unit.objects.filter(kind=UnitKind.OFFICE)
        assert sorted(offices.values_list("university__slug", flat=True)) == SLUGS


@pytest.mark.django_db
def test_load_demo_english_names_left_empty_fall_back_visibly(demo_output):

    with all_universities():
        untranslated = Unit.objects.filter(name_en="")
        assert sorted(untranslated.values_list("university__slug", flat=True)) == [
            "almaty-state",
            "shymkent-agrarian",
        ]
        unit = untranslated.get(university__slug="almaty-state")
    shown = translated(unit, "name", "en")
    assert (shown.text, shown.language, shown.is_fallback) == (
        "Мемлекеттік тілді дамыту орталығы",
        "kk",
        True,
    )
    with all_universities():
        # Everything else has its English name.
        assert Unit.objects.exclude(name_en="").count() == Unit.objects.count() - 2


@pytest.mark.django_db
def test_load_demo_audit_entries_have_no_actor(demo_output):

    entries = LogEntry.objects.all()
    assert entries.count() > 0
    assert entries.filter(actor__isnull=False).count() == 0
