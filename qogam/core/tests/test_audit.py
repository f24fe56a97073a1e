"""Every domain model leaves an audit entry on create, update and delete."""

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType

from qogam.accounts import services as account_services
from qogam.accounts.models import ApiToken, Invitation, Membership, User
from qogam.core.enums import Role
from qogam.core.tenancy import all_universities
from qogam.notifications.models import Preference
from qogam.organisations import services as org_services
from qogam.organisations.models import Network, Unit, University

DOMAIN_MODELS = {Network, University, Unit, User, Membership, Invitation, ApiToken, Preference}


def _actions(model, pk):
    return sorted(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_pk=str(pk)
        ).values_list("action", flat=True)
    )


def test_audit_every_domain_model_is_registered():
    registered = {
        m
        for m in auditlog.get_models()
        if m._meta.app_label in {"organisations", "accounts", "notifications"}
    }
    assert registered == DOMAIN_MODELS


def test_audit_records_create_update_delete_of_each_model(
    world, django_capture_on_commit_callbacks
):
    alice, a = world["alice"], world["a"]
    created = {}
    with all_universities():
        network = Network.objects.get()
        network.name_en = "Renamed network"
        network.save()
        created[Network] = network
        university = University.objects.create(network=network, slug="third-uni", name_kk="Үшінші")
        university.city_kk = "Шымкент"
        university.save()
        created[University] = university
        unit = org_services.create_unit(
            actor=alice, university=a, values={"kind": "centre", "name_kk": "Орталық"}
        )
        org_services.update_unit(actor=alice, unit=unit, values={"name_en": "Centre"})
        created[Unit] = unit
        user = User.objects.create_user("audit@example.kz", "x", full_name="Audit Person")
        user.full_name = "Audit P."
        user.save()
        created[User] = user
        membership = account_services.grant_membership(
            actor=alice, user=user, university=a, role=Role.STUDENT
        )
        membership = account_services.change_membership(
            actor=alice, membership=membership, values={"title": "Year 2"}
        )
        created[Membership] = membership
        with django_capture_on_commit_callbacks(execute=True):
            invitation = account_services.invite_person(
                actor=alice, university=a, email="i@example.kz", role=Role.STAFF
            )
        account_services.cancel_invitation(actor=alice, invitation=invitation)
        created[Invitation] = invitation
        token, _raw = account_services.create_api_token(user=user, name="Key")
        token.name = "Key 2"
        token.save()
        created[ApiToken] = token
        preference = Preference.objects.create(user=user, kind="", delivery="daily")
        preference.delivery = "weekly"
        preference.save()
        created[Preference] = preference

        assert set(created) == DOMAIN_MODELS
        pks = {model: obj.pk for model, obj in created.items()}
        org_services.delete_unit(actor=alice, unit=unit)
        account_services.revoke_membership(actor=alice, membership=membership)
        invitation.delete()
        account_services.revoke_api_token(user=user, token=token)
        preference.delete()
        user.delete()
        university.delete()
        network_pk = network.pk
    for model, pk in pks.items():
        if model is Network:
            continue
        assert _actions(model, pk) == [0, 1, 2], model  # create, update, delete
    assert _actions(Network, network_pk) == [0, 1]  # created by the fixture, changed here


def test_audit_page_shows_only_own_universitys_trail(world, client_for):
    org_services.update_unit(
        actor=world["charlie"], unit=world["b_private"], values={"name_en": "B Hidden Lab Renamed"}
    )
    org_services.update_unit(
        actor=world["alice"], unit=world["a_faculty"], values={"name_en": "A Renamed Faculty"}
    )
    page = client_for(world["alice"]).get("/en/audit/").content.decode()
    assert "A Renamed Faculty" in page
    assert "B Hidden Lab Renamed" not in page
    assert client_for(world["bob"]).get("/en/audit/").status_code == 403
