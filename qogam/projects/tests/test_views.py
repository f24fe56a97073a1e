"""The projects' pages: list, detail, forms, files, and what they add to other apps' pages."""

import io
from datetime import date

import openpyxl
import pytest
from django.utils import translation

from qogam.core.enums import Visibility
from qogam.core.tenancy import all_universities
from qogam.needs.enums import NeedState
from qogam.needs.tests.factories import published_need
from qogam.partners.tests.records import make_partner
from qogam.projects import services
from qogam.projects.models import Participant, Project
from qogam.projects.tests.factories import (
    SECRET_PROJECT,
    SECRET_UPDATE,
    a_project_records,
    make_project,
    png_upload,
)

FORM = {
    "kind": "outreach",
    "title_kk": "Мектептерге дәрістер",
    "title_ru": "Лекции в школах",
    "title_en": "Lectures in schools",
    "components": ["educational"],
    "lead_unit": "",
    "starts_on": "2026-04-01",
    "status": "planned",
    "external_participants": "0",
    "visibility": "private",
    "sdgs": ["4"],
}


def _form(world, **changes):
    data = {**FORM, "lead_unit": str(world["a_faculty"].pk)}
    data.update(changes)
    return data


# --- list ---------------------------------------------------------------------------------


def test_project_list_shows_own_university_projects(world, client_for):
    make_project(world)
    body = client_for(world["bob"]).get("/en/projects/").content.decode()
    assert "Repairing the playground" in body


def test_project_list_charlie_cannot_see_a_private_project(world, client_for):
    a_project_records(world)
    for persona in ["charlie", "bianca", "pavel"]:
        response = client_for(world[persona]).get("/en/projects/")
        assert SECRET_PROJECT.encode() not in response.content, persona
    assert SECRET_PROJECT.encode() not in client_for(None).get("/en/projects/").content


def test_project_list_visitor_sees_public_projects(world, client_for):
    make_project(world, visibility=Visibility.PUBLIC)
    body = client_for(None).get("/kk/projects/").content.decode()
    assert "Аула алаңын жөндеу" in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "школах"}, ["Lectures"]),
        ({"kind": "outreach"}, ["Lectures"]),
        ({"status": "running"}, ["Repairing"]),
        ({"component": "research"}, ["Lectures"]),
        ({"sdg": "4"}, ["Lectures"]),
        ({"sdg": "1"}, []),
        ({"year": "2027"}, ["Lectures"]),
        ({"sort": "title"}, ["Lectures", "Repairing"]),
    ],
)
def test_project_list_filters_and_sorts(world, client_for, query, expected):
    make_project(world, status="running", sdgs=[11], ends_on=date(2026, 6, 30))
    make_project(
        world,
        kind="outreach",
        title_kk="Мектептерге дәрістер",
        title_ru="Лекции в школах",
        title_en="Lectures in schools",
        components=["research"],
        sdgs=[4, 14],
        starts_on=date(2026, 9, 1),
        ends_on=date(2027, 5, 1),
    )
    response = client_for(world["alice"]).get("/en/projects/", query)
    titles = [p.title_en.split()[0] for p in response.context["page"].object_list]
    assert titles == expected


def test_project_list_filters_by_unit_and_partner(world, client_for):
    partner = make_partner(world)
    make_project(world, relations={"partners": [partner]})
    make_project(world, lead_unit=world["a_network_unit"], title_kk="Басқа", title_en="Other")
    client = client_for(world["alice"])
    by_partner = client.get("/en/projects/", {"partner": partner.public_id})
    by_unit = client.get("/en/projects/", {"unit": world["a_network_unit"].public_id})
    assert [p.title_en for p in by_partner.context["page"].object_list] == [
        "Repairing the playground"
    ]
    assert [p.title_en for p in by_unit.context["page"].object_list] == ["Other"]


