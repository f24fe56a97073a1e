"""The academic link's pages: programmes, courses, enrolling, the student's progress, the
registrar's XLSX export and the admin."""

from decimal import Decimal
from io import BytesIO

import openpyxl
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext

from conftest import make_user
from qogam.accounts.services import grant_membership
from qogam.core.enums import Role
from qogam.core.tenancy import all_universities
from qogam.volunteering import academic
from qogam.volunteering.models import Course, Enrolment, Programme
from qogam.volunteering.tests.records_academic import (
    SECRET_COURSE,
    SECRET_PROGRAMME,
    a_academic_records,
    at,
    make_course,
    make_programme,
    verified_hours,
)

YEAR = academic.academic_year_of()


def _url(name, record=None):
    kwargs = {"public_id": record.public_id} if record is not None else {}
    return reverse(f"volunteering:{name}", kwargs=kwargs)


def _enrolled(course):
    with all_universities():
        return sorted(
            Enrolment.objects.filter(course=course).values_list("student__email", flat=True)
        )


# --- Programmes ------------------------------------------------------------------------------


def test_programmes_list_shows_as_programmes_to_its_staff_and_students_only(world, client_for):
    a_academic_records(world)
    for persona in ("erin", "bob", "dana"):
        body = client_for(world[persona]).get(_url("programmes")).content.decode()
        assert SECRET_PROGRAMME in body and SECRET_COURSE in body, persona
    for persona in ("charlie", "bianca", "pavel"):
        body = client_for(world[persona]).get(_url("programmes")).content.decode()
        assert SECRET_PROGRAMME not in body and SECRET_COURSE not in body, persona
    response = client_for(None).get(_url("programmes"))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_programmes_list_add_buttons_for_managers_only(world, client_for):
    add = _url("programme_create")
    assert add in client_for(world["erin"]).get(_url("programmes")).content.decode()
    assert add in client_for(world["cora"]).get(_url("programmes")).content.decode()
    assert add not in client_for(world["dana"]).get(_url("programmes")).content.decode()


def test_programmes_list_query_count_does_not_grow(
    world, client_for, django_assert_max_num_queries
):
    for n in range(15):
        programme = make_programme(world, code=f"P{n}", name_en=f"Programme {n}")
        make_course(world, code=f"C{n}", programmes=[programme], kinds=["outreach"])
    client = client_for(world["dana"])
    with django_assert_max_num_queries(12):
        response = client.get(_url("programmes"))
    assert response.content.decode().count("Programme 1") >= 6


def test_programme_page_lists_service_learning_courses_with_hours_and_kinds(world, client_for):
    programme = make_programme(world)
    make_course(
        world,
        code="SL1",
        name_en="Teaching children to read",
        required_hours=Decimal("24"),
        kinds=["outreach", "cultural"],
        programmes=[programme],
    )
    make_course(
        world,
        code="TH1",
        name_en="Theory of social work",
        service_learning=False,
        programmes=[programme],
    )
    make_course(world, code="XX1", name_en="A course of no programme")
    body = client_for(world["dana"]).get(_url("programme", programme)).content.decode()
    service_learning, other = body.split('id="other-courses"')
    assert "Teaching children to read" in service_learning
    assert "Service-learning course" in service_learning
    assert "<td>24</td>" in service_learning
    assert "Public lecture or school outreach, Cultural or spiritual-moral initiative" in body
    assert "Theory of social work" in other and "Theory of social work" not in service_learning
    assert "A course of no programme" not in body
    assert _url("programme_edit", programme) not in body  # dana does not manage it


def test_programme_form_creates_and_edits_through_the_service(world, client_for):
    client = client_for(world["erin"])
    data = {
        "unit": world["a_faculty"].pk,
        "code": "6B0101",
        "name_kk": "Педагогика",
        "name_ru": "",
        "name_en": "Pedagogy",
        "level": "master",
    }
    response = client.post(_url("programme_create"), {**data, "name_kk": ""})
    assert response.status_code == 200
    assert "missing its Kazakh translation" in response.content.decode()
    response = client.post(_url("programme_create"), data)
    with all_universities():
        programme = Programme.objects.get(code="6B0101")
    assert response.status_code == 302 and response["Location"] == _url("programme", programme)
    response = client.post(_url("programme_edit", programme), {**data, "name_en": "Pedagogy II"})
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.name_en == "Pedagogy II" and programme.level == "master"


