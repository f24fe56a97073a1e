from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qogam.core.tenancy import all_universities
from qogam.staff import services
from qogam.staff.enums import AssignmentStatus
from qogam.staff.models import Assignment, AssignmentLine, ExpectedFunction, Function
from qogam.staff.tests.records import YEAR, a_staff_records, make_function, make_position


def _counts() -> tuple[int, int]:
    with all_universities():
        return Assignment.objects.count(), AssignmentLine.objects.count()


def _values(world, position, **more):
    return {
        "person": world["bob"],
        "unit": world["a_department"],
        "position": position,
        "year": YEAR,
        **more,
    }


def test_function_needs_kazakh_name(world):
    with pytest.raises(ValidationError) as caught:
        make_function(world, name_kk="")
    assert "name_kk" in caught.value.error_dict


def test_function_unknown_source_refused(world):
    with pytest.raises(ValidationError) as caught:
        make_function(world, sources=["nowhere.at_all"])
    assert "sources" in caught.value.error_dict


def test_function_only_office_changes_catalogue(world):
    for persona in ["bob", "cora", "charlie"]:
        with pytest.raises(PermissionDenied):
            make_function(world, actor=persona)
    with all_universities():
        assert Function.objects.count() == 0


def test_position_expected_hours_over_share_names_field_and_saves_nothing(world):
    f = make_function(world)
    with pytest.raises(ValidationError) as caught:
        make_position(
            world, third_mission_hours=Decimal(30), expected=[{"function": f, "hours": 40}]
        )
    assert "hours" in caught.value.error_dict
    position = make_position(world, expected=[{"function": f, "hours": 30}])
    with pytest.raises(ValidationError) as caught:
        services.set_expected_functions(
            actor=world["erin"], position=position, expected=[{"function": f, "hours": 500}]
        )
    assert "hours" in caught.value.error_dict
    with all_universities():
        assert list(ExpectedFunction.objects.values_list("hours", flat=True)) == [Decimal(30)]


def test_position_expected_function_of_other_university_refused(world):
    foreign = make_function(world, actor="charlie", university="b")
    position = make_position(world)
    with pytest.raises(ValidationError) as caught:
        services.set_expected_functions(
            actor=world["erin"], position=position, expected=[{"function": foreign, "hours": 5}]
        )
    assert caught.value.error_dict["function"][0].messages == [
        "The function is from another university's catalogue."
    ]


def test_assignment_hours_over_share_names_field_and_saves_nothing(world):
    f = make_function(world)
    position = make_position(world, third_mission_hours=Decimal(50))
    with pytest.raises(ValidationError) as caught:
        services.create_assignment(
            actor=world["cora"],
            values=_values(world, position),
            lines=[{"function": f, "planned_hours": Decimal(51)}],
        )
    assert "planned_hours" in caught.value.error_dict
    assert _counts() == (0, 0)


def test_assignment_function_of_other_university_refused(world):
    foreign = make_function(world, actor="charlie", university="b")
    position = make_position(world)
    with pytest.raises(ValidationError) as caught:
        services.create_assignment(
            actor=world["cora"],
            values=_values(world, position),
            lines=[{"function": foreign, "planned_hours": 5}],
        )
    assert caught.value.error_dict["function"][0].messages == [
        "The function is from another university's catalogue."
    ]
    assert _counts() == (0, 0)


def test_assignment_person_without_staff_role_refused(world):
    position = make_position(world)
    for persona in ["dana", "pavel", "bianca"]:
        with pytest.raises(ValidationError) as caught:
            services.create_assignment(
                actor=world["cora"],
                values=_values(world, position, person=world[persona]),
                lines=[],
            )
        assert "person" in caught.value.error_dict, persona
    assert _counts() == (0, 0)


def test_assignment_only_head_of_unit_or_office_assigns(world):
    position = make_position(world)
    for persona in ["bob", "dana", "charlie"]:
        with pytest.raises(PermissionDenied):
            services.create_assignment(
                actor=world[persona], values=_values(world, position), lines=[]
            )
    # erin (the office) may; cora heads the faculty above bob's department.
    assignment = services.create_assignment(
        actor=world["erin"], values=_values(world, position), lines=[]
    )
    assert assignment.unit == world["a_department"]


def test_assignment_once_a_year(world):
    records = a_staff_records(world)
    with pytest.raises(ValidationError):
        services.create_assignment(
            actor=world["cora"], values=_values(world, records["position"]), lines=[]
        )
    assert _counts() == (1, 2)


def test_assignment_agreed_then_edited_goes_back_to_draft(world):
    records = a_staff_records(world)
    assignment = services.agree_assignment(actor=world["cora"], assignment=records["assignment"])
    assert (assignment.status, assignment.agreed_by) == (AssignmentStatus.AGREED, world["cora"])
    assert assignment.agreed_at is not None
    with pytest.raises(PermissionDenied):
        services.agree_assignment(actor=world["bob"], assignment=assignment)
    edited = services.update_assignment(
        actor=world["cora"],
        assignment=assignment,
        values=_values(world, records["position"]),
        lines=[{"function": records["mentoring"], "planned_hours": Decimal(60)}],
    )
    assert (edited.status, edited.agreed_by, edited.agreed_at) == (
        AssignmentStatus.DRAFT,
        None,
        None,
    )
    with all_universities():
        assert list(edited.lines.values_list("planned_hours", flat=True)) == [Decimal(60)]


def test_assignment_update_over_share_keeps_old_lines(world):
    records = a_staff_records(world)
    with pytest.raises(ValidationError) as caught:
        services.update_assignment(
            actor=world["cora"],
            assignment=records["assignment"],
            values={},
            lines=[{"function": records["mentoring"], "planned_hours": Decimal(101)}],
        )
    assert "planned_hours" in caught.value.error_dict
    assert _counts() == (1, 2)


def test_function_in_use_cannot_be_deleted(world):
    records = a_staff_records(world)
    with pytest.raises(ValidationError):
        services.delete_function(actor=world["erin"], function=records["mentoring"])
    spare = make_function(world, name_kk="Басқа")
    services.delete_function(actor=world["erin"], function=spare)
    with all_universities():
        assert Function.objects.count() == 2
