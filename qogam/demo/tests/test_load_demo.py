import random
from collections import Counter
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import authenticate
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction

from qogam.accounts.models import Invitation, Membership, User
from qogam.core.enums import Role, Visibility
from qogam.core.i18n import translated
from qogam.core.tenancy import all_universities
from qogam.demo import builders
from qogam.demo.builders import DEMO_PASSWORD
from qogam.demo.catalogue.universities import UNIVERSITIES
from qogam.demo.plans import LARGEST, SMALL, Size, parse_scale, plan_units, size_of
from qogam.needs.models import Comment, Need, NeedEvent, Support
from qogam.notifications.models import Notice
from qogam.organisations.enums import UnitKind
from qogam.organisations.models import Network, Unit, University
from qogam.partners.models import Agreement, Contact, PartnerOrganisation, PartnerSurvey

SLUGS = ["almaty-state", "astana-tech", "shymkent-agrarian"]


def load(*args, **options) -> str:
    out = StringIO()
    call_command("load_demo", *args, force=True, stdout=out, **options)
    return out.getvalue()


def table_counts() -> dict[str, int]:
    with all_universities():
        return {
            "networks": Network.objects.count(),
            "universities": University.objects.count(),
            "units": Unit.objects.count(),
            "people": User.objects.count(),
            "memberships": Membership.objects.count(),
            "invitations": Invitation.objects.count(),
            "notices": Notice.objects.count(),
            "audit entries": LogEntry.objects.count(),
            "partners": PartnerOrganisation.objects.count(),
            "contacts": Contact.objects.count(),
            "agreements": Agreement.objects.count(),
            "surveys": PartnerSurvey.objects.count(),
            "needs": Need.objects.count(),
            "need events": NeedEvent.objects.count(),
            "supports": Support.objects.count(),
            "comments": Comment.objects.count(),
        }


def unit_names(university_slug: str) -> list[tuple[str, str, str]]:
    with all_universities():
        return sorted(
            Unit.objects.filter(university__slug=university_slug).values_list(
                "name_kk", "name_ru", "name_en"
            )
        )


def students_count() -> int:
    with all_universities():
        return Membership.objects.filter(role=Role.STUDENT).count()


@pytest.mark.django_db
def test_load_demo_creates_three_universities_in_three_languages():
    load()

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
def test_load_demo_grants_every_role_at_every_university():
    load()

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
def test_load_demo_logins_sign_in_with_the_demo_password():
    output = load()

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
def test_load_demo_output_lists_logins_password_and_site_url(settings):
    settings.SITE_URL = "https://qogam.example"

    output = load()

    assert (
        "created 1 network, 3 universities, 45 units, 207 people, 184 memberships, "
        "6 invitations, 30 partners, 33 contacts, 18 agreements, 3 surveys, 29 needs."
    ) in output
    assert "University administrator  almaty-state" in output
    assert output.count(DEMO_PASSWORD) == 19  # one row per login
    assert "Sign in at https://qogam.example/kk/sign-in/" in output


@pytest.mark.django_db
def test_load_demo_run_twice_creates_nothing_new():
    load()
    first = table_counts()

    output = load()

    assert table_counts() == first
    assert "nothing created" in output
    assert "created 1 network, 3 universities, 45 units" not in output


@pytest.mark.django_db
def test_load_demo_run_twice_at_scale_three_creates_nothing_new():
    load("--scale", "3")
    first = table_counts()

    load("--scale", "3")

    assert table_counts() == first


@pytest.mark.django_db
def test_load_demo_scale_three_triples_the_students():
    small = sum(size_of(spec, SMALL).students for spec in UNIVERSITIES)

    load("--scale", "3")

    assert students_count() == 3 * small
    assert small == 60 + 45 + 30


@pytest.mark.django_db
def test_load_demo_default_scale_sizes_match_the_plan():
    load()

    with all_universities():
        for spec in UNIVERSITIES:
            size = size_of(spec, SMALL)
            memberships = Membership.objects.filter(university__slug=spec.slug)
            assert Unit.objects.filter(university__slug=spec.slug).count() == size.units
            assert memberships.filter(role=Role.STAFF).count() == size.staff
            assert memberships.filter(role=Role.STUDENT).count() == size.students


@pytest.mark.django_db
def test_load_demo_same_seed_gives_same_unit_names():
    def names_for(seed: int):
        with transaction.atomic():
            load("--seed", str(seed))
            names = {slug: unit_names(slug) for slug in SLUGS}
            people = sorted(User.objects.values_list("email", "full_name"))
            transaction.set_rollback(True)
        return names, people

    first = names_for(7)
    assert University.objects.count() == 0  # the first run was rolled back

    assert names_for(7) == first
    assert names_for(8) != first


