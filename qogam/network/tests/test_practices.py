"""Good practices: publishing, the library and its filters, adoption, who sees what."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qogam.core.tenancy import all_universities
from qogam.network.enums import MembershipStatus
from qogam.network.models import GoodPractice, NetworkMembership, PracticeAdoption
from qogam.network.services import practices as services
from qogam.network.tests.records_practices import (
    SECRET_CONTACT,
    SECRET_PRACTICE,
    SHARED_PRACTICE,
    a_practice_records,
    b_project,
    practice_values,
)
from qogam.projects.tests.factories import make_project

B_PRIVATE = "B Private Practice About Gardens"


@pytest.fixture
def records(world):
    return a_practice_records(world)


def _library(client, **params) -> str:
    return client.get(reverse("network:practices"), params).content.decode()


def _b_private(world) -> GoodPractice:
    return services.publish_practice(
        actor=world["charlie"],
        university=world["b"],
        values=practice_values(B_PRIVATE, visibility="private", theme="Gardens", sdgs=[15]),
    )


def test_practice_library_shows_network_practice_to_other_member(world, records, client_for):
    body = _library(client_for(world["bianca"]))
    assert SHARED_PRACTICE in body
    assert SECRET_PRACTICE not in body


def test_practice_library_private_practice_of_b_unseen_by_a(world, records, client_for):
    _b_private(world)
    for persona in ("alice", "erin", "bob", "dana"):
        body = _library(client_for(world[persona]))
        assert B_PRIVATE not in body, persona
    assert B_PRIVATE in _library(client_for(world["bianca"]))


def test_practice_library_filters_by_sdg_component_theme_and_text(world, records, client_for):
    services.publish_practice(
        actor=world["charlie"],
        university=world["b"],
        values=practice_values(
            "Community gardens with the akimat",
            summary_en="Gardens on school grounds",
            theme="Gardens",
            sdgs=[11, 15],
            components=["spiritual_moral"],
        ),
    )
    client = client_for(world["erin"])
    garden, mentoring = "Community gardens with the akimat", SHARED_PRACTICE
    assert (garden in _library(client, sdg=15), mentoring in _library(client, sdg=15)) == (
        True,
        False,
    )
    by_component = _library(client, component="educational")
    assert (garden in by_component, mentoring in by_component) == (False, True)
    by_theme = _library(client, theme="Gardens")
    assert (garden in by_theme, mentoring in by_theme) == (True, False)
    by_text = _library(client, q="school grounds")
    assert (garden in by_text, mentoring in by_text) == (True, False)


def test_practice_library_hides_practices_of_a_member_that_left(world, records, client_for):
    with all_universities():
        NetworkMembership.objects.filter(university=world["a"]).update(
            status=MembershipStatus.LEFT, left_on=date(2026, 5, 1)
        )
    assert SHARED_PRACTICE not in _library(client_for(world["bianca"]))
    # Nothing of A's own is lost: its staff still read it.
    assert SHARED_PRACTICE in _library(client_for(world["bob"]))
    response = client_for(world["bianca"]).get(records["shared"].get_absolute_url())
    assert response.status_code == 404


def test_practice_list_query_count_does_not_grow_with_practices(world, records, client_for):
    client = client_for(world["bianca"])
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("network:practices"))
    for number in range(5):
        services.publish_practice(
            actor=world["erin"],
            university=world["a"],
            values=practice_values(f"Another practice {number}", sdgs=[4, number + 10]),
        )
    with CaptureQueriesContext(connection) as many:
        body = client.get(reverse("network:practices")).content.decode()
    assert "Another practice 4" in body
    assert len(many) == len(few)


def test_practice_page_shows_contact_and_spread_to_members(world, records, client_for):
    body = client_for(world["bianca"]).get(records["shared"].get_absolute_url()).content.decode()
    assert "Erin, the third-mission office" in body
    assert "Adopted by 1 member" in body
    assert "B&#x27;s own mentoring project" in body
    assert "A&#x27;s mentoring" not in body  # A's project is private: not named to B


def test_practice_page_names_only_projects_the_viewer_may_read(world, records, client_for):
    body = client_for(world["erin"]).get(records["shared"].get_absolute_url()).content.decode()
    assert "A&#x27;s mentoring" in body
    assert "B&#x27;s own mentoring project" in body  # B's project is network-visible


def test_practice_page_hides_adopters_private_project(world, client_for):
    records = a_practice_records(world)
    hidden = make_project(
        world, "charlie", lead_unit=world["b_private"], title_kk="B hidden", title_en="B hidden"
    )
    other = services.publish_practice(
        actor=world["erin"], university=world["a"], values=practice_values("Second practice")
    )
    services.adopt_practice(
        actor=world["charlie"], practice=other, university=world["b"], project=hidden
    )
    body = client_for(world["erin"]).get(other.get_absolute_url()).content.decode()
    assert "Adopted by 1 member" in body
    assert "B hidden" not in body
    assert records["shared"].pk != other.pk


def test_practice_charlie_cannot_change_a_practice(world, records, client_for):
    client = client_for(world["charlie"])
    url = reverse("network:practice_edit", kwargs={"public_id": records["shared"].public_id})
    assert client.get(url).status_code == 403
    assert client.post(url, {"title_kk": "Changed"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.update_practice(
            actor=world["charlie"], practice=records["shared"], values={"title_kk": "Changed"}
        )
    records["shared"].refresh_from_db()
    assert records["shared"].title_kk == SHARED_PRACTICE


def test_practice_publish_through_page_links_own_project(world, client_for):
    a_practice_records(world)
    project = make_project(world, title_kk="Own project", title_en="Own project")
    response = client_for(world["erin"]).post(
        reverse("network:practice_create"),
        {
            "title_kk": "Жаңа тәжірибе",
            "title_en": "A new practice",
            "summary_kk": "Сипаттама",
            "contact": "office@a.kz",
            "theme": "Schools",
            "sdgs": ["4"],
            "components": ["educational"],
            "projects": [str(project.pk)],
            "visibility": "network",
        },
    )
    with all_universities():
        practice = GoodPractice.objects.get(title_en="A new practice")
        linked = list(practice.projects.values_list("pk", flat=True))
    assert response.status_code == 302
    assert response["Location"] == practice.get_absolute_url()
    assert (practice.university_id, practice.published_by_id, linked) == (
        world["a"].pk,
        world["erin"].pk,
        [project.pk],
    )


def test_practice_publish_refuses_another_universitys_project(world, records):
    with pytest.raises(ValidationError) as refused:
        services.publish_practice(
            actor=world["erin"],
            university=world["a"],
            values=practice_values("Borrowed"),
            projects=[records["b_project"]],
        )
    assert list(refused.value.message_dict) == ["projects"]
    with all_universities():
        assert not GoodPractice.objects.filter(title_kk="Borrowed").exists()


def test_practice_adopt_through_page_with_own_project(world, client_for):
    records = a_practice_records(world)
    other = services.publish_practice(
        actor=world["erin"], university=world["a"], values=practice_values("To adopt")
    )
    project = b_project(world, "B carries it")
    response = client_for(world["charlie"]).post(
        reverse("network:practice_adopt", kwargs={"public_id": other.public_id}),
        {"project": str(project.pk), "note": "In two schools", "adopted_on": "2026-05-02"},
    )
    assert response.status_code == 302
    with all_universities():
        adoption = PracticeAdoption.objects.get(practice=other)
    assert (adoption.university_id, adoption.project_id, adoption.adopted_on) == (
        world["b"].pk,
        project.pk,
        date(2026, 5, 2),
    )
    assert records["adoption"].practice_id == records["shared"].pk


def test_practice_adopt_refuses_another_universitys_project_on_the_field(world, client_for):
    records = a_practice_records(world)
    other = services.publish_practice(
        actor=world["erin"], university=world["a"], values=practice_values("Not yours")
    )
    response = client_for(world["charlie"]).post(
        reverse("network:practice_adopt", kwargs={"public_id": other.public_id}),
        {"project": str(records["a_project"].pk), "adopted_on": "2026-05-02"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "project": ["Choose a project of your own university."]
    }
    with all_universities():
        assert not PracticeAdoption.objects.filter(practice=other).exists()


def test_practice_adopt_service_refuses_foreign_project_and_second_adoption(world, records):
    with pytest.raises(ValidationError) as foreign:
        services.adopt_practice(
            actor=world["charlie"],
            practice=records["shared"],
            university=world["b"],
            project=records["a_project"],
        )
    assert foreign.value.message_dict == {"project": ["Choose a project of your own university."]}
    with pytest.raises(ValidationError) as twice:
        services.adopt_practice(
            actor=world["charlie"], practice=records["shared"], university=world["b"], project=None
        )
    assert twice.value.messages == [f"Your university has already adopted “{SHARED_PRACTICE}”."]


def test_practice_adopt_page_refused_when_already_adopted(world, records, client_for):
    url = reverse("network:practice_adopt", kwargs={"public_id": records["shared"].public_id})
    assert client_for(world["charlie"]).get(url).status_code == 403
    assert client_for(world["erin"]).get(url).status_code == 403  # its own practice


def test_practice_secret_contact_never_on_the_portal(world, records, client):
    with all_universities():
        for university in (world["a"], world["b"]):
            university.visibility = "public"
            university.save(update_fields=["visibility"])
    public = services.publish_practice(
        actor=world["erin"],
        university=world["a"],
        values=practice_values("Open practice", visibility="public", contact=SECRET_CONTACT),
    )
    listing = client.get(reverse("portal:network_practices")).content.decode()
    page = client.get(
        reverse("portal:network_practice", kwargs={"public_id": public.public_id})
    ).content.decode()
    assert "Open practice" in listing
    assert SHARED_PRACTICE not in listing  # network only
    assert SECRET_PRACTICE not in listing
    assert "Open practice" in page
    assert SECRET_CONTACT not in page
    assert "Erin" not in page
    hidden = reverse("portal:network_practice", kwargs={"public_id": records["shared"].public_id})
    assert client.get(hidden).status_code == 404


def test_practice_portal_list_query_count_does_not_grow(world, records, client):
    with all_universities():
        world["a"].visibility = "public"
        world["a"].save(update_fields=["visibility"])
    services.publish_practice(
        actor=world["erin"],
        university=world["a"],
        values=practice_values("Public first", visibility="public"),
    )
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("portal:network_practices"))
    for number in range(4):
        services.publish_practice(
            actor=world["erin"],
            university=world["a"],
            values=practice_values(f"Public {number}", visibility="public"),
        )
    with CaptureQueriesContext(connection) as many:
        body = client.get(reverse("portal:network_practices")).content.decode()
    assert "Public 3" in body
    assert len(many) == len(few)
