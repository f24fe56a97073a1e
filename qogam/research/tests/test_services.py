"""The research services: who may write, what is refused, and the science-shop workflow."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import make_user
from qogam.accounts.services import grant_membership
from qogam.core.enums import Role
from qogam.core.tenancy import all_universities
from qogam.needs.tests.factories import post_need, published_need
from qogam.partners.tests.records import make_partner
from qogam.research import services
from qogam.research.enums import QuestionStatus, Uptake
from qogam.research.models import QuestionTaker, ResearchQuestion, Study
from qogam.research.tests.records import make_question, make_study, minimal_pdf, study_values


def _count(model) -> int:
    with all_universities():
        return model.objects.count()


def test_save_study_by_office_links_everything(world):
    need = published_need(world)
    partner = make_partner(world)
    study = make_study(
        world,
        authors=[world["bob"], world["dana"]],
        units=[world["a_department"], world["a_faculty"]],
        needs=[need],
        partner=partner,
        external_authors="Aigerim Sadykova, Nazarbayev University",
    )
    with all_universities():
        assert set(study.authors.values_list("email", flat=True)) == {
            "bob@example.kz",
            "dana@example.kz",
        }
        # The lead unit is not repeated among the others.
        assert list(study.units.all()) == [world["a_department"]]
        assert list(study.needs.all()) == [need]
    assert study.university_id == world["a"].pk
    assert study.partner == partner


def test_save_study_ends_before_start_refused(world):
    with pytest.raises(ValidationError) as exc:
        make_study(world, starts_on=date(2026, 5, 1), ends_on=date(2026, 4, 1))
    assert "ends_on" in exc.value.message_dict
    assert _count(Study) == 0


def test_save_study_unit_of_other_university_refused(world):
    with pytest.raises(ValidationError) as exc:
        make_study(world, units=[world["b_public"]])
    assert exc.value.message_dict["units"] == ["A unit belongs to another university."]


def test_save_study_author_of_other_university_refused(world):
    with pytest.raises(ValidationError) as exc:
        make_study(world, authors=[world["bianca"]])
    assert "authors" in exc.value.message_dict
    assert "Bianca" in exc.value.message_dict["authors"][0]
    assert _count(Study) == 0


def test_save_study_partner_of_other_university_refused(world):
    b_partner = make_partner(world, actor="charlie", university="b")
    with pytest.raises(ValidationError) as exc:
        make_study(world, partner=b_partner)
    assert "partner" in exc.value.message_dict


def test_save_study_need_of_other_university_refused(world):
    b_need = post_need(world["b"], poster=world["bianca"])
    with pytest.raises(ValidationError) as exc:
        make_study(world, needs=[b_need])
    assert "needs" in exc.value.message_dict


def test_save_study_bad_sdg_refused(world):
    with pytest.raises(ValidationError) as exc:
        make_study(world, sdgs=[3, 18])
    assert "sdgs" in exc.value.message_dict


def test_save_study_without_kazakh_title_refused(world):
    with pytest.raises(ValidationError) as exc:
        make_study(world, title_kk="")
    assert "title_kk" in exc.value.message_dict


def test_save_study_staff_may_not_create(world):
    with pytest.raises(PermissionDenied):
        make_study(world, actor="bob")
    with pytest.raises(PermissionDenied):
        make_study(world, actor="charlie")


def test_save_study_coordinator_only_under_own_unit(world):
    study = make_study(world, actor="cora", lead_unit=world["a_department"])
    assert study.lead_unit == world["a_department"]
    with pytest.raises(PermissionDenied):
        make_study(world, actor="cora", lead_unit=world["a_network_unit"])


def test_save_study_internal_author_edits_it(world):
    study = make_study(world, authors=[world["bob"]])
    saved = services.save_study(
        actor=world["bob"], study=study, values={"title_en": "Renamed by its author"}
    )
    assert saved.title_en == "Renamed by its author"
    other = make_study(world)
    with pytest.raises(PermissionDenied):
        services.save_study(actor=world["bob"], study=other, values={"title_en": "No"})


def test_record_uptake_needs_date_and_note(world):
    study = make_study(world)
    with pytest.raises(ValidationError) as exc:
        services.record_uptake(actor=world["erin"], study=study, uptake=Uptake.TAKEN_UP)
    assert "uptake_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.record_uptake(
            actor=world["erin"], study=study, uptake=Uptake.TAKEN_UP, on=date(2026, 6, 1)
        )
    assert "uptake_note_kk" in exc.value.message_dict
    saved = services.record_uptake(
        actor=world["erin"],
        study=study,
        uptake=Uptake.PARTLY,
        note={"kk": "Әкімдік екі ұсынысты қабылдады.", "en": "Two of five were adopted."},
        on=date(2026, 6, 1),
    )
    assert (saved.uptake, saved.uptake_on, saved.uptake_recorded_by) == (
        Uptake.PARTLY,
        date(2026, 6, 1),
        world["erin"],
    )


def test_record_uptake_by_student_refused(world):
    study = make_study(world)
    with pytest.raises(PermissionDenied):
        services.record_uptake(actor=world["dana"], study=study, uptake=Uptake.UNKNOWN)


def test_add_output_needs_file_doi_or_link(world):
    study = make_study(world)
    with pytest.raises(ValidationError) as exc:
        services.add_output(
            actor=world["erin"], study=study, values={"kind": "report", "title_kk": "Есеп"}
        )
    assert "file" in exc.value.message_dict


def test_add_output_bad_doi_refused(world):
    study = make_study(world)
    with pytest.raises(ValidationError) as exc:
        services.add_output(
            actor=world["erin"],
            study=study,
            values={"kind": "article", "title_kk": "Мақала", "doi": "https://doi.org/10.1/x"},
        )
    assert "doi" in exc.value.message_dict
    output = services.add_output(
        actor=world["erin"],
        study=study,
        values={"kind": "article", "title_kk": "Мақала", "doi": "10.1016/j.cities.2026.104512"},
    )
    assert output.doi_url == "https://doi.org/10.1016/j.cities.2026.104512"


def test_add_output_file_not_pdf_refused(world):
    study = make_study(world)
    fake = SimpleUploadedFile("report.pdf", b"#!/bin/sh\necho not a pdf\n" * 20)
    with pytest.raises(ValidationError) as exc:
        services.add_output(
            actor=world["erin"],
            study=study,
            values={"kind": "report", "title_kk": "Есеп", "file": fake},
        )
    assert "file" in exc.value.message_dict
    pdf = SimpleUploadedFile("report.pdf", minimal_pdf())
    output = services.add_output(
        actor=world["erin"], study=study, values={"kind": "report", "title_kk": "Есеп", "file": pdf}
    )
    assert output.file.name.endswith(".pdf")


# --- the science shop -------------------------------------------------------------------------


def test_create_question_from_unpublished_need_refused(world):
    need = post_need(world["a"], poster=world["dana"])
    with pytest.raises(ValidationError) as exc:
        make_question(world, need=need)
    assert "need" in exc.value.message_dict
    assert _count(ResearchQuestion) == 0


def test_create_question_supervisor_of_other_university_refused(world):
    with pytest.raises(ValidationError) as exc:
        make_question(world, supervisor=world["bianca"])
    assert "supervisor" in exc.value.message_dict


def test_create_question_student_supervisor_refused(world):
    with pytest.raises(ValidationError) as exc:
        make_question(world, supervisor=world["dana"])
    assert "supervisor" in exc.value.message_dict


def test_create_question_by_staff_or_other_university_refused(world):
    need = published_need(world)
    with pytest.raises(PermissionDenied):
        make_question(world, need=need, actor="bob")
    with pytest.raises(PermissionDenied):
        make_question(world, need=need, actor="charlie")


def test_take_question_student_of_other_university_refused(world):
    question = make_question(world)
    b_student = make_user("bolat@example.kz", "Bolat")
    grant_membership(actor=None, user=b_student, university=world["b"], role=Role.STUDENT)
    with pytest.raises(PermissionDenied):
        services.take_question(actor=b_student, question=question)
    with pytest.raises(PermissionDenied):
        services.take_question(actor=world["bob"], question=question)
    assert _count(QuestionTaker) == 0


def test_take_question_twice_refused(world):
    question = make_question(world)
    services.take_question(actor=world["dana"], question=question)
    with pytest.raises(ValidationError):
        services.take_question(actor=world["dana"], question=question)
    assert _count(QuestionTaker) == 1


def test_question_workflow_take_confirm_complete(world):
    question = make_question(world)
    second = make_user("dias@example.kz", "Dias")
    grant_membership(actor=None, user=second, university=world["a"], role=Role.STUDENT)
    taker = services.take_question(actor=world["dana"], question=question)
    services.take_question(actor=second, question=question)
    question.refresh_from_db()
    assert question.status == QuestionStatus.OPEN
    # Completing before a student is confirmed is refused.
    with pytest.raises(ValidationError):
        services.complete_question(actor=world["bob"], question=question, summary={"kk": "X"})
    # Only the supervisor (or the topic's managers) confirms.
    with pytest.raises(PermissionDenied):
        services.confirm_taker(actor=world["dana"], taker=taker)
    services.confirm_taker(actor=world["bob"], taker=taker)
    question.refresh_from_db()
    assert question.status == QuestionStatus.TAKEN
    with pytest.raises(ValidationError) as exc:
        services.complete_question(
            actor=world["bob"], question=question, summary={"en": "Only English"}
        )
    assert "summary_kk" in exc.value.message_dict
    study = make_study(world)
    done = services.complete_question(
        actor=world["bob"],
        question=question,
        summary={"kk": "Алаңдардың жартысы қауіпті.", "en": "Half of the playgrounds are unsafe."},
        study=study,
    )
    assert done.status == QuestionStatus.COMPLETED
    assert done.completed_at is not None
    assert done.study == study


def test_complete_question_study_of_other_university_refused(world):
    question = make_question(world)
    taker = services.take_question(actor=world["dana"], question=question)
    services.confirm_taker(actor=world["bob"], taker=taker)
    b_study = services.save_study(
        actor=world["charlie"],
        university=world["b"],
        values=study_values(world, lead_unit=world["b_public"]),
    )
    with pytest.raises(ValidationError) as exc:
        services.complete_question(
            actor=world["bob"], question=question, summary={"kk": "Қорытынды"}, study=b_study
        )
    assert "study" in exc.value.message_dict
    question.refresh_from_db()
    assert question.status == QuestionStatus.TAKEN


def test_withdraw_question_then_taking_refused(world):
    question = make_question(world)
    services.withdraw_question(actor=world["erin"], question=question)
    with pytest.raises(ValidationError):
        services.take_question(actor=world["dana"], question=question)
