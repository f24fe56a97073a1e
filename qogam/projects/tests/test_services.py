"""The project services: validation, universities, permissions and the needs' workflow."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qogam.core.tenancy import all_universities
from qogam.needs.enums import EventKind, NeedState
from qogam.needs.tests.factories import post_need, published_need
from qogam.partners.tests.records import make_partner
from qogam.projects import services
from qogam.projects.models import Participant, Project
from qogam.projects.tests.factories import VALUES, make_project, png_upload


def _count() -> int:
    with all_universities():
        return Project.objects.count()


def test_create_project_by_admin_saves_relations(world):
    partner = make_partner(world)
    project = make_project(
        world,
        relations={
            "units": [world["a_department"]],
            "responsible": [world["bob"]],
            "partners": [partner],
        },
        funding=[{"source": "akimat", "amount": "150000"}],
        budget="200000",
    )
    with all_universities():
        assert list(project.partners.all()) == [partner]
        assert list(project.responsible.all()) == [world["bob"]]
    assert project.funding_total == 150000


def test_create_project_ending_before_it_starts_is_refused(world):
    with pytest.raises(ValidationError) as error:
        make_project(world, ends_on=date(2026, 2, 1))
    assert error.value.message_dict["ends_on"] == ["A project cannot end before it starts."]
    assert _count() == 0


def test_create_project_with_outcome_while_running_is_refused(world):
    with pytest.raises(ValidationError) as error:
        make_project(world, status="running", outcomes_en="Forty children have a playground.")
    assert "outcome" in error.value.message_dict["outcomes_en"][0].lower()


def test_create_project_with_outcome_when_finished_is_saved(world):
    project = make_project(world, status="finished", outcomes_en="Forty children play there.")
    assert project.outcomes_en == "Forty children play there."


def test_create_project_without_kazakh_title_is_refused(world):
    with pytest.raises(ValidationError) as error:
        make_project(world, title_kk="")
    assert "title_kk" in error.value.message_dict


def test_create_project_with_unknown_component_or_goal_is_refused(world):
    with pytest.raises(ValidationError) as error:
        make_project(world, components=["magic"], sdgs=[18])
    assert set(error.value.message_dict) >= {"components", "sdgs"}


def test_create_project_with_bad_funding_row_is_refused(world):
    with pytest.raises(ValidationError) as error:
        make_project(world, funding=[{"source": "akimat", "amount": "-5"}])
    assert "funding" in error.value.message_dict


def test_create_project_with_unit_of_other_university_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.create_project(
            actor=world["alice"],
            university=world["a"],
            values={**VALUES, "lead_unit": world["b_public"]},
        )
    assert error.value.message_dict["lead_unit"] == ["The unit belongs to another university."]


def test_create_project_with_partner_or_staff_of_other_university_is_refused(world):
    b_partner = make_partner(world, actor="charlie", university="b", name_kk="Байқоңыр әкімдігі")
    with pytest.raises(ValidationError) as error:
        make_project(world, relations={"partners": [b_partner], "responsible": [world["bianca"]]})
    assert set(error.value.message_dict) == {"partners", "responsible"}
    assert _count() == 0


def test_create_project_by_coordinator_for_own_subtree_is_allowed(world):
    project = make_project(world, actor="cora", lead_unit=world["a_department"])
    assert project.lead_unit == world["a_department"]


def test_create_project_by_coordinator_for_other_unit_is_refused(world):
    with pytest.raises(PermissionDenied):
        make_project(world, actor="cora", lead_unit=world["a_network_unit"])


@pytest.mark.parametrize("persona", ["bob", "dana", "pavel", "charlie"])
def test_create_project_by_others_is_refused(world, persona):
    with pytest.raises(PermissionDenied):
        make_project(world, actor=persona)


def test_update_project_by_responsible_staff_is_allowed(world):
    project = make_project(world, relations={"responsible": [world["bob"]]})
    project = services.update_project(
        actor=world["bob"], project=project, values={"status": "running"}
    )
    assert project.status == "running"


def test_update_project_by_coordinator_moving_it_out_of_her_unit_is_refused(world):
    project = make_project(world, actor="cora")
    with pytest.raises(PermissionDenied):
        services.update_project(
            actor=world["cora"], project=project, values={"lead_unit": world["a_network_unit"]}
        )
    project.refresh_from_db()
    assert project.lead_unit == world["a_faculty"]


def test_project_addressing_published_need_moves_it_in_progress(world):
    need = published_need(world)
    make_project(world, actor="cora", relations={"needs": [need]})
    need.refresh_from_db()
    assert need.state == NeedState.IN_PROGRESS
    assert need.unit == world["a_faculty"]
    with all_universities():
        kinds = list(need.events.values_list("kind", flat=True))
    assert kinds[-2:] == [EventKind.ACCEPTED, EventKind.STARTED]


def test_project_addressing_unpublished_need_is_refused_whole(world):
    need = post_need(world["a"], poster=world["dana"])
    with pytest.raises(ValidationError) as error:
        make_project(world, relations={"needs": [need]})
    assert need.title in error.value.message_dict["needs"][0]
    assert _count() == 0


def test_project_linking_need_without_permission_is_refused_whole(world):
    # bob is responsible, but taking up a need is the coordinators' and the office's.
    project = make_project(world, relations={"responsible": [world["bob"]]})
    need = published_need(world)
    with pytest.raises(ValidationError) as error:
        services.update_project(
            actor=world["bob"], project=project, values={"district": "Алматы"}, needs=[need]
        )
    assert "cannot be taken up" in error.value.message_dict["needs"][0]
    project.refresh_from_db()
    need.refresh_from_db()
    assert (project.district, need.state) == ("", NeedState.PUBLISHED)


def test_add_participant_from_university_is_saved(world):
    project = make_project(world)
    participant = services.add_participant(
        actor=world["alice"], project=project, user=world["dana"], role="volunteer", hours=6
    )
    assert (participant.role, participant.hours) == ("volunteer", 6)


def test_add_participant_from_other_university_is_refused(world):
    project = make_project(world)
    with pytest.raises(ValidationError) as error:
        services.add_participant(
            actor=world["alice"], project=project, user=world["bianca"], role="member"
        )
    assert "not a member of the project's university" in error.value.message_dict["user"][0]


def test_add_participant_twice_is_refused(world):
    project = make_project(world)
    services.add_participant(actor=world["alice"], project=project, user=world["bob"], role="lead")
    with pytest.raises(ValidationError):
        services.add_participant(
            actor=world["alice"], project=project, user=world["bob"], role="member"
        )
    with all_universities():
        assert Participant.objects.filter(project=project).count() == 1


def test_add_participant_by_staff_not_responsible_is_refused(world):
    project = make_project(world)
    with pytest.raises(PermissionDenied):
        services.add_participant(
            actor=world["bob"], project=project, user=world["dana"], role="member"
        )


def test_post_update_with_photo_is_saved(world):
    project = make_project(world)
    update = services.post_update(
        actor=world["alice"],
        project=project,
        on=date(2026, 3, 2),
        title={"kk": "Жұмыс басталды"},
        photos=[png_upload()],
    )
    with all_universities():
        assert update.photos.count() == 1


def test_post_update_with_script_as_photo_is_refused(world):
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    project = make_project(world)
    fake = SimpleUploadedFile("photo.png", b"#!/bin/sh\necho hi\n", content_type="image/png")
    with pytest.raises(ValidationError) as error:
        services.post_update(
            actor=world["alice"],
            project=project,
            on=date(2026, 3, 2),
            title={"kk": "Жұмыс"},
            photos=[fake],
        )
    assert "photo.png" in error.value.message_dict["photos"][0]
    with all_universities():
        assert project.updates.count() == 0


def test_post_update_before_start_is_refused(world):
    project = make_project(world)
    with pytest.raises(ValidationError) as error:
        services.post_update(
            actor=world["alice"], project=project, on=date(2026, 1, 1), title={"kk": "Ерте"}
        )
    assert "on" in error.value.message_dict


def test_add_evidence_needs_file_or_link(world):
    project = make_project(world)
    with pytest.raises(ValidationError):
        services.add_evidence(actor=world["alice"], project=project, title="Nothing")
    evidence = services.add_evidence(
        actor=world["alice"], project=project, title="Article", url="https://example.kz/a"
    )
    assert evidence.get_absolute_url() == "https://example.kz/a"


def test_address_project_needs_after_finish_closes_the_loop(world):
    need = published_need(world)
    project = make_project(world, actor="cora", relations={"needs": [need]})
    project = services.update_project(
        actor=world["cora"],
        project=project,
        values={"status": "finished", "outcomes_kk": "Алаң жөнделді"},
    )
    report = {"kk": "Алаң жөнделді", "ru": "Площадка отремонтирована", "en": "Repaired"}
    done = services.address_project_needs(
        actor=world["cora"], project=project, needs=[need], report=report
    )
    need.refresh_from_db()
    assert [n.pk for n in done] == [need.pk]
    assert (need.state, need.report_en) == (NeedState.ADDRESSED, "Repaired")


def test_address_project_needs_before_finish_is_refused(world):
    need = published_need(world)
    project = make_project(world, actor="cora", relations={"needs": [need]})
    with pytest.raises(ValidationError):
        services.address_project_needs(
            actor=world["cora"], project=project, needs=[need], report={"kk": "Жасалды"}
        )
