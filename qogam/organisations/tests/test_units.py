import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qogam.core.tenancy import all_universities
from qogam.organisations import services
from qogam.organisations.models import Unit


def test_move_unit_under_its_own_child_is_refused_and_nothing_changes(world):
    faculty, department = world["a_faculty"], world["a_department"]
    with pytest.raises(ValidationError) as caught:
        services.update_unit(actor=world["alice"], unit=faculty, values={"parent": department})
    assert "parent" in caught.value.message_dict
    assert "sub-units" in caught.value.message_dict["parent"][0]
    with all_universities():
        faculty.refresh_from_db()
    assert faculty.parent_id is None


def test_move_unit_under_other_universitys_unit_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        services.update_unit(
            actor=world["alice"], unit=world["a_department"], values={"parent": world["b_public"]}
        )
    assert caught.value.message_dict["parent"] == ["The parent unit belongs to another university."]


def test_create_unit_in_other_university_is_denied(world):
    with pytest.raises(PermissionDenied):
        services.create_unit(
            actor=world["alice"], university=world["b"], values={"kind": "faculty", "name_kk": "X"}
        )
    with all_universities():
        assert Unit.objects.filter(name_kk="X").count() == 0


def test_delete_unit_with_children_is_refused(world):
    with pytest.raises(ValidationError):
        services.delete_unit(actor=world["alice"], unit=world["a_faculty"])
    with all_universities():
        assert Unit.objects.filter(pk=world["a_faculty"].pk).exists()


def test_unit_form_without_kazakh_name_names_the_missing_translation(world, client_for):
    client = client_for(world["alice"])
    response = client.post(
        "/en/organisations/universities/aqtobe-tech/units/new/",
        {"kind": "faculty", "name_kk": "", "name_ru": "Факультет", "visibility": "public"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name_kk"] == [
        "“Name [kk]” is missing its Kazakh translation."
    ]
    with all_universities():
        assert not Unit.objects.filter(name_ru="Факультет").exists()


def test_unit_form_creates_unit_and_shows_fallback_language(world, client_for):
    client = client_for(world["alice"])
    response = client.post(
        "/en/organisations/universities/aqtobe-tech/units/new/",
        {"kind": "centre", "name_kk": "Волонтерлік орталығы", "visibility": "public"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    # No English name: the Kazakh one is shown, marked with its language.
    assert '<span lang="kk">Волонтерлік орталығы</span>' in page
    assert 'class="fallback"' in page


def test_coordinator_edits_own_faculty_but_cannot_move_it(world):
    cora, faculty = world["cora"], world["a_faculty"]
    unit = services.update_unit(actor=cora, unit=faculty, values={"name_en": "Faculty of Sciences"})
    assert unit.name_en == "Faculty of Sciences"
    with pytest.raises(PermissionDenied):
        services.update_unit(actor=cora, unit=faculty, values={"parent": world["a_network_unit"]})


@pytest.mark.parametrize("count", [1, 3])
def test_university_page_query_count_does_not_grow_with_units(
    world, client_for, django_assert_max_num_queries, count
):
    from conftest import make_unit  # noqa: PLC0415 -- test helper module, not an app

    with all_universities():
        for i in range(count):
            make_unit(world["a"], f"Extra {i}", visibility="public")
    client = client_for(world["bob"])
    with django_assert_max_num_queries(12):
        response = client.get("/en/organisations/universities/aqtobe-tech/")
    assert response.status_code == 200
