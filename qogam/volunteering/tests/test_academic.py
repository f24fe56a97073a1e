"""The academic link's services and reads: programmes, courses, enrolment and progress."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_user
from qogam.accounts.services import grant_membership
from qogam.core.enums import Role
from qogam.core.tenancy import all_universities
from qogam.volunteering import academic
from qogam.volunteering.models import Course, Enrolment, HoursEntry
from qogam.volunteering.tests.records_academic import (
    at,
    make_course,
    make_programme,
    verified_hours,
)


def _student(world, name="sam", university="a"):
    user = make_user(f"{name}@example.kz", name.capitalize())
    grant_membership(actor=None, user=user, university=world[university], role=Role.STUDENT)
    world[name] = user
    return user


def _enrolments():
    with all_universities():
        return list(Enrolment.objects.order_by("pk").values_list("student__email", flat=True))


# --- Programmes and courses ------------------------------------------------------------------


def test_save_programme_needs_the_kazakh_name(world):
    with pytest.raises(ValidationError) as caught:
        make_programme(world, name_kk="")
    assert "name_kk" in caught.value.error_dict


def test_save_programme_refuses_a_code_used_at_the_university(world):
    make_programme(world, code="6B01")
    with pytest.raises(ValidationError) as caught:
        make_programme(world, code="6B01", name_en="Another")
    assert "The university has a programme with this code." in caught.value.messages


def test_save_programme_refuses_a_unit_of_another_university(world):
    with pytest.raises(ValidationError) as caught:
        make_programme(world, unit=world["b_public"])
    assert "unit" in caught.value.error_dict


def test_save_course_service_learning_needs_required_hours(world):
    with pytest.raises(ValidationError) as caught:
        make_course(world, required_hours=None)
    assert caught.value.error_dict["required_hours"][0].messages == [
        "A service-learning course needs the number of verified hours it requires."
    ]


def test_save_course_refuses_unknown_kinds(world):
    with pytest.raises(ValidationError) as caught:
        make_course(world, kinds=["outreach", "juggling"])
    assert caught.value.error_dict["kinds"][0].messages == ["Unknown kinds: juggling."]


def test_save_course_without_service_learning_drops_hours_and_kinds(world):
    course = make_course(world, service_learning=False, kinds=["outreach"])
    assert course.required_hours is None
    assert course.kinds == []


def test_save_course_sets_programmes_of_its_university_only(world):
    programme = make_programme(world)
    course = make_course(world, programmes=[programme])
    with all_universities():
        assert list(course.programmes.all()) == [programme]
    b_programme = make_programme(
        world, actor="charlie", university=world["b"], unit=world["b_public"], code="B1"
    )
    with pytest.raises(ValidationError) as caught:
        make_course(world, code="SL2", programmes=[programme, b_programme])
    assert caught.value.error_dict["programmes"][0].messages == [
        "The programme B1 belongs to another university."
    ]
    with all_universities():
        assert not Course.objects.filter(code="SL2").exists()


@pytest.mark.parametrize("persona", ["charlie", "bianca", "bob", "dana", "pavel"])
def test_save_programme_and_course_refused_to_those_not_managing_a(world, persona):
    with pytest.raises(PermissionDenied):
        make_programme(world, actor=persona)
    with pytest.raises(PermissionDenied):
        make_course(world, actor=persona)


@pytest.mark.parametrize("persona", ["charlie", "bianca", "bob", "dana"])
def test_change_of_as_course_refused_to_others(world, persona):
    course = make_course(world)
    with pytest.raises(PermissionDenied):
        academic.save_course(actor=world[persona], course=course, values={"credits": 1})
    with all_universities():
        assert Course.objects.get(pk=course.pk).credits == 5


def test_coordinator_manages_courses_of_their_units_only(world):
    own = make_course(world, actor="cora", unit=world["a_faculty"], code="F1")
    beneath = make_course(world, actor="cora", unit=world["a_department"], code="D1")
    assert own.pk and beneath.pk
    with pytest.raises(PermissionDenied):
        make_course(world, actor="cora", unit=world["a_network_unit"], code="N1")
    elsewhere = make_course(world, unit=world["a_network_unit"], code="N2")
    with pytest.raises(PermissionDenied):
        academic.save_course(actor=world["cora"], course=elsewhere, values={"credits": 2})
    # Nor may she move her own course into a unit she does not coordinate.
    with pytest.raises(PermissionDenied):
        academic.save_course(
            actor=world["cora"], course=own, values={"unit": world["a_network_unit"]}
        )
    with pytest.raises(PermissionDenied):
        make_programme(world, actor="cora", unit=world["a_network_unit"])


# --- Enrolment -------------------------------------------------------------------------------


def test_enrol_names_each_bad_line_and_saves_nothing(world):
    _student(world, "sam")
    course = make_course(world)
    lines = [
        "sam@example.kz",
        "",
        "nobody@example.kz",
        "bob@example.kz",
        "two@example.kz three@example.kz",
    ]
    with pytest.raises(ValidationError) as caught:
        academic.enrol(actor=world["erin"], course=course, academic_year=2026, emails=lines)
    assert caught.value.error_dict["emails"][0].messages == [
        "Line 5: write one e-mail address (“two@example.kz three@example.kz”)."
    ]
    assert caught.value.messages == [
        "Line 5: write one e-mail address (“two@example.kz three@example.kz”).",
        "Line 3: no account has the e-mail address nobody@example.kz.",
        "Line 4: bob@example.kz is not a student of Aqtobe Technical University.",
    ]
    assert _enrolments() == []


def test_enrol_refuses_a_student_of_another_university(world):
    _student(world, "boris", university="b")
    course = make_course(world)
    with pytest.raises(ValidationError) as caught:
        academic.enrol(
            actor=world["erin"], course=course, academic_year=2026, emails=["boris@example.kz"]
        )
    assert caught.value.messages == [
        "Line 1: boris@example.kz is not a student of Aqtobe Technical University."
    ]


def test_enrol_reads_names_beside_addresses_and_keeps_earlier_enrolments(world):
    _student(world, "sam")
    course = make_course(world)
    first = academic.enrol(
        actor=world["erin"], course=course, academic_year=2026, emails=["Dana\tDANA@example.kz"]
    )
    assert [e.student for e in first.enrolled] == [world["dana"]]
    again = academic.enrol(
        actor=world["erin"],
        course=course,
        academic_year=2026,
        emails=["dana@example.kz", "Sam Student <sam@example.kz>", "sam@example.kz"],
    )
    assert again.already == ["dana@example.kz"]
    assert [e.student.email for e in again.enrolled] == ["sam@example.kz"]
    assert _enrolments() == ["dana@example.kz", "sam@example.kz"]


def test_enrol_refused_to_b_and_to_coordinators_of_other_units(world):
    course = make_course(world, unit=world["a_network_unit"])
    for persona in ("charlie", "bianca", "cora", "bob", "dana"):
        with pytest.raises(PermissionDenied):
            academic.enrol(
                actor=world[persona],
                course=course,
                academic_year=2026,
                emails=["dana@example.kz"],
            )
    assert _enrolments() == []


def test_enrol_only_in_service_learning_courses(world):
    course = make_course(world, service_learning=False)
    with pytest.raises(ValidationError) as caught:
        academic.enrol(
            actor=world["erin"], course=course, academic_year=2026, emails=["dana@example.kz"]
        )
    assert caught.value.messages == ["Students are enrolled here in service-learning courses only."]


def test_remove_enrolment_by_manager_not_by_b(world):
    course = make_course(world)
    enrolment = academic.enrol(
        actor=world["erin"], course=course, academic_year=2026, emails=["dana@example.kz"]
    ).enrolled[0]
    with pytest.raises(PermissionDenied):
        academic.remove_enrolment(actor=world["charlie"], enrolment=enrolment)
    assert _enrolments() == ["dana@example.kz"]
    academic.remove_enrolment(actor=world["cora"], enrolment=enrolment)
    assert _enrolments() == []


# --- Progress --------------------------------------------------------------------------------


def test_academic_year_runs_from_september_to_august(world):
    from datetime import date  # noqa: PLC0415

    assert academic.academic_year_of(date(2026, 9, 1)) == 2026
    assert academic.academic_year_of(date(2027, 8, 31)) == 2026
    assert academic.academic_year_of(date(2026, 8, 31)) == 2025
    assert academic.academic_year_label(2026) == "2026/27"
    assert academic.academic_year_label(2099) == "2099/00"


def _hours_world(world):
    """dana's hours: only 3 + 4 count toward an outreach/cultural course of 2026/27."""
    verified_hours(world, kind="outreach", starts_at=at(2026, 9, 1, 0), hours=3)
    verified_hours(world, kind="cultural", starts_at=at(2027, 8, 31, 23), hours=4)
    verified_hours(world, kind="community_service", starts_at=at(2026, 10, 1), hours=5)
    verified_hours(world, kind="outreach", starts_at=at(2026, 8, 31, 23), hours=6)
    verified_hours(world, kind="outreach", starts_at=at(2027, 9, 1, 0), hours=7)
    logged = verified_hours(world, kind="outreach", starts_at=at(2026, 11, 1), hours=8)
    rejected = verified_hours(world, kind="outreach", starts_at=at(2026, 11, 2), hours=9)
    with all_universities():
        HoursEntry.objects.filter(pk=logged.pk).update(status="logged")
        HoursEntry.objects.filter(pk=rejected.pk).update(status="rejected", rejection_reason="x")