@pytest.mark.parametrize("count", [1, 4])
def test_project_list_query_count_does_not_grow_with_projects(
    world, client_for, django_assert_max_num_queries, count
):
    for i in range(count):
        make_project(world, title_kk=f"Жоба {i}", title_en=f"Project {i}")
    client = client_for(world["bob"])
    with django_assert_max_num_queries(14):
        response = client.get("/en/projects/", {"sort": "title", "component": "educational"})
    assert response.context["page"].paginator.count == count


def test_project_export_gives_the_filtered_list_as_xlsx(world, client_for):
    make_project(world)
    make_project(world, kind="outreach", title_kk="Дәріс", title_en="Lecture")
    response = client_for(world["alice"]).get("/en/projects/export/", {"kind": "outreach"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("kind", "title_kk")
    assert [r[1] for r in rows[1:]] == ["Дәріс"]


def test_project_export_charlie_gets_none_of_a_private_projects(world, client_for):
    a_project_records(world)
    response = client_for(world["charlie"]).get("/en/projects/export/", {"format": "csv"})
    assert SECRET_PROJECT.encode() not in response.content


# --- detail -------------------------------------------------------------------------------


def test_project_detail_shows_participants_to_staff_only(world, client_for):
    records = a_project_records(world)
    with all_universities():
        Project.objects.filter(pk=records["project"].pk).update(visibility=Visibility.PUBLIC)
    url = records["project"].get_absolute_url()
    staff_view = client_for(world["bob"]).get(url).content.decode()
    public_view = client_for(None).get(url).content.decode()
    assert "Dana" in staff_view
    assert SECRET_UPDATE in public_view
    assert "Dana" not in public_view


def test_project_detail_charlie_gets_404(world, client_for):
    url = a_project_records(world)["project"].get_absolute_url()
    assert client_for(world["charlie"]).get(url).status_code == 404


def test_project_photo_served_to_readers_and_hidden_from_others(world, client_for):
    photo = a_project_records(world)["photo"]
    url = photo.get_absolute_url()
    response = client_for(world["bob"]).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert client_for(world["charlie"]).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 404


# --- forms --------------------------------------------------------------------------------


def test_project_create_by_coordinator_redirects_to_the_project(world, client_for):
    response = client_for(world["cora"]).post("/en/projects/new/", _form(world))
    assert response.status_code == 302
    with all_universities():
        project = Project.objects.get()
    assert project.title_ru == "Лекции в школах"
    assert response["Location"] == project.get_absolute_url()


def test_project_create_names_bad_fields(world, client_for):
    response = client_for(world["alice"]).post(
        "/en/projects/new/",
        _form(world, ends_on="2026-01-01", outcomes_en="Done", title_kk=""),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {"ends_on", "title_kk"} or set(errors) >= {"title_kk"}
    with all_universities():
        assert Project.objects.count() == 0


def test_project_create_with_outcome_before_finish_is_refused(world, client_for):
    response = client_for(world["alice"]).post(
        "/en/projects/new/", _form(world, outcomes_en="Forty children")
    )
    assert "outcomes_en" in response.context["form"].errors


def test_project_create_with_funding_records_the_sources(world, client_for):
    client_for(world["alice"]).post(
        "/en/projects/new/", _form(world, budget="500000", funding_akimat="300000")
    )
    with all_universities():
        project = Project.objects.get()
    assert project.funding == [{"source": "akimat", "amount": "300000.00"}]


def test_project_create_forbidden_to_student(world, client_for):
    assert client_for(world["dana"]).get("/en/projects/new/").status_code == 403


def test_project_edit_to_finished_offers_to_address_needs(world, client_for):
    need = published_need(world)
    project = make_project(world, actor="cora", relations={"needs": [need]})
    client = client_for(world["cora"])
    data = _form(
        world,
        status="finished",
        outcomes_kk="Алаң жөнделді",
        outcomes_en="The playground is repaired",
        needs=[str(need.pk)],
        title_kk=project.title_kk,
    )
    response = client.post(f"/en/projects/{project.public_id}/edit/", data)
    assert response["Location"] == f"/en/projects/{project.public_id}/needs/"
    page = client.get(response["Location"])
    assert page.context["form"].initial["report_en"] == "The playground is repaired"
    done = client.post(
        response["Location"],
        {
            "needs": [str(need.pk)],
            "report_kk": "Алаң жөнделді",
            "report_ru": "Площадка отремонтирована",
            "report_en": "The playground is repaired",
        },
    )
    assert done.status_code == 302
    need.refresh_from_db()
    assert need.state == NeedState.ADDRESSED


def test_participant_add_from_other_university_not_offered(world, client_for):
    project = make_project(world)
    response = client_for(world["alice"]).post(
        f"/en/projects/{project.public_id}/participants/add/",
        {"user": world["bianca"].pk, "role": "member", "hours": "2"},
    )
    assert response.status_code == 200
    assert "user" in response.context["form"].errors
    with all_universities():
        assert Participant.objects.count() == 0


def test_update_create_with_photo_shows_on_the_project(world, client_for):
    project = make_project(world)
    client = client_for(world["alice"])
    response = client.post(
        f"/en/projects/{project.public_id}/updates/new/",
        {
            "on": "2026-03-10",
            "title_kk": "Жұмыс басталды",
            "title_ru": "Работа началась",
            "title_en": "Work started",
            "body_kk": "",
            "body_ru": "",
            "body_en": "",
            "photos": [png_upload()],
        },
    )
    assert response.status_code == 302
    body = client.get(project.get_absolute_url()).content.decode()
    assert "Work started" in body
    assert "/en/projects/photos/" in body


# --- other apps' pages --------------------------------------------------------------------


def _public_project_with_update(world):
    need = published_need(world)
    project = make_project(
        world, actor="cora", visibility=Visibility.PUBLIC, relations={"needs": [need]}
    )
    services.post_update(
        actor=world["cora"],
        project=project,
        on=date(2026, 3, 3),
        title={"kk": "Әткеншек орнатылды", "ru": "Качели установлены", "en": "Swings put up"},
        photos=[png_upload()],
    )
    return need, project


@pytest.mark.parametrize(
    ("language", "title", "update"),
    [
        ("kk", "Аула алаңын жөндеу", "Әткеншек орнатылды"),
        ("ru", "Ремонт дворовой площадки", "Качели установлены"),
    ],
)
def test_need_page_shows_the_project_and_its_update(world, client_for, language, title, update):
    need, _project = _public_project_with_update(world)
    with translation.override(language):
        url = need.get_absolute_url()
    body = client_for(None).get(url).content.decode()
    assert title in body
    assert update in body
    assert "/projects/photos/" in body


def test_need_page_hides_private_project_from_visitors(world, client_for):
    need = published_need(world)
    make_project(world, actor="cora", relations={"needs": [need]})
    body = client_for(None).get(need.get_absolute_url()).content.decode()
    assert "Repairing the playground" not in body
    assert (
        "Repairing the playground"
        in client_for(world["bob"]).get(need.get_absolute_url()).content.decode()
    )


def test_partner_page_lists_its_projects(world, client_for):
    partner = make_partner(world)
    make_project(world, relations={"partners": [partner]})
    body = client_for(world["alice"]).get(partner.get_absolute_url()).content.decode()
    assert "Repairing the playground" in body


def test_home_shows_my_projects_panel_to_participants(world, client_for):
    project = make_project(world)
    services.add_participant(
        actor=world["alice"], project=project, user=world["dana"], role="member"
    )
    body = client_for(world["dana"]).get("/en/").content.decode()
    assert 'data-panel="my-projects"' in body
    assert "Repairing the playground" in body
    assert (
        'data-panel="my-projects"' not in client_for(world["bianca"]).get("/en/").content.decode()
    )


def test_navigation_shows_projects_to_members(world, client_for):
    body = client_for(world["dana"]).get("/en/").content.decode()
    assert 'href="/en/projects/"' in body