def test_programme_edit_refused_to_coordinator_of_another_unit_and_to_students(world, client_for):
    programme = make_programme(world, unit=world["a_network_unit"])
    assert client_for(world["cora"]).get(_url("programme_edit", programme)).status_code == 403
    assert client_for(world["dana"]).get(_url("programme_edit", programme)).status_code == 403
    assert client_for(world["charlie"]).get(_url("programme_edit", programme)).status_code == 404


# --- Courses ---------------------------------------------------------------------------------


def test_course_form_offers_a_coordinator_their_units_only(world, client_for):
    body = client_for(world["cora"]).get(_url("course_create")).content.decode()
    assert "A Faculty of Science" in body and "A Department of Physics" in body
    assert "A Network Institute" not in body


def test_course_form_saves_kinds_programmes_and_hours(world, client_for):
    programme = make_programme(world)
    client = client_for(world["cora"])
    response = client.get(f"{_url('course_create')}?programme={programme.public_id}")
    assert f'value="{programme.pk}" id="id_programmes_0" checked' in response.content.decode()
    data = {
        "unit": world["a_department"].pk,
        "programmes": [programme.pk],
        "code": "PHY-SL",
        "name_kk": "Физика мектептерге",
        "name_en": "Physics for schools",
        "credits": 3,
        "service_learning": "on",
        "required_hours": "",
        "kinds": ["outreach"],
    }
    response = client.post(_url("course_create"), data)
    assert response.status_code == 200
    assert "needs the number of verified hours" in response.content.decode()
    response = client.post(_url("course_create"), {**data, "required_hours": "15"})
    with all_universities():
        course = Course.objects.get(code="PHY-SL")
        assert list(course.programmes.all()) == [programme]
    assert response.status_code == 302
    assert course.kinds == ["outreach"] and course.required_hours == Decimal("15")


def test_course_page_manager_sees_enrolled_students_with_progress(world, client_for):
    records = a_academic_records(world)
    course = records["course"]
    verified_hours(world, starts_at=at(YEAR, 10, 5), hours=5)
    body = client_for(world["erin"]).get(_url("course", course)).content.decode()
    assert "dana@example.kz" in body
    assert "5 of 20" in body
    assert '<progress max="100" value="25"' in body
    assert _url("enrolment_remove", records["enrolment"]) in body
    assert _url("enrol", course) in body


def test_course_page_student_sees_details_not_the_enrolled(world, client_for):
    records = a_academic_records(world)
    body = client_for(world["dana"]).get(_url("course", records["course"])).content.decode()
    assert SECRET_COURSE in body
    assert "Every kind" in body
    assert "dana@example.kz" not in body
    assert _url("enrol", records["course"]) not in body


def test_course_page_query_count_does_not_grow(world, client_for, django_assert_max_num_queries):
    course = make_course(world)
    emails = []
    for n in range(12):
        user = make_user(f"student{n}@example.kz", f"Student {n}")
        grant_membership(actor=None, user=user, university=world["a"], role=Role.STUDENT)
        emails.append(user.email)
    academic.enrol(actor=world["erin"], course=course, academic_year=YEAR, emails=emails)
    client = client_for(world["erin"])
    with django_assert_max_num_queries(14):
        response = client.get(_url("course", course))
    assert response.content.decode().count("@example.kz</td>") == 12