def test_progress_counts_verified_hours_of_the_kinds_within_the_year(
    world, django_assert_num_queries
):
    _hours_world(world)
    course = make_course(world, kinds=["outreach", "cultural"], required_hours=Decimal("10"))
    enrolment = academic.enrol(
        actor=world["erin"], course=course, academic_year=2026, emails=["dana@example.kz"]
    ).enrolled[0]
    with all_universities():
        enrolment = Enrolment.objects.select_related("course").get(pk=enrolment.pk)
    with django_assert_num_queries(1):
        progress = academic.enrolment_progress(enrolment)
    assert progress.verified == Decimal("7")
    assert progress.percent == 70
    assert progress.remaining == Decimal("3")
    assert not progress.complete
    assert progress.credits_earned == 0


def test_progress_with_no_kinds_counts_every_kind(world):
    _hours_world(world)
    course = make_course(world, kinds=[], required_hours=Decimal("12"))
    enrolment = academic.enrol(
        actor=world["erin"], course=course, academic_year=2026, emails=["dana@example.kz"]
    ).enrolled[0]
    progress = academic.enrolment_progress(enrolment)
    assert progress.verified == Decimal("12")
    assert progress.complete
    assert progress.percent == 100
    assert progress.remaining == Decimal("0")
    assert progress.credits_earned == 5


