import random
from collections import Counter
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction

from qogam.accounts.models import Invitation, User
from qogam.core.tenancy import all_universities
from qogam.demo import builders
from qogam.demo.builders import DEMO_PASSWORD
from qogam.demo.catalogue.universities import UNIVERSITIES
from qogam.demo.plans import LARGEST, SMALL, Size, parse_scale, plan_units, size_of
from qogam.demo.tests.support import SLUGS, load, students_count, table_counts, unit_names
from qogam.needs.models import Need
from qogam.organisations.enums import UnitKind
from qogam.organisations.models import University
from qogam.partners.models import PartnerOrganisation
from qogam.partners.validators import bin_is_valid
from qogam.volunteering import hours
from qogam.volunteering.enums import HoursStatus
from qogam.volunteering.models import HoursEntry, SignUp


@pytest.mark.django_db
def test_load_demo_output_lists_logins_password_and_site_url(settings):
    settings.SITE_URL = "https://qogam.example"

    output = load()

    assert (
        "created 1 network, 3 universities, 45 units, 207 people, 184 memberships, "
        "6 invitations, 30 partners, 33 contacts, 18 agreements, 3 surveys, 29 needs, "
        "9 projects, 27 project participants, 3 project updates, 6 councils, 18 council members, "
        "6 council meetings, 12 council decisions, 9 studies, 6 science-shop topics, "
        "15 media pieces, 3 volunteering opportunities, 18 sign-ups, 9 hours entries, "
        "3 certificates, 3 programmes, 3 courses, 9 enrolments, 4 strategies, "
        "20 strategy measures, 21 third-mission functions, 12 qualification profiles, "
        "3 staff assignments, 54 indicator targets, 27 published indicators, "
        "21 entered indicator values, "
        "6 self-assessments, 3 indicator snapshots, 3 network members, "
        "1 pack shared in the network, 9 indicators shared with the network, 3 good practices, "
        "1 adoption of a practice, 1 joint project, 3 parts of joint projects, 1 conference, "
        "4 conference sections, 4 conference participants, 1 resolution, 9 recommendations, "
        "27 responses to recommendations, 32 SDG suggestions to review."
    ) in output
    assert "University administrator  almaty-state" in output
    assert output.count(DEMO_PASSWORD) == 19  # one row per login
    assert "Sign in at https://qogam.example/kk/sign-in/" in output


@pytest.mark.django_db
def test_load_demo_scale_three_grows_and_run_twice_creates_nothing_new():
    small = sum(size_of(spec, SMALL).students for spec in UNIVERSITIES)

    load("--scale", "3")
    first = table_counts()

    assert students_count() == 3 * small
    assert small == 60 + 45 + 30
    with all_universities():
        almaty_partners = PartnerOrganisation.objects.filter(university__slug="almaty-state")
        almaty_needs = Need.objects.filter(university__slug="almaty-state")
        assert almaty_partners.count() == 29  # 16 staff x 3 x 0.6
        assert almaty_needs.count() == 36  # 60 students x 3 x 0.2
        assert all(
            bin_is_valid(b) for b in PartnerOrganisation.objects.values_list("bin", flat=True)
        )
        extra = almaty_needs.filter(state="published")
        assert extra.count() > 4
        assert all(need.events.count() >= 2 for need in extra)
        sample = PartnerOrganisation.objects.filter(name_kk__startswith="№ 201").first()
        assert sample is not None and sample.name_en == "Secondary School No. 201"

    load("--scale", "3")

    assert table_counts() == first


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
    # to be confirmed, and the demo students who signed up for a shift get their confirmation
    # once; the workflow's notices to the demo logins are not e-mailed.
    anonymous = [f"neighbour-08@{slug}.demo.qogam.kz" for slug in SLUGS]
    # Every sign-up is confirmed once, and the hours each university's third volunteer logged
    # go to those who verify them, each with their own link.
    with all_universities():
        volunteers = list(SignUp.objects.values_list("student__email", flat=True))
        verifiers = [
            verifier.email
            for entry in HoursEntry.objects.filter(status=HoursStatus.LOGGED)
            for verifier in hours.verifiers_of(entry.shift.opportunity)
        ]
    assert len(volunteers) == 18
    assert len(verifiers) >= 3
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [i.email for i in invitations] + anonymous + volunteers + verifiers
    )


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
