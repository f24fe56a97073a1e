"""Conferences, their resolutions and the implementation table across the members."""

import io
from datetime import date

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from qogam.network import queries_conferences as queries
from qogam.network.enums import MembershipStatus
from qogam.network.models import Conference, Recommendation, Resolution
from qogam.network.services import conferences as services
from qogam.network.tests.records_conferences import (
    RECOMMENDATIONS,
    SECRET_NOTE,
    a_conference_records,
    make_conference,
    make_membership,
    make_resolution,
)
from qogam.organisations.models import University


def _url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def test_create_conference_by_university_admin_refused(world):
    with pytest.raises(PermissionDenied):
        make_conference(world, actor="charlie")
    assert Conference.objects.count() == 0


def test_create_conference_without_kazakh_title_refused(world):
    with pytest.raises(ValidationError) as caught:
        make_conference(world, title_kk="")
    assert list(caught.value.message_dict) == ["title_kk"]


def test_create_conference_ending_before_start_refused(world):
    with pytest.raises(ValidationError) as caught:
        make_conference(world, ends_on=date(2019, 10, 29))
    assert "__all__" in caught.value.message_dict
    assert Conference.objects.count() == 0


def test_add_participant_without_university_or_organisation_refused(world):
    conference = make_conference(world)
    with pytest.raises(ValidationError) as caught:
        services.add_participant(
            actor=world["nora"], conference=conference, values={"name": "Somebody"}
        )
    assert list(caught.value.message_dict) == ["organisation"]


def test_add_participant_section_of_other_conference_refused(world):
    first = make_conference(world)
    second = make_conference(world, title_en="Another", title_kk="Басқа")
    section = services.add_section(
        actor=world["nora"], conference=second, values={"title_kk": "Секция"}
    )
    with pytest.raises(ValidationError) as caught:
        services.add_participant(
            actor=world["nora"],
            conference=first,
            values={"name": "Somebody", "organisation": "Akimat", "section": section},
        )
    assert list(caught.value.message_dict) == ["section"]


def test_add_section_numbers_after_the_last(world):
    conference = make_conference(world)
    orders = [
        services.add_section(
            actor=world["nora"], conference=conference, values={"title_kk": title}
        ).order
        for title in ("Пленарлық", "1-секция", "2-секция")
    ]
    assert orders == [0, 1, 2]


def test_adopt_resolution_numbers_recommendations_in_order(world):
    resolution = make_resolution(world, make_conference(world))
    assert list(resolution.recommendations.values_list("number", "text_en")) == [
        (1, RECOMMENDATIONS[0]["text_en"]),
        (2, RECOMMENDATIONS[1]["text_en"]),
        (3, RECOMMENDATIONS[2]["text_en"]),
    ]


def test_adopt_resolution_with_bad_recommendation_saves_nothing(world):
    conference = make_conference(world)
    bad = [RECOMMENDATIONS[0], {"text_en": "No Kazakh text"}]
    with pytest.raises(ValidationError) as caught:
        make_resolution(world, conference, recommendations=bad)
    assert list(caught.value.message_dict) == ["text_kk"]
    assert Resolution.objects.count() == 0
    assert Recommendation.objects.count() == 0


def test_add_recommendation_numbers_after_the_last(world):
    resolution = make_resolution(world, make_conference(world))
    added = services.add_recommendation(
        actor=world["nora"], resolution=resolution, values={"text_kk": "Төртінші"}
    )
    assert added.number == 4


def test_conference_page_members_only_hidden_from_outsiders(world, client_for):
    conference = a_conference_records(world)["conference"]
    url = _url("network:conference", public_id=conference.public_id)
    assert client_for(None).get(url).status_code == 404
    assert client_for(world["pavel"]).get(url).status_code == 404
    response = client_for(world["charlie"]).get(url)
    assert response.status_code == 200
    assert "Plenary session" in response.content.decode()


def test_conference_page_hidden_from_university_that_left(world, client_for):
    conference = a_conference_records(world)["conference"]
    make_membership(world, "b", MembershipStatus.LEFT)
    url = _url("network:conference", public_id=conference.public_id)
    assert client_for(world["charlie"]).get(url).status_code == 404


def test_conference_public_shown_to_anonymous_without_table(world, client_for):
    records = a_conference_records(world)
    services.update_conference(
        actor=world["nora"], conference=records["conference"], values={"is_public": True}
    )
    client = client_for(None)
    assert client.get(_url("network:conferences")).status_code == 200
    body = client.get(
        _url("network:resolution", public_id=records["resolution"].public_id)
    ).content.decode()
    assert RECOMMENDATIONS[0]["text_en"] in body
    assert 'class="implementation"' not in body


