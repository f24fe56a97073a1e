"""The staff who appear in a piece: only the university's staff, on the form, page and API."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from qogam.accounts.services import create_api_token
from qogam.core.tenancy import all_universities
from qogam.coverage import services
from qogam.coverage.forms import CoverageForm
from qogam.coverage.models import Coverage
from qogam.coverage.tests.records import VALUES, record
from qogam.needs.tests.factories import published_need


def _people_of(piece) -> set[str]:
    with all_universities():
        return {p.email for p in Coverage.objects.get(pk=piece.pk).people.all()}


def _count() -> int:
    with all_universities():
        return Coverage.objects.count()


@pytest.mark.parametrize("outsider", ["bianca", "dana", "pavel"])
def test_coverage_people_not_staff_of_the_university_refused(world, outsider):
    need = published_need(world)
    with pytest.raises(ValidationError) as caught:
        services.record_coverage(
            actor=world["erin"],
            subject=need,
            values=VALUES,
            people=[world["bob"], world[outsider]],
        )
    assert caught.value.message_dict["people"] == [
        f"Only staff of the university can be named as appearing: {world[outsider].full_name}."
    ]
    assert _count() == 0


def test_coverage_people_saved_kept_and_replaced(world):
    piece = services.record_coverage(
        actor=world["erin"],
        subject=published_need(world),
        values=VALUES,
        people=[world["bob"], world["cora"]],
    )
    assert _people_of(piece) == {"bob@example.kz", "cora@example.kz"}
    services.update_coverage(actor=world["erin"], coverage=piece, values={"reach": 5})
    assert _people_of(piece) == {"bob@example.kz", "cora@example.kz"}
    services.update_coverage(
        actor=world["erin"], coverage=piece, values={}, people=[world["alice"]]
    )
    assert _people_of(piece) == {"alice@example.kz"}
    with pytest.raises(ValidationError) as caught:
        services.update_coverage(
            actor=world["erin"], coverage=piece, values={"reach": 7}, people=[world["bianca"]]
        )
    assert "people" in caught.value.message_dict
    with all_universities():
        assert Coverage.objects.get(pk=piece.pk).reach != 7
    assert _people_of(piece) == {"alice@example.kz"}


def test_coverage_form_offers_only_the_universitys_staff(world):
    form = CoverageForm(university_id=world["a"].pk)
    offered = {p.email for p in form.fields["people"].queryset}
    assert {"alice@example.kz", "erin@example.kz", "cora@example.kz", "bob@example.kz"} <= offered
    assert not offered & {"dana@example.kz", "pavel@example.kz", "bianca@example.kz"}


def test_coverage_form_records_people_and_refuses_an_outsider(world, client_for):
    need = published_need(world)
    client = client_for(world["bob"])
    url = reverse("coverage:create", kwargs={"subject_kind": "need", "public_id": need.public_id})
    data = {**VALUES, "published_on": "2026-10-01", "visibility": "public"}
    refused = client.post(url, {**data, "people": [world["bianca"].pk]})
    assert refused.status_code == 200
    assert "people" in refused.context["form"].errors
    assert _count() == 0
    response = client.post(url, {**data, "people": [world["bob"].pk, world["cora"].pk]})
    assert response.status_code == 302
    with all_universities():
        piece = Coverage.objects.get()
    assert _people_of(piece) == {"bob@example.kz", "cora@example.kz"}
    # The edit form shows them chosen; saving it without them removes them.
    edit = reverse("coverage:edit", kwargs={"public_id": piece.public_id})
    chosen = client.get(edit).context["form"]["people"].value()
    assert sorted(chosen) == sorted([world["bob"].pk, world["cora"].pk])
    assert client.post(edit, {**data, "people": [world["cora"].pk]}).status_code == 302
    assert _people_of(piece) == {"cora@example.kz"}


def test_coverage_detail_lists_the_people_by_name_only(world, client):
    piece = services.record_coverage(
        actor=world["erin"],
        subject=published_need(world),
        values={**VALUES, "visibility": "public"},
        people=[world["bob"], world["cora"]],
    )
    body = client.get(piece.get_absolute_url()).content.decode()
    assert "Staff who appear" in body
    assert "<li>Bob</li>" in body
    assert "<li>Cora</li>" in body
    assert "bob@example.kz" not in body
    bare = record(world, published_need(world), title="Nobody named", visibility="public")
    assert "Staff who appear" not in client.get(bare.get_absolute_url()).content.decode()


def _bearer(user) -> dict:
    _token, raw = create_api_token(user=user, name="Script")
    return {"Authorization": f"Bearer {raw}", "Accept-Language": "en"}


def test_coverage_api_people_round_trip(world, client):
    need = published_need(world)
    headers = _bearer(world["bob"])
    payload = {
        "about_kind": "need",
        "about_id": str(need.public_id),
        **VALUES,
        "published_on": "2026-10-01",
        "people": [str(world["bob"].public_id), str(world["cora"].public_id)],
    }
    created = client.post(
        "/api/v1/coverage", payload, content_type="application/json", headers=headers
    )
    assert created.status_code == 201, created.content
    expected = {str(world["bob"].public_id), str(world["cora"].public_id)}
    assert set(created.json()["people"]) == expected
    piece_id = created.json()["id"]
    fetched = client.get(f"/api/v1/coverage/{piece_id}", headers=headers).json()
    assert set(fetched["people"]) == expected
    listed = client.get("/api/v1/coverage", headers=headers).json()
    assert [set(c["people"]) for c in listed] == [expected]


def test_coverage_api_refuses_people_of_another_university_without_naming_them(world, client):
    need = published_need(world)
    outsider = str(world["bianca"].public_id)
    response = client.post(
        "/api/v1/coverage",
        {
            "about_kind": "need",
            "about_id": str(need.public_id),
            **VALUES,
            "published_on": str(date(2026, 10, 1)),
            "people": [outsider],
        },
        content_type="application/json",
        headers=_bearer(world["bob"]),
    )
    assert response.status_code == 422
    assert outsider in response.json()["errors"]["people"][0]
    assert "Bianca" not in response.content.decode()
    assert _count() == 0


def test_coverage_people_changes_are_audited(world):
    from auditlog.models import LogEntry  # noqa: PLC0415

    piece = record(world, published_need(world))
    services.update_coverage(actor=world["erin"], coverage=piece, values={}, people=[world["bob"]])
    with all_universities():
        changes = [e.changes_dict for e in LogEntry.objects.get_for_object(piece)]
    assert any("people" in change for change in changes)
