"""Certificates of verified hours: issuing, revoking, the pages and who may read them."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from conftest import make_user
from qogam.accounts.services import grant_membership
from qogam.core.enums import Role
from qogam.core.tenancy import all_universities
from qogam.volunteering import certificates
from qogam.volunteering.models import Certificate
from qogam.volunteering.tests.records import make_opportunity
from qogam.volunteering.tests.records_recognition import a_recognition_records, hours_entry


def _url(name, record):
    return reverse(f"volunteering:{name}", kwargs={"public_id": record.public_id})


def _aware(*args):
    return timezone.make_aware(datetime(*args))


def _certificate_count():
    with all_universities():
        return Certificate.objects.count()


# --- Issuing ---------------------------------------------------------------------------------


def test_issue_certificate_refuses_hours_awaiting_verification(world):
    opportunity = make_opportunity(world, title_en="Unverified tree planting")
    hours_entry(world, opportunity, status="logged")
    with pytest.raises(ValidationError) as caught:
        certificates.issue_certificate(student=world["dana"], opportunity=opportunity)
    message = caught.value.message_dict["opportunity"][0]
    assert message == (
        "The hours for “Unverified tree planting” are still awaiting verification; a "
        "certificate is issued only for verified hours."
    )
    assert _certificate_count() == 0


def test_issue_certificate_refuses_rejected_hours_and_no_hours(world):
    opportunity = make_opportunity(world, title_en="Rejected river clean-up")
    hours_entry(world, opportunity, status="rejected")
    with pytest.raises(ValidationError) as caught:
        certificates.issue_certificate(student=world["dana"], opportunity=opportunity)
    assert caught.value.message_dict["opportunity"] == [
        "There are no verified hours for “Rejected river clean-up”; a certificate is issued "
        "only for verified hours."
    ]
    with pytest.raises(ValidationError) as caught:
        certificates.issue_certificate(student=world["dana"], academic_year=2019)
    assert caught.value.message_dict["academic_year"] == [
        "There are no verified hours for the academic year 2019/20; a certificate is issued "
        "only for verified hours."
    ]
    assert _certificate_count() == 0


def test_issue_certificate_copies_what_it_states_in_the_students_language(world):
    world["dana"].language = "ru"
    world["dana"].full_name = "Dana Nurlanqyzy"
    world["dana"].save()
    opportunity = make_opportunity(world)
    hours_entry(world, opportunity, hours="2.25")
    hours_entry(world, opportunity, hours="1.5")
    hours_entry(world, opportunity, hours="4", status="logged")  # not counted
    certificate = certificates.issue_certificate(student=world["dana"], opportunity=opportunity)
    assert (certificate.scope, certificate.language) == ("opportunity", "ru")
    assert certificate.hours == Decimal("3.75")
    assert certificate.holder_name == "Dana Nurlanqyzy"
    assert certificate.title == "Помощь детскому дому"
    assert certificate.university_id == world["a"].pk
    # Changing the name later does not change what was certified.
    world["dana"].full_name = "Someone Else"
    world["dana"].save()
    certificate.refresh_from_db()
    assert certificate.holder_name == "Dana Nurlanqyzy"


def test_issue_certificate_same_hours_returns_the_same_certificate(world):
    opportunity = make_opportunity(world)
    hours_entry(world, opportunity, hours="3")
    first = certificates.issue_certificate(student=world["dana"], opportunity=opportunity)
    again = certificates.issue_certificate(student=world["dana"], opportunity=opportunity)
    assert again.pk == first.pk
    assert _certificate_count() == 1
    # Another language is another document; more verified hours make a new certificate.
    english = certificates.issue_certificate(
        student=world["dana"], opportunity=opportunity, language="kk"
    )
    assert english.pk != first.pk
    hours_entry(world, opportunity, hours="1")
    more = certificates.issue_certificate(student=world["dana"], opportunity=opportunity)
    assert more.pk not in {first.pk, english.pk}
    assert more.hours == Decimal("4")
    assert _certificate_count() == 3


def test_issue_certificate_after_revoking_makes_a_new_one(world):
    opportunity = make_opportunity(world)
    hours_entry(world, opportunity, hours="3")
    first = certificates.issue_certificate(student=world["dana"], opportunity=opportunity)
    certificates.revoke_certificate(actor=world["erin"], certificate=first, reason="Mistake.")
    second = certificates.issue_certificate(student=world["dana"], opportunity=opportunity)
    assert second.pk != first.pk and second.revoked_at is None


def test_issue_year_certificate_counts_only_shifts_of_that_academic_year(world):
    park = make_opportunity(world, title_en="Park")
    school = make_opportunity(world, title_en="School")
    hours_entry(world, park, hours="2", starts_at=_aware(2025, 8, 31, 10))  # 2024/25
    hours_entry(world, park, hours="3", starts_at=_aware(2025, 9, 1, 10))  # 2025/26
    hours_entry(world, school, hours="4.5", starts_at=_aware(2026, 8, 31, 10))  # 2025/26
    hours_entry(world, school, hours="6", starts_at=_aware(2026, 9, 1, 10))  # 2026/27
    certificate = certificates.issue_certificate(student=world["dana"], academic_year=2025)
    assert certificate.scope == "year"
    assert certificate.academic_year == 2025
    assert certificate.hours == Decimal("7.5")
    assert certificate.title == "Volunteering in the academic year 2025/26"
    assert certificate.opportunity is None


def test_issue_certificate_needs_the_holders_name_and_one_scope(world):
    opportunity = make_opportunity(world)
    hours_entry(world, opportunity)
    world["dana"].full_name = " "
    with pytest.raises(ValidationError) as caught:
        certificates.issue_certificate(student=world["dana"], opportunity=opportunity)
    assert "holder_name" in caught.value.message_dict
    with pytest.raises(ValidationError):
        certificates.issue_certificate(
            student=world["dana"], opportunity=opportunity, academic_year=2025
        )
    with pytest.raises(ValidationError) as caught:
        certificates.issue_certificate(student=world["dana"], academic_year=1066)
    assert "academic_year" in caught.value.message_dict


# --- Revoking --------------------------------------------------------------------------------


def test_revoke_certificate_by_the_office_only_with_a_reason(world):
    certificate = a_recognition_records(world)["certificate"]
    for persona in ("dana", "bob", "cora", "charlie"):
        with pytest.raises(PermissionDenied):
            certificates.revoke_certificate(
                actor=world[persona], certificate=certificate, reason="No."
            )
    with pytest.raises(ValidationError) as caught:
        certificates.revoke_certificate(actor=world["erin"], certificate=certificate, reason=" ")
    assert "revocation_reason" in caught.value.message_dict
    certificates.revoke_certificate(
        actor=world["erin"], certificate=certificate, reason="Hours were recorded twice."
    )
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert certificate.revocation_reason == "Hours were recorded twice."
    with pytest.raises(ValidationError):
        certificates.revoke_certificate(actor=world["alice"], certificate=certificate, reason="x")


# --- The certificates page and issuing from it -----------------------------------------------


def test_certificates_page_lists_what_can_be_certified_and_what_was_issued(
    world, client_for, django_assert_max_num_queries
):
    records = a_recognition_records(world)
    other = make_opportunity(world, title_en="Winter coat drive")
    hours_entry(world, other, hours="1.5")
    pending = make_opportunity(world, title_en="Pending hours opportunity")
    hours_entry(world, pending, status="logged")
    client = client_for(world["dana"])
    with django_assert_max_num_queries(14):
        response = client.get("/en/volunteering/certificates/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "A Secret Recognised Opportunity" in body
    assert "Winter coat drive" in body
    assert "Pending hours opportunity" not in body  # no verified hours, nothing to certify
    assert _url("certificate_pdf", records["certificate"]) in body
    assert _url("credential", records["certificate"]) in body
    assert records["certificate"].get_absolute_url() in body
    assert reverse("volunteering:record_pdf") in body


def test_certificate_issue_view_issues_and_redirects(world, client_for):
    opportunity = make_opportunity(world, title_en="Library evenings")
    hours_entry(world, opportunity, hours="2")
    client = client_for(world["dana"])
    response = client.post(
        "/en/volunteering/certificates/issue/",
        {"opportunity": str(opportunity.public_id), "language": "en"},
    )
    with all_universities():
        certificate = Certificate.objects.get(student=world["dana"])
    assert response.status_code == 302
    assert response["Location"].endswith(f"#certificate-{certificate.public_id}")
    assert certificate.title == "Library evenings" and certificate.language == "en"


def test_certificate_issue_view_refuses_unverified_hours_with_a_clear_message(world, client_for):
    opportunity = make_opportunity(world, title_en="Unverified museum guide")
    hours_entry(world, opportunity, status="logged")
    client = client_for(world["dana"])
    response = client.post(
        "/en/volunteering/certificates/issue/",
        {"opportunity": str(opportunity.public_id)},
        follow=True,
    )
    body = response.content.decode()
    assert "Unverified museum guide” are still awaiting verification" in body
    assert _certificate_count() == 0


def test_certificate_issue_view_404_for_someone_elses_opportunity(world, client_for):
    opportunity = make_opportunity(world)
    hours_entry(world, opportunity)
    response = client_for(world["bob"]).post(
        "/en/volunteering/certificates/issue/", {"opportunity": str(opportunity.public_id)}
    )
    assert response.status_code == 404
    assert _certificate_count() == 0


def test_my_sign_ups_links_to_the_certificates(world, client_for):
    body = client_for(world["dana"]).get("/en/volunteering/mine/").content.decode()
    assert reverse("volunteering:certificates") in body


# --- The public verification page ------------------------------------------------------------


def test_verify_page_shows_only_what_the_certificate_states(world, client_for):
    records = a_recognition_records(world)
    certificate = records["certificate"]
    # Other hours of dana's that must not show: another opportunity, awaiting verification.
    private = make_opportunity(world, title_en="Dana's other private volunteering")
    hours_entry(world, private, hours="7", status="logged")
    response = client_for(None).get(f"/en/volunteering/verify/{certificate.public_id}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "This certificate is valid." in body
    assert certificate.holder_name in body
    assert certificate.title in body
    assert "5.5" in body  # 3.5 + 2 verified hours
    assert "Aqtobe Technical University" in body
    assert '<meta name="robots" content="noindex, nofollow">' in body
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "dana@example.kz" not in body
    assert "Dana&#x27;s other private volunteering" not in body
    assert "other private volunteering" not in body
    assert "A Department of Physics" not in body  # her unit


def test_verify_page_says_revoked(world, client_for):
    certificate = a_recognition_records(world)["certificate"]
    certificates.revoke_certificate(
        actor=world["erin"], certificate=certificate, reason="Secret internal reason."
    )
    body = client_for(None).get(f"/en/volunteering/verify/{certificate.public_id}/")
    text = body.content.decode()
    assert "This certificate has been revoked." in text
    assert "This certificate is valid." not in text
    assert "Secret internal reason." not in text


def test_verify_page_404_for_an_unknown_id(world, client_for):
    a_recognition_records(world)
    response = client_for(None).get("/en/volunteering/verify/00000000-0000-4000-8000-000000000000/")
    assert response.status_code == 404


# --- Who may download ------------------------------------------------------------------------


@pytest.fixture
def sam(world):
    """Another student of A."""
    with all_universities():
        user = make_user("sam@example.kz", "Sam")
        grant_membership(actor=None, user=user, university=world["a"], role=Role.STUDENT, unit=None)
    world["sam"] = user
    return user


def test_certificate_pdf_for_the_holder_and_the_office_only(world, client_for, sam):
    certificate = a_recognition_records(world)["certificate"]
    url = _url("certificate_pdf", certificate)
    for persona in ("dana", "erin", "alice"):
        response = client_for(world[persona]).get(url)
        assert response.status_code == 200, persona
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
    for persona in ("bob", "cora", "pavel", "charlie", "bianca"):
        assert client_for(world[persona]).get(url).status_code == 404, persona
    assert client_for(sam).get(url).status_code == 404
    response = client_for(None).get(url)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_credential_for_the_holder_only(world, client_for, sam):
    certificate = a_recognition_records(world)["certificate"]
    url = _url("credential", certificate)
    response = client_for(world["dana"]).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    assert ".jwt" in response["Content-Disposition"]
    for persona in ("erin", "bob", "pavel", "charlie", "bianca"):
        assert client_for(world[persona]).get(url).status_code == 404, persona
    assert client_for(sam).get(url).status_code == 404


def test_credential_of_a_revoked_certificate_is_refused(world, client_for):
    certificate = a_recognition_records(world)["certificate"]
    certificates.revoke_certificate(actor=world["erin"], certificate=certificate, reason="x")
    response = client_for(world["dana"]).get(_url("credential", certificate), follow=True)
    assert response.redirect_chain[-1][0] == "/en/volunteering/certificates/"
    assert "This certificate was revoked" in response.content.decode()


def test_record_downloads_are_the_signed_in_students_own(world, client_for, sam):
    a_recognition_records(world)
    sams = make_opportunity(world, title_en="Sam's own volunteering")
    hours_entry(world, sams, student="sam", hours="8")
    client = client_for(world["dana"])
    response = client.get("/en/volunteering/record/?format=csv")
    assert response.status_code == 200
    text = response.content.decode()
    assert text.splitlines()[0] == "academic_year,opportunity,organisation,first_day,last_day,hours"
    assert "Балалар үйіне көмек" not in text  # dana reads English
    assert "A Secret Recognised Opportunity" in text and "5.50" in text
    assert "Sam's own volunteering" not in text
    data = client.get("/en/volunteering/record/?format=json").json()
    assert data["total_hours"] == "5.50"
    assert data["holder"] == "Dana"
    assert client.get("/en/volunteering/record/?format=xml").status_code == 404
    sam_data = client_for(sam).get("/en/volunteering/record/?format=json").json()
    assert sam_data["total_hours"] == "8.00"
    assert [row["opportunity"] for row in sam_data["volunteering"]] == ["Sam's own volunteering"]
    response = client_for(None).get("/en/volunteering/record/")
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


# --- The admin -------------------------------------------------------------------------------


def test_admin_certificate_and_signing_key_hidden_from_other_universities(world, client_for):
    records = a_recognition_records(world)
    for label, record in (
        ("certificate", records["certificate"]),
        ("signingkey", records["signing_key"]),
    ):
        url = reverse(f"admin:volunteering_{label}_change", args=[record.pk])
        assert client_for(world["charlie"]).get(url).status_code in {403, 404}
        response = client_for(world["alice"]).get(url)
        assert response.status_code == 200
        assert b"gAAAAA" not in response.content  # the encrypted private key is never shown
