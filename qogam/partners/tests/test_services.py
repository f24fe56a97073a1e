from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from qogam.core.tenancy import all_universities
from qogam.partners import queries, services
from qogam.partners.enums import AgreementStatus
from qogam.partners.models import Agreement, PartnerOrganisation
from qogam.partners.validators import bin_is_valid

# Valid BINs (control digit computed by the official rule).
GOOD_BIN = "180140000018"
OTHER_GOOD_BIN = "990840000012"


def _org(world, actor="alice", university="a", **values):
    base = {
        "kind": "akimat",
        "name_kk": "Алматы қаласының әкімдігі",
        "region": "almaty_city",
        "city": "Almaty",
    }
    base.update(values)
    return services.create_organisation(
        actor=world[actor], university=world[university], values=base
    )


def test_bin_checksum_accepts_valid_and_refuses_typo():
    assert bin_is_valid(GOOD_BIN) is True
    assert bin_is_valid(OTHER_GOOD_BIN) is True
    assert bin_is_valid("180140000019") is False
    assert bin_is_valid("12345") is False


def test_invalid_bin_is_refused_with_field_named(world):
    with pytest.raises(ValidationError) as caught:
        _org(world, bin="180140000019")
    assert caught.value.message_dict["bin"] == [
        "This BIN's control digit does not match; check it for a typing error."
    ]


def test_duplicate_bin_is_refused(world):
    _org(world, bin=GOOD_BIN)
    with pytest.raises(ValidationError) as caught:
        _org(world, bin=GOOD_BIN, name_kk="Басқа атау")
    assert "recorded already" in caught.value.messages[0]


def test_duplicate_name_in_same_city_is_refused_whatever_the_quotes(world):
    _org(world, name_kk="ТОО «Алма Агро»", kind="business")
    with pytest.raises(ValidationError):
        _org(world, name_kk="Алма Агро", kind="business", city="almaty")
    # Another city is another organisation.
    assert _org(world, name_kk="Алма Агро", kind="business", city="Taraz").pk


def test_same_partner_at_two_universities_is_two_records(world):
    _org(world, bin=GOOD_BIN)
    other = _org(world, actor="charlie", university="b", bin=GOOD_BIN)
    assert other.university_id == world["b"].pk


def test_staff_without_partnership_role_cannot_add_partner(world):
    with pytest.raises(PermissionDenied):
        _org(world, actor="bob")


def test_agreement_ending_before_it_starts_is_refused(world):
    partner = _org(world)
    with pytest.raises(ValidationError) as caught:
        services.save_agreement(
            actor=world["alice"],
            university=world["a"],
            values={
                "kind": "memorandum",
                "title_kk": "Меморандум",
                "organisation": partner,
                "starts_on": date(2026, 5, 1),
                "ends_on": date(2026, 4, 1),
            },
        )
    assert caught.value.message_dict["ends_on"] == ["An agreement cannot end before it starts."]
    with all_universities():
        assert Agreement.objects.count() == 0


def test_agreement_with_other_universitys_partner_is_refused(world):
    theirs = _org(world, actor="charlie", university="b")
    with pytest.raises(ValidationError):
        services.save_agreement(
            actor=world["alice"],
            university=world["a"],
            values={
                "kind": "contract",
                "title_kk": "Шарт",
                "organisation": theirs,
                "starts_on": date(2026, 1, 1),
            },
        )


def test_agreement_status_follows_dates_in_python_and_database(world):
    partner = _org(world)
    today = timezone.localdate()
    cases = {
        "draft": ("draft", None, today + timedelta(days=400)),
        "active": ("signed", today, today + timedelta(days=400)),
        "expiring": ("signed", today, today + timedelta(days=30)),
        "expired": ("signed", today - timedelta(days=400), today - timedelta(days=1)),
        "terminated": ("terminated", today, today + timedelta(days=400)),
        "open-ended": ("signed", today, None),
    }
    made = {}
    for key, (state, signed, ends) in cases.items():
        made[key] = services.save_agreement(
            actor=world["alice"],
            university=world["a"],
            values={
                "kind": "memorandum",
                "title_kk": key,
                "organisation": partner,
                "state": state,
                "signed_on": signed,
                "starts_on": today - timedelta(days=500),
                "ends_on": ends,
            },
        )
    expected = {
        "draft": AgreementStatus.DRAFT,
        "active": AgreementStatus.ACTIVE,
        "expiring": AgreementStatus.EXPIRING,
        "expired": AgreementStatus.EXPIRED,
        "terminated": AgreementStatus.TERMINATED,
        "open-ended": AgreementStatus.ACTIVE,
    }
    assert {k: a.status for k, a in made.items()} == expected
    annotated = {
        a.title_kk: a.current_status
        for a in queries.agreements_visible_to(world["alice"]._qogam_viewer)
    }
    assert annotated == expected


def test_partnership_view_shows_last_interaction_and_health(world):
    partner = _org(world)
    view = queries.partnership(partner, world["alice"]._qogam_viewer)
    assert view["health"] == "dormant"
    assert view["last_interaction"] is None
    services.save_agreement(
        actor=world["alice"],
        university=world["a"],
        values={
            "kind": "memorandum",
            "title_kk": "Меморандум",
            "organisation": partner,
            "state": "signed",
            "signed_on": date.today() - timedelta(days=10),
            "starts_on": date.today() - timedelta(days=10),
        },
    )
    view = queries.partnership(partner, world["alice"]._qogam_viewer)
    assert view["health"] == "active"
    assert view["last_interaction"] == date.today() - timedelta(days=10)
    assert {"agreements", "surveys"} <= {s["key"] for s in view["sections"]}


def test_contacts_hidden_from_other_universities_and_public(world):
    partner = _org(world)
    services.save_contact(
        actor=world["alice"],
        organisation=partner,
        values={"full_name": "Серік Қалиев", "phone": "+7 701 000 0000"},
    )
    from qogam.core.visibility import viewer_of  # noqa: PLC0415

    assert queries.contacts_visible_to(viewer_of(world["charlie"]), partner).count() == 0
    assert queries.contacts_visible_to(viewer_of(world["bob"]), partner).count() == 1
    with all_universities():
        assert PartnerOrganisation.objects.count() == 1


def test_agreement_partner_cannot_also_be_an_other_party(world):
    partner = _org(world)
    with pytest.raises(ValidationError) as caught:
        services.save_agreement(
            actor=world["alice"],
            university=world["a"],
            values={
                "kind": "memorandum",
                "title_kk": "Меморандум",
                "organisation": partner,
                "starts_on": date(2026, 1, 1),
            },
            other_parties=[partner],
        )
    assert caught.value.message_dict["other_parties"] == [
        "The partner is already a party; choose only the others."
    ]
