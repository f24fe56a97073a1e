"""The volunteering measures: volunteers, verified hours, service-learning, opportunities."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from qogam.accounts.models import Membership, User
from qogam.accounts.services import grant_membership
from qogam.core.enums import Role
from qogam.core.measures import MeasureScope, measure
from qogam.core.tenancy import all_universities, university_scope
from qogam.partners.tests.records import make_partner
from qogam.projects.tests.factories import make_project
from qogam.volunteering import (
    academic,
    measures,  # noqa: F401
    services,
)
from qogam.volunteering.models import HoursEntry, Shift
from qogam.volunteering.tests.records import make_opportunity, make_shift
from qogam.volunteering.tests.records_academic import at, make_course

pytestmark = pytest.mark.django_db


def scope_of(world, **values) -> MeasureScope:
    """The academic year 2026/27."""
    base = {
        "university_id": world["a"].pk,
        "starts_on": date(2026, 9, 1),
        "ends_on": date(2027, 8, 31),
    }
    return MeasureScope(**{**base, **values})


def counted(key, scope):
    found = measure(key)
    with university_scope(scope.university_id):
        value = found.value(scope)
        listed = list(found.provenance(scope))
        rows = [found.row(record) for record in listed]
        assert found.recount(listed) == value
    return value, rows


def student(world, name: str) -> User:
    with all_universities():
        user = User.objects.create_user(f"{name}@example.kz", "x", full_name=name.capitalize())
        grant_membership(actor=None, user=user, university=world["a"], role=Role.STUDENT, unit=None)
    world[name] = user
    return user


def entry(world, opportunity, name, starts_at, hours, status="verified", actor="erin"):
    """An hours entry of `name` on a new shift of `opportunity` that started at `starts_at`:
    the sign-up goes through the service on a future shift that is then moved into the past."""
    world["_offset"] = world.get("_offset", 0) + 5
    shift = make_shift(world, opportunity, actor=actor, in_hours=48 + world["_offset"], hours=2)
    sign_up = services.sign_up(student=world[name], shift=shift)
    with all_universities():
        Shift.objects.filter(pk=shift.pk).update(
            starts_at=starts_at, ends_at=starts_at + timedelta(hours=2)
        )
        return HoursEntry.objects.create(
            university=opportunity.university,
            sign_up=sign_up,
            shift=shift,
            student=world[name],
            hours=Decimal(str(hours)),
            status=status,
            rejection_reason="Not there." if status == "rejected" else "",
        )


@pytest.fixture
def records(world):
    for name in ("sam", "tom", "uma"):
        student(world, name)
    akimat = make_partner(world, name_kk="Akimat")
    project = make_project(world, title_en="Playground")  # SDGs 3 and 11
    park = make_opportunity(
        world,
        title_en="Park",
        unit=world["a_department"],
        partner=akimat,
        project=project,
        visibility="private",
    )
    school = make_opportunity(
        world,
        title_en="School",
        kind="outreach",
        unit=world["a_network_unit"],
        visibility="network",
    )
    entry(world, park, "dana", at(2026, 10, 1), 3)
    entry(world, park, "dana", at(2026, 11, 1), 2)  # dana again: one person, both hours
    entry(world, park, "dana", at(2026, 8, 31, 23), 7)  # the day before the period
    entry(world, school, "sam", at(2027, 1, 15), 4)
    entry(world, school, "tom", at(2027, 2, 1), 1, status="logged")
    entry(world, school, "uma", at(2027, 3, 1), 5, status="rejected")
    b_fair = make_opportunity(
        world, actor="charlie", university=world["b"], title_en="B fair", visibility="public"
    )
    entry(world, b_fair, "dana", at(2026, 10, 20), 6, actor="charlie")  # B's hours
    return {"park": park, "school": school, "b_fair": b_fair}


def test_verified_volunteers_counts_each_student_once(records, world):
    value, rows = counted("volunteering.verified_volunteers", scope_of(world))

    assert value == Decimal(2)
    assert [row.title for row in rows] == ["Dana · Park", "Dana · Park", "Sam · School"]
    assert rows[0].on == date(2026, 10, 1)
    assert rows[0].url == records["park"].get_absolute_url()


def test_verified_hours_sums_the_verified_hours(records, world):
    value, rows = counted("volunteering.verified_hours", scope_of(world))

    assert value == Decimal(9)
    assert [row.counted for row in rows] == [Decimal(3), Decimal(2), Decimal(4)]
    assert rows[0].detail == "3.00 h · Verified"


def test_verified_hours_of_b_are_b_s_own(records, world):
    scope = scope_of(world, university_id=world["b"].pk)

    assert counted("volunteering.verified_hours", scope)[0] == Decimal(6)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"kind": ("outreach",)}, 4),
        ({"kind": ("outreach", "community_service")}, 9),
        ({"sdg": ("3",)}, 5),  # the park's project
        ({"sdg": ("1",)}, 0),
        ({"partner_kind": ("akimat",)}, 5),
        ({"partner_kind": ("school",)}, 0),
    ],
)
def test_verified_hours_filters_narrow_the_sum(records, world, filters, expected):
    assert counted("volunteering.verified_hours", scope_of(world, filters=filters))[0] == expected


def test_verified_hours_of_a_unit_include_the_units_below(records, world):
    faculty = scope_of(world, filters={"unit": (str(world["a_faculty"].pk),)})
    network = scope_of(world, unit_ids=frozenset({world["a_network_unit"].pk}))

    assert counted("volunteering.verified_hours", faculty)[0] == Decimal(5)
    assert counted("volunteering.verified_hours", network)[0] == Decimal(4)


def test_student_volunteers_of_a_unit_are_its_students_on_any_units_opportunity(records, world):
    """dana studies in the department and volunteers in the park (the department's); sam
    studies in the network unit and tom in the department, and both volunteer at the school
    (the network unit's): the faculty's students are dana and tom, whichever unit offered
    the opportunity."""
    with all_universities():
        Membership.objects.filter(user=world["sam"]).update(unit=world["a_network_unit"])
        Membership.objects.filter(user=world["tom"]).update(unit=world["a_department"])
        HoursEntry.objects.filter(student=world["tom"]).update(status="verified")
    faculty = scope_of(world, filters={"unit": (str(world["a_faculty"].pk),)})
    network = scope_of(world, unit_ids=frozenset({world["a_network_unit"].pk}))

    value, rows = counted("volunteering.student_volunteers", faculty)
    assert value == Decimal(2)  # dana (park) and tom (school, offered by another unit)
    assert [row.title for row in rows] == ["Dana · Park", "Dana · Park", "Tom · School"]
    assert counted("volunteering.student_volunteers", network)[0] == Decimal(1)  # sam
    assert counted("volunteering.student_hours", faculty)[0] == Decimal(6)  # 3 + 2 + 1
    assert counted("volunteering.student_hours", network)[0] == Decimal(4)
    # The whole university: the same as the volunteers of its opportunities.
    assert counted("volunteering.student_volunteers", scope_of(world))[0] == Decimal(3)


def test_volunteers_count_logged_hours_but_not_rejected_ones(records, world):
    value, rows = counted("volunteering.volunteers", scope_of(world))

    assert value == Decimal(3)  # dana, sam, tom; not uma
    assert sorted({row.title for row in rows}) == ["Dana · Park", "Sam · School", "Tom · School"]


def test_service_learning_students_reached_the_hours_their_course_requires(records, world):
    general = make_course(world, code="SL1", required_hours=Decimal("10"))
    outreach = make_course(
        world,
        code="SL2",
        unit=world["a_network_unit"],
        required_hours=Decimal("4"),
        kinds=["outreach"],
    )
    for course, year, names in [
        (general, 2026, ["dana", "sam"]),  # dana: 3 + 2 + 6 at B = 11 of 10; sam: 4
        (outreach, 2026, ["sam", "dana"]),  # sam: 4 of 4 outreach; dana: none of that kind
        (general, 2025, ["tom"]),
    ]:
        emails = [world[name].email for name in names]
        academic.enrol(actor=world["erin"], course=course, academic_year=year, emails=emails)

    value, rows = counted("volunteering.service_learning_students", scope_of(world))
    assert value == Decimal(2)
    assert [row.title for row in rows] == [
        "Dana · SL1 Serving the community",
        "Sam · SL2 Serving the community",
    ]
    scope = scope_of(world, filters={"unit": (str(world["a_faculty"].pk),)})
    assert counted("volunteering.service_learning_students", scope)[0] == Decimal(1)
    earlier = scope_of(world, starts_on=date(2025, 9, 1), ends_on=date(2026, 8, 31))
    assert counted("volunteering.service_learning_students", earlier)[0] == Decimal(0)


def test_opportunities_count_open_and_closed_ones_with_a_shift_in_the_period(records, world):
    draft = make_opportunity(world, title_en="Draft", status="draft")
    later = make_opportunity(world, title_en="Later")
    for opportunity, starts_at in [(draft, at(2026, 10, 1)), (later, at(2027, 9, 1))]:
        shift = make_shift(world, opportunity)
        with all_universities():
            Shift.objects.filter(pk=shift.pk).update(
                starts_at=starts_at, ends_at=starts_at + timedelta(hours=2)
            )

    value, rows = counted("volunteering.opportunities", scope_of(world))
    assert value == Decimal(2)
    assert [(row.title, row.on) for row in rows] == [
        ("Park", date(2026, 10, 1)),
        ("School", date(2027, 1, 15)),
    ]
    scope = scope_of(world, filters={"visibility": ("network",), "kind": ("outreach",)})
    assert counted("volunteering.opportunities", scope)[0] == Decimal(1)


def test_verified_hours_filter_errors_name_unknown_filters_and_choices(world):
    errors = measure("volunteering.opportunities").filter_errors(
        {"sdg": ["3"], "visibility": ["secret"]}
    )

    assert errors == [
        "The measure “Volunteering opportunities” cannot be filtered by "
        "“Sustainable Development Goal”.",
        "“secret” is not a choice of the filter “visibility”.",
    ]
    assert measure("volunteering.verified_hours").filter_errors({"partner_kind": ["pub"]}) == [
        "“pub” is not a choice of the filter “partner kind”."
    ]


def test_verified_hours_rows_cost_a_constant_number_of_queries(
    world, django_assert_max_num_queries
):
    opportunity = make_opportunity(world, title_en="Many shifts")
    for n in range(20):
        entry(world, opportunity, "dana", at(2026, 10, 1 + n), 1)
    found = measure("volunteering.verified_hours")
    scope = scope_of(world)
    with university_scope(world["a"]), django_assert_max_num_queries(2):
        rows = [found.row(record) for record in found.provenance(scope)]

    assert len(rows) == 20
