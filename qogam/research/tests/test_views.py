"""The research pages: lists, records, forms, export, file downloads, the science shop and
what shows on a need's, a partner's and the home page."""

from datetime import date
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from qogam.core.tenancy import all_universities
from qogam.research import services
from qogam.research.enums import QuestionStatus
from qogam.research.models import QuestionTaker, ResearchQuestion, Study, StudyOutput
from qogam.research.tests.records import (
    SECRET_QUESTION,
    SECRET_STUDY,
    a_research_records,
    make_question,
    make_study,
    minimal_pdf,
)


def url(name, **kwargs) -> str:
    with translation.override("en"):
        return reverse(f"research:{name}", kwargs=kwargs or None)


def test_study_list_shows_own_private_study_to_staff(world, client_for):
    a_research_records(world)
    body = client_for(world["bob"]).get(url("list")).content.decode()
    assert SECRET_STUDY in body


def test_study_list_charlie_cannot_see_a_private_study(world, client_for):
    a_research_records(world)
    for persona in ["charlie", "bianca", "dana", "pavel", None]:
        client = client_for(world[persona] if persona else None)
        body = client.get(url("list")).content.decode()
        assert SECRET_STUDY not in body, persona


def test_study_list_filters_search_and_sorts(world, client_for):
    make_study(world, title_en="Air of Aqtobe", title_kk="Ауа", status="completed", sdgs=[13])
    make_study(world, title_en="Roads of Aqtobe", title_kk="Жолдар", status="planned", sdgs=[9])
    make_study(
        world,
        title_en="Old study",
        title_kk="Ескі",
        starts_on=date(2020, 1, 1),
        ends_on=date(2020, 6, 1),
    )
    client = client_for(world["erin"])

    def titles(**params):
        page = client.get(url("list"), params).context["page"]
        return [s.title_en for s in page.object_list]

    assert titles(status="completed") == ["Air of Aqtobe"]
    assert titles(sdg=9) == ["Roads of Aqtobe"]
    assert titles(q="roads") == ["Roads of Aqtobe"]
    assert titles(year=2020) == ["Old study"]
    assert titles(sort="title") == ["Air of Aqtobe", "Old study", "Roads of Aqtobe"]
    assert titles(sort="oldest")[0] == "Old study"
    # A bad filter value is reported, not a crash.
    response = client.get(url("list"), {"year": "soon"})
    assert response.status_code == 200
    assert response.context["form"].errors["year"]


def test_study_list_paginates(world, client_for):
    for number in range(27):
        make_study(world, title_kk=f"Зерттеу {number}")
    client = client_for(world["erin"])
    first = client.get(url("list"))
    assert len(first.context["page"].object_list) == 25
    second = client.get(url("list"), {"page": 2})
    assert len(second.context["page"].object_list) == 2


def test_study_list_query_count_does_not_grow(world, client_for, django_assert_max_num_queries):
    for number in range(12):
        make_study(world, title_kk=f"Зерттеу {number}", partner=None)
    client = client_for(world["erin"])
    client.get(url("list"))  # warm the session and the viewer
    with django_assert_max_num_queries(20):
        response = client.get(url("list"))
    assert response.status_code == 200


def test_question_list_query_count_does_not_grow(world, client_for, django_assert_max_num_queries):
    for number in range(8):
        make_question(world, question_kk=f"Тақырып {number}")
    client = client_for(None)
    with django_assert_max_num_queries(12):
        response = client.get(url("questions"))
    assert len(response.context["page"].object_list) == 8


def test_study_detail_charlie_gets_404(world, client_for):
    study = a_research_records(world)["study"]
    assert (
        client_for(world["charlie"]).get(url("study", public_id=study.public_id)).status_code == 404
    )
    response = client_for(world["bob"]).get(url("study", public_id=study.public_id))
    assert response.status_code == 200
    assert SECRET_STUDY in response.content.decode()
    assert "related" in response.context


