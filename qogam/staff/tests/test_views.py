from decimal import Decimal
from io import BytesIO

import pypdfium2
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from qogam.accounts.models import User
from qogam.core.tenancy import all_universities
from qogam.staff.enums import AssignmentStatus
from qogam.staff.models import Assignment, Function
from qogam.staff.tests.records import (
    LECTURES,
    MENTORING,
    YEAR,
    a_staff_records,
    make_function,
    project_with,
)


def _pdf_text(content: bytes) -> str:
    pdf = pypdfium2.PdfDocument(content)
    try:
        text = " ".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()
    # Table cells wrap long names over lines.
    return " ".join(text.split())


def _person_url(world, name: str, person="bob") -> str:
    url = reverse(name, kwargs={"public_id": world[person].public_id})
    return f"{url}?year={YEAR}"


# --- Pages -------------------------------------------------------------------------------------


def test_pages_render_for_the_office(world, client_for):
    records = a_staff_records(world)
    client = client_for(world["erin"])
    urls = [
        reverse("staff:mine"),
        reverse("staff:functions"),
        reverse("staff:function_create"),
        records["mentoring"].get_absolute_url(),
        reverse("staff:function_edit", kwargs={"public_id": records["mentoring"].public_id}),
        reverse("staff:positions"),
        reverse("staff:position_create"),
        records["position"].get_absolute_url(),
        reverse("staff:position_edit", kwargs={"public_id": records["position"].public_id}),
        records["assignment"].get_absolute_url(),
        reverse("staff:assignment_create"),
        reverse("staff:unit", kwargs={"public_id": world["a_faculty"].public_id}),
        _person_url(world, "staff:person"),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_function_list_names_the_sources_that_count(world, client_for):
    a_staff_records(world)
    body = client_for(world["bob"]).get(reverse("staff:functions")).content.decode()
    assert MENTORING["name_en"] in body
    assert "Project work" in body


def test_function_created_through_the_form(world, client_for):
    client = client_for(world["erin"])
    response = client.post(
        reverse("staff:function_create"),
        {
            "university": world["a"].pk,
            "name_kk": "Әкімдікке сараптама",
            "name_en": "Expert work for the akimat",
            "planned_hours": "30",
            "sources": ["projects.participation"],
            "categories": ["consulting"],
            "hours_per_item": "2",
            "active": "on",
        },
    )
    assert response.status_code == 302
    with all_universities():
        function = Function.objects.get()
    assert (function.sources, function.categories) == (["projects.participation"], ["consulting"])


def test_function_form_without_kazakh_name_shows_error(world, client_for):
    response = client_for(world["erin"]).post(
        reverse("staff:function_create"),
        {"university": world["a"].pk, "name_en": "Only English", "planned_hours": "3"},
    )
    assert response.status_code == 200
    assert "name_kk" in response.context["form"].errors


def test_position_edit_over_share_shows_error_and_keeps_profile(world, client_for):
    records = a_staff_records(world)
    position = records["position"]
    url = reverse("staff:position_edit", kwargs={"public_id": position.public_id})
    response = client_for(world["erin"]).post(
        url,
        {
            "name_kk": "Доцент",
            "workload_hours": "680",
            "third_mission_hours": "100",
            "expected-TOTAL_FORMS": "1",
            "expected-INITIAL_FORMS": "0",
            "expected-0-function": records["mentoring"].pk,
            "expected-0-hours": "150",
        },
    )
    assert response.status_code == 200
    assert "third-mission share" in response.content.decode()
    with all_universities():
        assert position.expected.count() == 2


def test_assignment_form_prefills_from_profile_then_saves(world, client_for):
    records = a_staff_records(world)
    with all_universities():
        Assignment.objects.all().delete()
    client = client_for(world["cora"])
    url = reverse("staff:assignment_create")
    form = client.get(f"{url}?person={world['bob'].public_id}&year={YEAR}")
    assert form.context["form"].initial["unit"] == world["a_department"].pk
    base = {
        "person": world["bob"].pk,
        "unit": world["a_department"].pk,
        "position": records["position"].pk,
        "year": YEAR,
        "lines-TOTAL_FORMS": "3",
        "lines-INITIAL_FORMS": "0",
    }
    prefilled = client.post(url, {**base, "prefill": "1"})
    assert prefilled.status_code == 200
    initial = prefilled.context["lines"].initial
    assert sorted((i["function"].pk, i["hours"]) for i in initial) == [
        (records["mentoring"].pk, Decimal(40)),
        (records["lectures"].pk, Decimal(20)),
    ]
    with all_universities():
        assert Assignment.objects.count() == 0
    saved = client.post(
        url,
        {
            **base,
            "lines-0-function": records["mentoring"].pk,
            "lines-0-hours": "40",
            "lines-1-function": records["lectures"].pk,
            "lines-1-hours": "20",
        },
    )
    assert saved.status_code == 302
    with all_universities():
        assignment = Assignment.objects.get()
        assert assignment.lines.count() == 2


def test_assignment_form_over_share_saves_nothing(world, client_for):
    records = a_staff_records(world)
    with all_universities():
        Assignment.objects.all().delete()
    response = client_for(world["cora"]).post(
        reverse("staff:assignment_create"),
        {
            "person": world["bob"].pk,
            "unit": world["a_department"].pk,
            "position": records["position"].pk,
            "year": YEAR,
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "0",
            "lines-0-function": records["mentoring"].pk,
            "lines-0-hours": "250",
        },
    )
    assert response.status_code == 200
    assert "more than the third-mission share" in response.content.decode()
    with all_universities():
        assert Assignment.objects.count() == 0


def test_assignment_agreed_by_head(world, client_for):
    assignment = a_staff_records(world)["assignment"]
    url = reverse("staff:assignment_agree", kwargs={"public_id": assignment.public_id})
    assert client_for(world["bob"]).post(url).status_code == 403
    assert client_for(world["cora"]).post(url).status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.AGREED


def test_my_activity_shows_planned_and_done_hours(world, client_for):
    a_staff_records(world)
    project_with(world, world["bob"], hours=12)
    response = client_for(world["bob"]).get(f"{reverse('staff:mine')}?year={YEAR}")
    body = response.content.decode()
    assert response.status_code == 200
    assert MENTORING["name_en"] in body
    progress = response.context["progress"]
    assert (progress.planned, progress.done) == (Decimal(60), Decimal(12))
    assert "Repairing the playground" in body  # the project, linked by source


def test_unit_view_ranks_and_lists_staff_without_activity(world, client_for):
    a_staff_records(world)
    project_with(world, world["bob"], hours=12)
    response = client_for(world["cora"]).get(
        reverse("staff:unit", kwargs={"public_id": world["a_faculty"].public_id}),
        {"year": YEAR},
    )
    assert response.status_code == 200
    assert [r.person for r in response.context["rows"]] == [world["bob"], world["cora"]]
    assert [r.person for r in response.context["without_activity"]] == [world["cora"]]


def test_home_panel_shows_this_years_assignment(world, client_for):
    a_staff_records(world)
    body = client_for(world["bob"]).get("/en/").content.decode()
    assert 'data-panel="staff-activity"' in body
    assert reverse("staff:mine") in body
    assert (
        'data-panel="staff-activity"' not in client_for(world["cora"]).get("/en/").content.decode()
    )


# --- Access ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["staff:person", "staff:report_pdf", "staff:report_xlsx"])
def test_person_record_access(world, client_for, name):
    a_staff_records(world)
    url = _person_url(world, name)
    for persona, status in [
        ("bob", 200),
        ("cora", 200),
        ("erin", 200),
        ("alice", 200),
        ("charlie", 404),
        ("bianca", 404),
        ("dana", 403),
    ]:
        assert client_for(world[persona]).get(url).status_code == status, persona
    # Another staff member of A is no head of cora's.
    assert client_for(world["bob"]).get(_person_url(world, name, "cora")).status_code == 403


def test_assignment_access(world, client_for):
    assignment = a_staff_records(world)["assignment"]
    url = assignment.get_absolute_url()
    edit = reverse("staff:assignment_edit", kwargs={"public_id": assignment.public_id})
    for persona, status in [("bob", 200), ("cora", 200), ("erin", 200), ("charlie", 404)]:
        assert client_for(world[persona]).get(url).status_code == status, persona
    assert client_for(world["bob"]).get(edit).status_code == 403
    assert client_for(world["cora"]).get(edit).status_code == 200


def test_unit_view_access(world, client_for):
    url = reverse("staff:unit", kwargs={"public_id": world["a_department"].public_id})
    assert client_for(world["cora"]).get(url).status_code == 200
    assert client_for(world["erin"]).get(url).status_code == 200
    assert client_for(world["bob"]).get(url).status_code == 403
    assert client_for(world["charlie"]).get(url).status_code == 404
    other = reverse("staff:unit", kwargs={"public_id": world["a_network_unit"].public_id})
    assert client_for(world["cora"]).get(other).status_code == 403


def test_catalogue_closed_to_students_and_other_university(world, client_for):
    function = a_staff_records(world)["mentoring"]
    assert client_for(world["dana"]).get(reverse("staff:functions")).status_code == 403
    assert client_for(world["charlie"]).get(function.get_absolute_url()).status_code == 404
    assert client_for(world["bob"]).get(function.get_absolute_url()).status_code == 200
    edit = reverse("staff:function_edit", kwargs={"public_id": function.public_id})
    assert client_for(world["bob"]).get(edit).status_code == 403
    body = client_for(world["bianca"]).get(reverse("staff:functions")).content.decode()
    assert MENTORING["name_en"] not in body


# --- The annual report -------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_report_pdf_in_the_persons_language(world, client_for, language):
    a_staff_records(world)
    project_with(world, world["bob"], hours=12)
    User.objects.filter(pk=world["bob"].pk).update(language=language)
    # Whoever downloads it (cora reads English pages), it is in bob's language.
    response = client_for(world["cora"]).get(_person_url(world, "staff:report_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert MENTORING[f"name_{language}"] in text
    assert LECTURES[f"name_{language}"] in text
    for other in {"kk", "ru", "en"} - {language}:
        assert MENTORING[f"name_{other}"] not in text
    assert "Bob" in text
    assert "2026/27" in text


def test_report_xlsx_lists_functions_and_activity(world, client_for):
    a_staff_records(world)
    project_with(world, world["bob"], hours=12)
    response = client_for(world["bob"]).get(_person_url(world, "staff:report_xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert MENTORING["name_en"] in cells
    assert "Repairing the playground" in cells
    assert 12 in cells
    assert sheet["A1"].font.bold


def test_report_without_assignment_still_renders(world, client_for):
    response = client_for(world["bob"]).get(_person_url(world, "staff:report_pdf"))
    assert response.status_code == 200
    assert "No assignment for this year" in _pdf_text(response.content)


def test_function_of_other_university_in_form_refused(world, client_for):
    records = a_staff_records(world)
    foreign = make_function(world, actor="charlie", university="b")
    response = client_for(world["cora"]).post(
        reverse("staff:assignment_edit", kwargs={"public_id": records["assignment"].public_id}),
        {
            "person": world["bob"].pk,
            "unit": world["a_department"].pk,
            "position": records["position"].pk,
            "year": YEAR,
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "0",
            "lines-0-function": foreign.pk,
            "lines-0-hours": "5",
        },
    )
    # B's function is not even a choice at A.
    assert response.status_code == 200
    assert "lines" in response.context
    assert response.context["lines"].errors[0]["function"]
    with all_universities():
        assert records["assignment"].lines.count() == 2


def test_navigation_item_for_staff_roles_only(world, client_for):
    for persona, shown in [
        ("bob", True),
        ("cora", True),
        ("erin", True),
        ("bianca", True),
        ("dana", False),
        ("pavel", False),
        ("nora", False),
    ]:
        body = client_for(world[persona]).get("/en/").content.decode()
        assert ('data-nav="staff"' in body) is shown, persona
    assert client_for(world["dana"]).get(reverse("staff:mine")).status_code == 403