def test_enrol_page_names_bad_lines_and_saves_nothing(world, client_for):
    course = make_course(world)
    client = client_for(world["erin"])
    response = client.post(
        _url("enrol", course),
        {"academic_year": YEAR, "emails": "dana@example.kz\nghost@example.kz\nbob@example.kz"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Line 2: no account has the e-mail address ghost@example.kz." in body
    assert "Line 3: bob@example.kz is not a student of Aqtobe Technical University." in body
    assert _enrolled(course) == []
    response = client.post(
        _url("enrol", course), {"academic_year": YEAR, "emails": "dana@example.kz"}
    )
    assert response.status_code == 302
    assert _enrolled(course) == ["dana@example.kz"]
    assert "1 student enrolled." in client.get(response["Location"]).content.decode()


def test_enrol_and_remove_refused_to_b_and_to_students(world, client_for):
    records = a_academic_records(world)
    course = records["course"]
    data = {"academic_year": YEAR, "emails": "dana@example.kz"}
    assert client_for(world["dana"]).post(_url("enrol", course), data).status_code == 403
    assert client_for(world["charlie"]).post(_url("enrol", course), data).status_code == 404
    remove = _url("enrolment_remove", records["enrolment"])
    assert client_for(world["dana"]).post(remove).status_code == 404
    assert client_for(world["charlie"]).post(remove).status_code == 404
    assert _enrolled(course) == ["dana@example.kz"]
    response = client_for(world["cora"]).post(remove)
    assert response.status_code == 302
    assert _enrolled(course) == []


# --- The student's progress ------------------------------------------------------------------


def test_my_progress_shows_hours_remaining_and_where_to_volunteer(world, client_for):
    course = make_course(world, kinds=["outreach"], required_hours=Decimal("8"), code="SL8")
    academic.enrol(
        actor=world["erin"], course=course, academic_year=YEAR, emails=["dana@example.kz"]
    )
    verified_hours(world, kind="outreach", starts_at=at(YEAR, 9, 20), hours=6)
    verified_hours(world, kind="cultural", starts_at=at(YEAR, 9, 25), hours=6)
    body = client_for(world["dana"]).get(_url("my_progress")).content.decode()
    assert "SL8 Serving the community" in body
    assert academic.academic_year_label(YEAR) in body
    assert "<td>8</td>" in body and "<td>6</td>" in body and "<td>2</td>" in body
    assert '<progress max="100" value="75"' in body
    assert f'href="{_url("list")}?kind=outreach"' in body
    assert (
        "You are not enrolled" in client_for(world["bob"]).get(_url("my_progress")).content.decode()
    )


def test_links_to_the_academic_pages(world, client_for):
    assert _url("my_progress") in client_for(world["dana"]).get(_url("mine")).content.decode()
    assert _url("programmes") in client_for(world["erin"]).get(_url("list")).content.decode()
    assert _url("programmes") not in client_for(world["dana"]).get(_url("list")).content.decode()


# --- The registrar's export ------------------------------------------------------------------


def _export(client, **params):
    query = {"university": "aqtobe-tech", "year": YEAR, "language": "ru", **params}
    return client.get(_url("registrar_export"), query)


def test_registrar_export_has_a_row_per_enrolment_with_credits_earned(world, client_for):
    sam = make_user("sam@example.kz", "Sam Sadyqov")
    grant_membership(actor=None, user=sam, university=world["a"], role=Role.STUDENT)
    course = make_course(world, required_hours=Decimal("4"), credits=5, kinds=["outreach"])
    other = make_course(
        world,
        code="SL200",
        name_ru="Экология города",
        required_hours=Decimal("1"),
        unit=world["a_network_unit"],
    )
    academic.enrol(
        actor=world["erin"],
        course=course,
        academic_year=YEAR,
        emails=["dana@example.kz", "sam@example.kz"],
    )
    academic.enrol(
        actor=world["erin"], course=other, academic_year=YEAR - 1, emails=["sam@example.kz"]
    )
    verified_hours(world, kind="outreach", starts_at=at(YEAR, 10, 1), hours=4.5)
    verified_hours(world, student="dana", kind="cultural", starts_at=at(YEAR, 10, 2), hours=9)
    world["sam"] = sam
    verified_hours(world, student="sam", kind="outreach", starts_at=at(YEAR, 10, 3), hours=1.5)

    response = _export(client_for(world["erin"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"service-learning-aqtobe-tech-{YEAR}.xlsx" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(BytesIO(response.content)).active
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.column_dimensions["D"].width > sheet.column_dimensions["C"].width
    with translation.override("ru"):
        yes, no = pgettext("registrar export", "yes"), pgettext("registrar export", "no")
    assert list(sheet.iter_rows(min_row=2, values_only=True)) == [
        ("Dana", "dana@example.kz", "SL101", "Служение обществу", 5, 4, 4.5, yes, 5),
        ("Sam Sadyqov", "sam@example.kz", "SL101", "Служение обществу", 5, 4, 1.5, no, 0),
    ]
    english = openpyxl.load_workbook(
        BytesIO(_export(client_for(world["erin"]), language="en").content)
    ).active
    assert list(english.iter_rows(values_only=True))[:2] == [
        (
            "Student's name",
            "Student's e-mail",
            "Course code",
            "Course name",
            "Credits (ECTS)",
            "Verified hours required",
            "Verified hours",
            "Hours complete",
            "Credits earned",
        ),
        ("Dana", "dana@example.kz", "SL101", "Serving the community", 5, 4, 4.5, "yes", 5),
    ]
    # The other course's enrolment is of last year: in that year's file only.
    last_year = openpyxl.load_workbook(
        BytesIO(_export(client_for(world["erin"]), year=YEAR - 1).content)
    ).active
    assert [r[2:4] for r in last_year.iter_rows(min_row=2, values_only=True)] == [
        ("SL200", "Экология города")
    ]


def test_registrar_export_coordinator_for_own_units_only(world, client_for):
    inside = make_course(world, unit=world["a_department"], code="IN1")
    outside = make_course(world, unit=world["a_network_unit"], code="OUT1")
    for course in (inside, outside):
        academic.enrol(
            actor=world["erin"], course=course, academic_year=YEAR, emails=["dana@example.kz"]
        )
    client = client_for(world["cora"])
    response = _export(client)  # the whole university: not hers
    assert response.status_code == 200 and "text/html" in response["Content-Type"]
    assert "You may export the courses of your own units only." in response.content.decode()
    response = _export(client, unit=str(world["a_faculty"].public_id), language="en")
    sheet = openpyxl.load_workbook(BytesIO(response.content)).active
    assert [r[2] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["IN1"]


def test_registrar_export_refused_to_b_students_and_staff(world, client_for):
    a_academic_records(world)
    for persona in ("charlie", "bianca"):
        response = _export(client_for(world[persona]))
        assert "spreadsheetml" not in response.get("Content-Type", ""), persona
        assert b"dana@example.kz" not in response.content
    for persona in ("dana", "bob", "pavel"):
        assert _export(client_for(world[persona])).status_code == 403, persona


# --- Admin -----------------------------------------------------------------------------------


def test_admin_adds_a_programme_through_the_service(world, client_for):
    client = client_for(world["alice"])
    data = {
        "university": world["a"].pk,
        "unit": world["a_faculty"].pk,
        "code": "ADM1",
        "name_kk": "",
        "name_ru": "",
        "name_en": "Admin's programme",
        "level": "bachelor",
    }
    url = reverse("admin:volunteering_programme_add")
    response = client.post(url, {**data, "name_kk": "Әкімшілік"})
    assert response.status_code == 302, response.content.decode()[:2000]
    with all_universities():
        assert Programme.objects.get(code="ADM1").name_en == "Admin's programme"
    records = a_academic_records(world)
    change = reverse("admin:volunteering_course_change", args=[records["course"].pk])
    assert client.get(change).status_code == 200


def test_admin_hides_as_academic_records_from_b(world, client_for):
    records = a_academic_records(world)
    client = client_for(world["charlie"])
    for model in ("programme", "course", "enrolment"):
        url = reverse(f"admin:volunteering_{model}_change", args=[records[model].pk])
        assert client.get(url).status_code in {403, 404}, model
    body = client.get(reverse("admin:volunteering_course_changelist")).content.decode()
    assert SECRET_COURSE not in body