def test_study_export_gives_the_filtered_studies(world, client_for):
    make_study(world, title_kk="Бірінші", status="completed")
    make_study(world, title_kk="Екінші", status="planned")
    a_research_records(world)
    response = client_for(world["erin"]).get(url("export"), {"status": "completed"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("id", "university", "title_kk")
    assert [r[2] for r in rows[1:]] == ["Бірінші"]
    # charlie's export holds nothing of A's private work.
    charlie = client_for(world["charlie"]).get(url("export"))
    titles = [
        r[2] for r in load_workbook(BytesIO(charlie.content)).active.iter_rows(values_only=True)
    ]
    assert SECRET_STUDY not in titles


def test_study_create_form_saves_and_refuses_wrong_dates(world, client_for):
    client = client_for(world["erin"])
    data = {
        "title_kk": "Қала көлігі",
        "title_en": "City transport",
        "lead_unit": world["a_faculty"].pk,
        "authors": "bob@example.kz",
        "starts_on": "2026-03-01",
        "ends_on": "2026-01-01",
        "status": "planned",
        "visibility": "public",
        "sdgs": ["11"],
    }
    response = client.post(url("create"), data)
    assert response.status_code == 200
    assert "ends_on" in response.context["form"].errors
    with all_universities():
        assert Study.objects.count() == 0
    data["ends_on"] = "2026-12-01"
    response = client.post(url("create"), data)
    with all_universities():
        study = Study.objects.get()
        assert list(study.authors.all()) == [world["bob"]]
    assert response.status_code == 302
    assert response["Location"] == study.get_absolute_url()
    assert study.sdgs == [11]


def test_study_create_form_unknown_author_named(world, client_for):
    response = client_for(world["erin"]).post(
        url("create"),
        {
            "title_kk": "Тест",
            "lead_unit": world["a_faculty"].pk,
            "authors": "nobody@example.kz",
            "starts_on": "2026-03-01",
            "status": "planned",
            "visibility": "private",
        },
    )
    assert "nobody@example.kz" in str(response.context["form"].errors["authors"])


def test_study_create_page_refused_to_staff(world, client_for):
    assert client_for(world["bob"]).get(url("create")).status_code == 403


def test_study_edit_by_author_and_not_by_student(world, client_for):
    study = make_study(world, authors=[world["bob"]])
    assert (
        client_for(world["bob"]).get(url("study_edit", public_id=study.public_id)).status_code
        == 200
    )
    assert client_for(world["dana"]).get(
        url("study_edit", public_id=study.public_id)
    ).status_code in {403, 404}


def test_uptake_form_records_uptake(world, client_for):
    study = make_study(world)
    response = client_for(world["erin"]).post(
        url("uptake", public_id=study.public_id),
        {"uptake": "taken_up", "uptake_on": "2026-09-01", "uptake_note_kk": "Қабылданды"},
    )
    assert response.status_code == 302
    study.refresh_from_db()
    assert study.uptake == "taken_up"


def test_output_upload_and_download_checks_permission(world, client_for):
    study = make_study(world)
    client = client_for(world["erin"])
    response = client.post(
        url("output_create", public_id=study.public_id),
        {"kind": "report", "title_kk": "Есеп", "file": SimpleUploadedFile("r.pdf", minimal_pdf())},
    )
    assert response.status_code == 302
    with all_universities():
        output = StudyOutput.objects.get()
    file_url = url("output_file", public_id=study.public_id, output_id=output.public_id)
    download = client.get(file_url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert client_for(world["charlie"]).get(file_url).status_code == 404
    assert client_for(None).get(file_url).status_code == 404


def test_output_upload_wrong_type_refused_with_message(world, client_for):
    study = make_study(world)
    response = client_for(world["erin"]).post(
        url("output_create", public_id=study.public_id),
        {"kind": "report", "title_kk": "Есеп", "file": SimpleUploadedFile("r.pdf", b"MZ" * 200)},
    )
    assert response.status_code == 200
    assert "accepted types" in str(response.context["form"].errors["file"])
    with all_universities():
        assert StudyOutput.objects.count() == 0


# --- the science shop -------------------------------------------------------------------------


def test_question_list_shows_open_public_topics_to_everyone(world, client_for):
    make_question(world, question_en="An open playground topic")
    a_research_records(world)  # a private, taken topic
    body = client_for(None).get(url("questions")).content.decode()
    assert "An open playground topic" in body
    assert SECRET_QUESTION not in body
    for persona in ["charlie", "bianca"]:
        page = client_for(world[persona]).get(url("questions"), {"status": "all"})
        assert SECRET_QUESTION not in page.content.decode()


def test_question_list_filters_kind_and_status(world, client_for):
    make_question(world, question_en="Course topic", kind="course_project")
    done = make_question(world, question_en="Thesis topic")
    services.withdraw_question(actor=world["erin"], question=done)
    client = client_for(world["dana"])

    def topics(**params):
        return [
            q.question_en for q in client.get(url("questions"), params).context["page"].object_list
        ]

    assert topics() == ["Course topic"]
    assert topics(kind="course_project") == ["Course topic"]
    assert topics(status="withdrawn") == ["Thesis topic"]
    assert sorted(topics(status="all")) == ["Course topic", "Thesis topic"]


def test_question_detail_charlie_gets_404(world, client_for):
    question = a_research_records(world)["question"]
    question_url = url("question", public_id=question.public_id)
    assert client_for(world["charlie"]).get(question_url).status_code == 404
    # Its student and supervisor read it although it is private.
    assert client_for(world["dana"]).get(question_url).status_code == 200
    assert client_for(world["bob"]).get(question_url).status_code == 200


def test_question_flow_through_pages(world, client_for):
    from qogam.needs.tests.factories import published_need  # noqa: PLC0415

    need = published_need(world)
    client = client_for(world["erin"])
    response = client.post(
        url("question_create", need_id=need.public_id),
        {
            "question_kk": "Аула алаңдары",
            "question_en": "Courtyard playgrounds",
            "kind": "master_thesis",
            "unit": world["a_department"].pk,
            "supervisor": world["bob"].pk,
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    with all_universities():
        question = ResearchQuestion.objects.get()
    client = client_for(world["dana"])
    assert client.post(url("question_take", public_id=question.public_id)).status_code == 302
    with all_universities():
        taker = QuestionTaker.objects.get()
    client = client_for(world["bob"])
    client.post(url("question_confirm", public_id=question.public_id, taker_id=taker.public_id))
    question.refresh_from_db()
    assert question.status == QuestionStatus.TAKEN
    response = client.post(
        url("question_complete", public_id=question.public_id), {"summary_en": "x"}
    )
    assert "summary_kk" in response.context["form"].errors
    client.post(
        url("question_complete", public_id=question.public_id),
        {"summary_kk": "Қорытынды қазақша", "summary_en": "The summary in English"},
    )
    question.refresh_from_db()
    assert question.status == QuestionStatus.COMPLETED
    # The summary goes on the need's public timeline, in the reader's language.
    anonymous = client_for(None)
    with translation.override("en"):
        need_url = need.get_absolute_url()
    with translation.override("kk"):
        need_url_kk = need.get_absolute_url()
    assert "The summary in English" in anonymous.get(need_url).content.decode()
    assert "Қорытынды қазақша" in anonymous.get(need_url_kk).content.decode()


def test_question_create_refused_for_staff_and_charlie(world, client_for):
    from qogam.needs.tests.factories import published_need  # noqa: PLC0415

    need = published_need(world)
    create = url("question_create", need_id=need.public_id)
    assert client_for(world["bob"]).get(create).status_code == 403
    assert client_for(world["charlie"]).get(create).status_code == 403


def test_need_page_lists_studies_and_topics_the_viewer_may_see(world, client_for):
    records = a_research_records(world)
    public = make_question(world, need=records["need"], question_en="A public topic")
    with translation.override("en"):
        need_url = records["need"].get_absolute_url()
    staff = client_for(world["bob"]).get(need_url).content.decode()
    assert SECRET_STUDY in staff and SECRET_QUESTION in staff and "A public topic" in staff
    outsider = client_for(world["charlie"]).get(need_url).content.decode()
    assert "A public topic" in outsider
    assert SECRET_STUDY not in outsider and SECRET_QUESTION not in outsider
    assert public.get_absolute_url() in outsider


def test_need_page_marks_fallback_language(world, client_for):
    need = a_research_records(world)["need"]
    make_question(world, need=need, question_kk="Тек қазақша тақырып", question_en="")
    with translation.override("en"):
        body = client_for(None).get(need.get_absolute_url()).content.decode()
    assert 'lang="kk">Тек қазақша тақырып' in body


def test_partner_page_lists_commissioned_studies(world, client_for):
    records = a_research_records(world)
    with translation.override("en"):
        partner_url = records["partner"].get_absolute_url()
    assert SECRET_STUDY in client_for(world["erin"]).get(partner_url).content.decode()


def test_home_panel_shows_my_topics(world, client_for):
    a_research_records(world)
    with translation.override("en"):
        home = reverse("accounts:home")
    assert SECRET_QUESTION in client_for(world["dana"]).get(home).content.decode()
    assert SECRET_QUESTION in client_for(world["bob"]).get(home).content.decode()
    assert "My research topics" not in client_for(world["charlie"]).get(home).content.decode()


def test_nav_shows_research(world, client_for):
    with translation.override("en"):
        home = reverse("accounts:home")
    body = client_for(world["dana"]).get(home).content.decode()
    assert 'data-nav="research"' in body


def test_question_list_offers_needs_to_proposers_only(world, client_for):
    from qogam.needs.tests.factories import published_need  # noqa: PLC0415

    need = published_need(world)
    create = url("question_create", need_id=need.public_id)
    assert create in client_for(world["erin"]).get(url("questions")).content.decode()
    for persona in ["dana", "bob", "charlie"]:
        assert create not in client_for(world[persona]).get(url("questions")).content.decode()


def test_need_page_offers_the_office_to_turn_it_into_a_topic(world, client_for):
    from qogam.needs.tests.factories import published_need  # noqa: PLC0415

    need = published_need(world)
    link = reverse("research:question_create", kwargs={"need_id": need.public_id})
    assert link in client_for(world["erin"]).get(need.get_absolute_url()).content.decode()
    for persona in ["dana", "bob", "charlie"]:
        body = client_for(world[persona]).get(need.get_absolute_url()).content.decode()
        assert link not in body, persona
