import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from qogam.accounts import services
from qogam.accounts.models import Invitation, Membership, User
from qogam.core.enums import Role
from qogam.core.tenancy import all_universities


@pytest.fixture
def invite(world, django_capture_on_commit_callbacks):
    def make(**extra):
        values = {"university": world["a"], "email": "Newcomer@Example.kz", "role": Role.STAFF}
        values.update(extra)
        # The e-mail leaves only after the transaction commits.
        with django_capture_on_commit_callbacks(execute=True):
            invitation = services.invite_person(actor=world["alice"], **values)
        token = re.search(r"/invitations/([^/\s]+)/", mail.outbox[-1].body).group(1)
        return invitation, token

    return make


def test_invitation_email_is_in_the_chosen_language(world, invite):
    invite(language="ru")
    message = mail.outbox[-1]
    assert message.to == ["newcomer@example.kz"]
    assert "/ru/invitations/" in message.body


def test_accept_invitation_creates_account_and_membership(world, invite, client_for):
    _invitation, token = invite(full_name="New Comer")
    client = client_for(None)
    response = client.post(
        f"/en/invitations/{token}/",
        {
            "full_name": "New Comer",
            "password1": "a-long-Password-1",
            "password2": "a-long-Password-1",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="newcomer@example.kz")
    with all_universities():
        assert list(Membership.objects.filter(user=user).values_list("role", flat=True)) == [
            "staff"
        ]
    # The inviter hears about it.
    assert world["alice"].notices.get().kind == "invitation_accepted"


def test_accept_invitation_twice_says_it_was_used(world, invite, client_for):
    _invitation, token = invite()
    services.accept_invitation(raw_token=token, full_name="N", password="a-long-Password-1")
    response = client_for(None).get(f"/en/invitations/{token}/")
    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    with pytest.raises(services.InvitationError) as caught:
        services.accept_invitation(raw_token=token, full_name="N", password="a-long-Password-1")
    assert caught.value.code == "used"


def test_expired_invitation_is_refused_with_its_date(world, invite, client_for):
    invitation, token = invite()
    with all_universities():
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - timedelta(days=1)
        )
    response = client_for(None).get(f"/en/invitations/{token}/")
    assert response.status_code == 410
    assert "expired on" in response.content.decode()
    assert not User.objects.filter(email="newcomer@example.kz").exists()


def test_invitation_for_someone_else_is_refused_when_signed_in(world, invite):
    _invitation, token = invite()
    with pytest.raises(services.InvitationError) as caught:
        services.accept_invitation(raw_token=token, user=world["bob"])
    assert caught.value.code == "other_person"


def test_unknown_invitation_token_gets_404(world, client_for):
    response = client_for(None).get("/en/invitations/not-a-real-token/")
    assert response.status_code == 404


def test_accept_form_with_mismatched_passwords_names_the_field(world, invite, client_for):
    _invitation, token = invite()
    response = client_for(None).post(
        f"/en/invitations/{token}/",
        {"full_name": "N", "password1": "a-long-Password-1", "password2": "other-Password-2"},
    )
    assert response.context["form"].errors["password2"] == ["The two passwords differ."]
    assert not User.objects.filter(email="newcomer@example.kz").exists()


def test_membership_for_unit_of_other_university_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        services.grant_membership(
            actor=world["nora"],
            user=world["bob"],
            university=world["a"],
            role=Role.STAFF,
            unit=world["b_public"],
        )
    assert caught.value.message_dict["unit"] == [
        "This unit belongs to another university than the one chosen."
    ]


def test_coordinator_cannot_invite_an_office_member(world):
    with pytest.raises(PermissionDenied):
        services.invite_person(
            actor=world["cora"],
            university=world["a"],
            email="x@example.kz",
            role=Role.OFFICE,
            unit=world["a_faculty"],
        )
    with all_universities():
        assert not Invitation.objects.filter(email="x@example.kz").exists()


def test_granting_admin_role_opens_the_admin_site_and_revoking_closes_it(world):
    bob = world["bob"]
    membership = services.grant_membership(
        actor=world["alice"], user=bob, university=world["a"], role=Role.UNIVERSITY_ADMIN
    )
    bob.refresh_from_db()
    assert bob.is_staff is True
    services.revoke_membership(actor=world["alice"], membership=membership)
    bob.refresh_from_db()
    assert bob.is_staff is False


def test_wrong_password_shows_a_clear_message(world, client_for):
    response = client_for(None).post(
        "/en/sign-in/", {"username": "alice@example.kz", "password": "wrong"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "The e-mail address or the password is not right. Note that the password is case-sensitive."
    ]


def test_sign_in_ignores_email_case(world, client_for):
    from conftest import PASSWORD  # noqa: PLC0415 -- the personas' shared password

    response = client_for(None).post(
        "/en/sign-in/", {"username": "ALICE@example.kz", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_password_reset_mail_uses_the_persons_language(world, client_for):
    user = world["bob"]
    user.language = "kk"
    user.save(update_fields=["language"])
    client_for(None).post("/en/password/reset/", {"email": "bob@example.kz"})
    assert "/kk/password/reset/" in mail.outbox[-1].body


@pytest.mark.parametrize("count", [1, 3])
def test_people_page_query_count_does_not_grow(
    world, client_for, django_assert_max_num_queries, count
):
    for i in range(count):
        user = User.objects.create_user(f"p{i}@example.kz", "x", full_name=f"P {i}")
        services.grant_membership(actor=None, user=user, university=world["a"], role=Role.STUDENT)
    client = client_for(world["alice"])
    with django_assert_max_num_queries(16):
        response = client.get("/en/people/")
    assert response.status_code == 200