@pytest.mark.django_db
def test_load_demo_units_mix_visibilities_at_every_university():
    load()

    with all_universities():
        for slug in SLUGS:
            shown = Counter(
                Unit.objects.filter(university__slug=slug).values_list("visibility", flat=True)
            )
            assert set(shown) == set(Visibility), slug
            assert shown[Visibility.PUBLIC] > shown[Visibility.NETWORK] + shown[Visibility.PRIVATE]


@pytest.mark.django_db
def test_load_demo_faculties_have_two_to_four_departments():
    load()

    with all_universities():
        faculties = Unit.objects.filter(kind=UnitKind.FACULTY)
        assert faculties.count() >= 6
        for faculty in faculties:
            departments = faculty.children.filter(kind=UnitKind.DEPARTMENT).count()
            assert 2 <= departments <= 4, faculty.name_en
        offices = Unit.objects.filter(kind=UnitKind.OFFICE)
        assert sorted(offices.values_list("university__slug", flat=True)) == SLUGS


@pytest.mark.django_db
def test_load_demo_english_names_left_empty_fall_back_visibly():
    load()

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
def test_load_demo_invitations_are_pending_and_emailed_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load()
    with django_capture_on_commit_callbacks(execute=True):
        load()

    with all_universities():
        invitations = list(Invitation.objects.select_related("university", "invited_by"))
    assert len(invitations) == 6
    assert all(invitation.is_open for invitation in invitations)
    assert {(i.university.slug, i.invited_by.email) for i in invitations} == {
        (slug, f"admin@{slug}.demo.qogam.kz") for slug in SLUGS
    }
    # Besides the invitations, each university's anonymous need asks, once, for its e-mail
    # to be confirmed; the workflow's notices to the demo logins are not e-mailed.
    anonymous = [f"neighbour-08@{slug}.demo.qogam.kz" for slug in SLUGS]
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [i.email for i in invitations] + anonymous
    )


@pytest.mark.django_db
def test_load_demo_audit_entries_have_no_actor():
    load()

    entries = LogEntry.objects.all()
    assert entries.count() > 0
    assert entries.filter(actor__isnull=False).count() == 0


@pytest.mark.django_db
def test_load_demo_failure_leaves_nothing_behind(monkeypatch):
    def broken_invitation(**kwargs):
        raise RuntimeError("mail server on fire")

    monkeypatch.setattr(builders, "invite_person", broken_invitation)

    with pytest.raises(RuntimeError, match="on fire"):
        load()

    assert set(table_counts().values()) == {0}


@pytest.mark.django_db
def test_load_demo_without_debug_refuses(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", stdout=StringIO())

    assert University.objects.count() == 0


@pytest.mark.django_db
def test_load_demo_with_debug_runs_without_force(settings):
    settings.DEBUG = True

    call_command("load_demo", stdout=StringIO())

    assert University.objects.count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize("scale", ["huge", "0", "-2", "nan"])
def test_load_demo_bad_scale_is_refused(scale):
    with pytest.raises(CommandError, match="--scale takes a positive number"):
        load("--scale", scale)


def test_parse_scale_names_and_numbers():
    assert parse_scale("small") == SMALL
    assert parse_scale("largest") == LARGEST
    assert parse_scale("10") == Size(units=200, staff=160, students=600)
    assert parse_scale("0.5") == Size(units=10, staff=8, students=30)


def test_size_of_largest_university_is_the_benchmark_size():
    sizes = {spec.slug: size_of(spec, LARGEST) for spec in UNIVERSITIES}

    assert sizes["almaty-state"] == Size(units=300, staff=5_000, students=60_000)
    assert sizes["shymkent-agrarian"] == Size(units=150, staff=2_500, students=30_000)


def test_plan_units_at_benchmark_size_fills_with_laboratories():
    spec = UNIVERSITIES[0]

    planned = plan_units(spec, 300, random.Random(1))  # noqa: S311 -- a test's dice

    assert len(planned) == 300
    keys = [unit.key for unit in planned]
    assert len(set(keys)) == 300
    assert len({(unit.kind, unit.name.kk) for unit in planned}) == 300
    kinds = Counter(unit.kind for unit in planned)
    assert kinds[UnitKind.OFFICE] == 1
    assert kinds[UnitKind.FACULTY] == len(spec.faculties)
    assert kinds[UnitKind.OTHER] > 200
    # Parents always come before their children, so they can be written in order.
    seen = set()
    for unit in planned:
        assert unit.parent is None or unit.parent in seen
        seen.add(unit.key)


def test_plan_units_never_below_the_minimum():
    planned = plan_units(UNIVERSITIES[2], 1, random.Random(1))  # noqa: S311 -- a test's dice

    kinds = Counter(unit.kind for unit in planned)
    assert kinds == Counter(
        {UnitKind.OFFICE: 1, UnitKind.CENTRE: 2, UnitKind.FACULTY: 1, UnitKind.DEPARTMENT: 2}
    )