def test_course_progress_annotates_every_student_in_one_query(world, django_assert_num_queries):
    _hours_world(world)
    _student(world, "sam")
    verified_hours(world, student="sam", kind="outreach", starts_at=at(2027, 1, 10), hours=2.5)
    course = make_course(world, kinds=["outreach"], required_hours=Decimal("2.5"))
    academic.enrol(
        actor=world["erin"],
        course=course,
        academic_year=2026,
        emails=["dana@example.kz", "sam@example.kz"],
    )
    # An enrolment of another year is not in this year's list.
    academic.enrol(
        actor=world["erin"], course=course, academic_year=2025, emails=["dana@example.kz"]
    )
    with django_assert_num_queries(1):
        rows = academic.course_progress(course, 2026)
    assert [(r.enrolment.student.email, r.verified, r.complete) for r in rows] == [
        ("dana@example.kz", Decimal("3"), True),
        ("sam@example.kz", Decimal("2.5"), True),
    ]
    earlier = academic.course_progress(course, 2025)
    assert [(r.enrolment.student.email, r.verified) for r in earlier] == [
        ("dana@example.kz", Decimal("6")),
    ]


def test_progress_of_student_lists_own_service_learning_enrolments(world):
    _hours_world(world)
    course = make_course(world, kinds=["community_service"])
    academic.enrol(
        actor=world["erin"], course=course, academic_year=2026, emails=["dana@example.kz"]
    )
    rows = academic.progress_of_student(world["dana"])
    assert [(r.course.code, r.verified, r.required) for r in rows] == [
        ("SL101", Decimal("5"), Decimal("20"))
    ]
    assert academic.progress_of_student(world["bob"]) == []
