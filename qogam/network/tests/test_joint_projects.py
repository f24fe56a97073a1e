"""Joint projects: the lead creates one with partners; each member writes only its own part."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qogam.core.tenancy import all_universities
from qogam.network.models import JointProject, JointProjectPart
from qogam.network.services import joint_projects as services
from qogam.network.tests.records_practices import a_practice_records, b_project, make_members
from qogam.organisations.models import University


@pytest.fixture
def records(world):
    return a_practice_records(world)


def _part_url(records, part: str) -> str:
    return reverse(
        "network:joint_part_edit",
        kwargs={"public_id": records["joint"].public_id, "part_id": records[part].public_id},
    )


def test_joint_project_created_through_page_with_a_part_for_each_member(world, client_for):
    make_members(world)
    response = client_for(world["erin"]).post(
        reverse("network:joint_project_create"),
        {
            "lead_university": str(world["a"].pk),
            "title_kk": "Өзен жағалауы",
            "title_en": "The river bank",
            "partners": [str(world["b"].pk)],
            "sdgs": ["6"],
            "visibility": "network",
        },
    )
    with all_universities():
        joint = JointProject.objects.get(title_en="The river bank")
        parts = sorted(joint.parts.values_list("university__slug", flat=True))
    assert response.status_code == 302
    assert response["Location"] == joint.get_absolute_url()
    assert parts == ["aqtobe-tech", "baikonur-state"]


def test_joint_project_every_member_sees_it_and_every_part(world, records, client_for):
    services.save_part(
        actor=world["charlie"],
        part=records["b_part"],
        contribution="B brings its volunteers",
        project=records["b_project"],
    )
    services.save_part(
        actor=world["erin"],
        part=records["a_part"],
        contribution="A brings the laboratory",
        project=records["a_project"],
    )
    url = records["joint"].get_absolute_url()
    for persona in ("bianca", "bob", "dana"):
        body = client_for(world[persona]).get(url).content.decode()
        assert "B brings its volunteers" in body, persona
        assert "A brings the laboratory" in body, persona
    # A's project is private: B's people read the part, not the project's title.
    bianca = client_for(world["bianca"]).get(url).content.decode()
    assert "A&#x27;s mentoring" not in bianca
    assert "B&#x27;s own mentoring project" in bianca
    assert "A&#x27;s mentoring" in client_for(world["bob"]).get(url).content.decode()


def test_joint_project_not_shown_to_the_public_unless_public(world, records, client_for):
    url = records["joint"].get_absolute_url()
    assert client_for(world["pavel"]).get(url).status_code == 404
    response = client_for(None).get(url)
    assert (response.status_code, "/sign-in/" in response["Location"]) == (302, True)


def test_joint_part_charlie_cannot_change_as_part(world, records, client_for):
    client = client_for(world["charlie"])
    url = _part_url(records, "a_part")
    assert client.get(url).status_code == 403
    assert client.post(url, {"contribution": "Taken over"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.save_part(
            actor=world["charlie"], part=records["a_part"], contribution="x", project=None
        )
    with all_universities():
        assert JointProjectPart.objects.get(pk=records["a_part"].pk).contribution == ""


def test_joint_part_lead_office_cannot_write_partners_part(world, records, client_for):
    assert client_for(world["erin"]).get(_part_url(records, "b_part")).status_code == 403


def test_joint_part_member_writes_its_own_part_through_page(world, records, client_for):
    response = client_for(world["charlie"]).post(
        _part_url(records, "b_part"),
        {"contribution": "Our students run the workshops", "project": records["b_project"].pk},
    )
    assert response.status_code == 302
    with all_universities():
        part = JointProjectPart.objects.get(pk=records["b_part"].pk)
    assert (part.contribution, part.project_id) == (
        "Our students run the workshops",
        records["b_project"].pk,
    )


def test_joint_part_refuses_another_universitys_project_on_the_field(world, records, client_for):
    response = client_for(world["charlie"]).post(
        _part_url(records, "b_part"),
        {"contribution": "Borrowing", "project": records["a_project"].pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "project": ["Choose a project of your own university."]
    }
    with pytest.raises(ValidationError) as refused:
        services.save_part(
            actor=world["charlie"],
            part=records["b_part"],
            contribution="Borrowing",
            project=records["a_project"],
        )
    assert refused.value.message_dict == {"project": ["Choose a project of your own university."]}


def test_joint_project_charlie_cannot_change_the_joint_project(world, records, client_for):
    url = reverse("network:joint_project_edit", kwargs={"public_id": records["joint"].public_id})
    assert client_for(world["charlie"]).post(url, {"title_kk": "X"}).status_code == 403
    assert client_for(world["nora"]).get(url).status_code == 200


def test_joint_project_refuses_a_partner_outside_the_network(world, records):
    with all_universities():
        outsider = University.objects.create(
            network=world["network"], slug="outside", name_kk="Сырт", name_en="Outside"
        )
    with pytest.raises(ValidationError) as refused:
        services.create_joint_project(
            actor=world["erin"],
            lead_university=world["a"],
            values={"title_kk": "Жоба"},
            partners=[outsider],
        )
    assert refused.value.message_dict == {"partners": ["Outside is not a member of the network."]}


def test_joint_project_list_query_count_does_not_grow(world, records, client_for):
    client = client_for(world["bianca"])
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("network:joint_projects"))
    for number in range(4):
        services.create_joint_project(
            actor=world["erin"],
            lead_university=world["a"],
            values={"title_kk": f"Жоба {number}", "title_en": f"Joint {number}"},
            partners=[world["b"]],
        )
    with CaptureQueriesContext(connection) as many:
        body = client.get(reverse("network:joint_projects")).content.decode()
    assert "Joint 3" in body
    assert len(many) == len(few)


def test_joint_part_project_choices_are_own_projects_only(world, records, client_for):
    other = b_project(world, "B second project")
    page = client_for(world["charlie"]).get(_part_url(records, "b_part")).content.decode()
    assert "B second project" in page
    assert "A&#x27;s mentoring" not in page
    assert other.university_id == world["b"].pk