def test_conference_create_view_by_network_admin_saves(world, client_for):
    client = client_for(world["nora"])
    response = client.post(
        _url("network:conference_create"),
        {
            "title_kk": "Жаңа конференция",
            "title_en": "A new conference",
            "starts_on": "2026-05-14",
            "ends_on": "2026-05-15",
            "place": "Aqtobe",
            "host_university": world["a"].pk,
        },
    )
    conference = Conference.objects.get()
    assert response.status_code == 302
    assert response["Location"] == conference.get_absolute_url()
    assert (conference.title_en, conference.host_university_id) == (
        "A new conference",
        world["a"].pk,
    )


def test_conference_create_view_by_university_admin_forbidden(world, client_for):
    response = client_for(world["alice"]).get(_url("network:conference_create"))
    assert response.status_code == 403


def test_resolution_page_shows_statuses_not_notes_to_other_member(world, client_for):
    records = a_conference_records(world)
    url = _url("network:resolution", public_id=records["resolution"].public_id)
    body = client_for(world["charlie"]).get(url).content.decode()
    assert 'class="status status-in_progress">In progress<' in body
    assert SECRET_NOTE not in body


def test_implementation_table_counts_per_status(world):
    records = a_conference_records(world)
    recommendations = list(records["resolution"].recommendations.all())
    services.record_response(
        actor=world["charlie"],
        recommendation=recommendations[0],
        university=world["b"],
        status="implemented",
    )
    services.record_response(
        actor=world["charlie"],
        recommendation=recommendations[1],
        university=world["b"],
        status="planned",
    )
    table = queries.implementation_table(records["resolution"])
    assert [m.slug for m in table.members] == ["aqtobe-tech", "baikonur-state"]
    assert [row.cells for row in table.rows] == [
        ["in_progress", "implemented"],
        [None, "planned"],
        [None, None],
    ]
    assert table.rows[0].counts == {
        "planned": 0,
        "in_progress": 1,
        "implemented": 1,
        "not_applicable": 0,
    }
    assert table.totals == {"planned": 1, "in_progress": 1, "implemented": 1, "not_applicable": 0}
    assert table.unanswered == 3


def test_implementation_table_leaves_out_member_that_left(world):
    records = a_conference_records(world)
    make_membership(world, "a", MembershipStatus.LEFT)
    table = queries.implementation_table(records["resolution"])
    assert [m.slug for m in table.members] == ["baikonur-state"]
    assert [row.cells for row in table.rows] == [[None], [None], [None]]
    assert table.totals["in_progress"] == 0


def test_implementation_table_query_count_does_not_grow_with_members(world, client_for):
    records = a_conference_records(world)
    url = _url("network:resolution", public_id=records["resolution"].public_id)
    client = client_for(world["nora"])
    with CaptureQueriesContext(connection) as two_members:
        assert client.get(url).status_code == 200
    for index in range(4):
        university = University.objects.create(
            network=world["network"], slug=f"extra-{index}", name_kk=f"Қосымша {index}"
        )
        world[f"extra{index}"] = university
        make_membership(world, f"extra{index}")
    with CaptureQueriesContext(connection) as six_members:
        body = client.get(url).content.decode()
    # The extra members have Kazakh names only: the English page shows them as a fallback.
    assert body.count('<th scope="col"><span lang="kk">Қосымша') == 4
    assert len(six_members) == len(two_members)


def test_resolution_xlsx_holds_the_table(world, client_for):
    records = a_conference_records(world)
    response = client_for(world["charlie"]).get(
        _url("network:resolution_xlsx", public_id=records["resolution"].public_id)
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="resolution-of-the-conference-implementation.xlsx"'
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert rows[0][:4] == [
        "No.",
        "Recommendation",
        "Aqtobe Technical University",
        "Baikonur State University",
    ]
    assert rows[1] == [1, RECOMMENDATIONS[0]["text_en"], "In progress", "—", 0, 1, 0, 0]
    assert rows[4] == [None, "All recommendations", None, None, 0, 1, 0, 0]
    assert SECRET_NOTE not in str(rows)


def test_resolution_xlsx_refused_to_partner(world, client_for):
    records = a_conference_records(world)
    url = _url("network:resolution_xlsx", public_id=records["resolution"].public_id)
    assert client_for(world["pavel"]).get(url).status_code == 404
