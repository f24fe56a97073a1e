"""Membership of the network: invitations, requests, decisions, leaving, consent, shared
packs, and the visibility hook that hides a left member's `network` records."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from qogam.core.enums import Visibility
from qogam.core.tenancy import all_universities
from qogam.core.visibility import can_read, viewer_of, visible_to
from qogam.indicators.models import IndicatorVisibility, Pack, PackActivation
from qogam.network.enums import MembershipStatus
from qogam.network.models import NetworkMembership, NetworkPack
from qogam.network.services import members as services
from qogam.network.tests.records_members import (
    bench_world,
    count_queries,
    make_membership,
    shipped_pack,
)
from qogam.organisations.models import Unit, University


def _status(university) -> str:
    with all_universities():
        return NetworkMembership.objects.get(university=university).status


# --- Services -------------------------------------------------------------------------------


def test_invite_then_accept_makes_an_active_member(world):
    services.invite_university(actor=world["nora"], university=world["a"], message="Join us")

    membership = services.accept_invitation(actor=world["alice"], university=world["a"])

    assert (membership.status, membership.invited_by, membership.decided_by) == (
        MembershipStatus.ACTIVE,
        world["nora"],
        world["alice"],
    )
    assert membership.joined_on is not None


def test_invite_by_a_university_admin_is_refused(world):
    with pytest.raises(PermissionDenied):
        services.invite_university(actor=world["charlie"], university=world["a"])


def test_invite_of_an_active_member_says_so(world):
    make_membership(world["a"])

    with pytest.raises(ValidationError) as error:
        services.invite_university(actor=world["nora"], university=world["a"])

    assert error.value.message_dict == {
        "university": ["The university is a member of the network already."]
    }


def test_accept_invitation_by_another_universitys_admin_is_refused(world):
    services.invite_university(actor=world["nora"], university=world["a"])

    with pytest.raises(PermissionDenied):
        services.accept_invitation(actor=world["charlie"], university=world["a"])
    assert _status(world["a"]) == MembershipStatus.INVITED


def test_decline_invitation_records_declined(world):
    services.invite_university(actor=world["nora"], university=world["a"])

    services.decline_invitation(actor=world["erin"], university=world["a"])

    assert _status(world["a"]) == MembershipStatus.DECLINED


def test_request_then_approve_by_network_admin(world):
    services.request_to_join(actor=world["charlie"], university=world["b"], message="Please")

    with pytest.raises(PermissionDenied):
        services.approve_request(actor=world["charlie"], university=world["b"])
    services.approve_request(actor=world["nora"], university=world["b"])

    assert _status(world["b"]) == MembershipStatus.ACTIVE


def test_request_by_staff_without_an_office_role_is_refused(world):
    with pytest.raises(PermissionDenied):
        services.request_to_join(actor=world["bob"], university=world["a"])


def test_decline_request_by_network_admin(world):
    services.request_to_join(actor=world["alice"], university=world["a"])

    services.decline_request(actor=world["nora"], university=world["a"])

    assert _status(world["a"]) == MembershipStatus.DECLINED


def test_approve_without_a_request_names_the_problem(world):
    with pytest.raises(ValidationError) as error:
        services.approve_request(actor=world["nora"], university=world["a"])

    assert error.value.message_dict == {
        "status": ["There is no asked to join membership of this university to decide."]
    }


def test_leave_sets_left_and_keeps_the_universitys_records(world):
    bench_world(world)
    with all_universities():
        shared_before = IndicatorVisibility.objects.filter(university=world["a"]).count()

    membership = services.leave_network(actor=world["alice"], university=world["a"])

    assert (membership.status, membership.left_on is not None) == (MembershipStatus.LEFT, True)
    with all_universities():
        assert IndicatorVisibility.objects.filter(university=world["a"]).count() == shared_before


def test_leave_when_not_a_member_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.leave_network(actor=world["alice"], university=world["a"])

    assert error.value.message_dict == {
        "status": ["The university is not a member of the network."]
    }


def test_left_member_may_ask_to_join_again(world):
    make_membership(world["a"], MembershipStatus.LEFT)

    services.request_to_join(actor=world["alice"], university=world["a"])

    assert _status(world["a"]) == MembershipStatus.REQUESTED


def test_membership_changes_are_audited(world):
    services.invite_university(actor=world["nora"], university=world["a"])
    services.accept_invitation(actor=world["alice"], university=world["a"])

    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(NetworkMembership)
    ).order_by("pk")

    assert [entry.action for entry in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]


def test_named_in_benchmarks_set_by_office_only(world):
    make_membership(world["a"])

    services.set_named_in_benchmarks(actor=world["erin"], university=world["a"], named=False)
    with pytest.raises(PermissionDenied):
        services.set_named_in_benchmarks(actor=world["bob"], university=world["a"], named=True)

    with all_universities():
        assert NetworkMembership.objects.get(university=world["a"]).named_in_benchmarks is False


def test_share_pack_only_shipped_and_by_network_admin(world):
    pack, _indicators = shipped_pack()
    with all_universities():
        own = Pack.objects.create(university=world["a"], code="a-own", name_en="A's own pack")

    with pytest.raises(PermissionDenied):
        services.share_pack(actor=world["alice"], pack=pack)
    with pytest.raises(ValidationError):
        services.share_pack(actor=world["nora"], pack=own)
    services.share_pack(actor=world["nora"], pack=pack, note="Everyone measures these")

    assert list(NetworkPack.objects.values_list("pack__code", "note")) == [
        ("bench-pack", "Everyone measures these")
    ]


def test_switch_on_shared_pack_activates_it_for_the_member(world):
    pack, _indicators = shipped_pack()
    make_membership(world["a"])

    with pytest.raises(ValidationError):
        services.switch_on_shared_pack(actor=world["alice"], university=world["a"], pack=pack)
    services.share_pack(actor=world["nora"], pack=pack)
    services.switch_on_shared_pack(actor=world["alice"], university=world["a"], pack=pack)

    with all_universities():
        assert list(PackActivation.objects.filter(pack=pack).values_list("university__slug")) == [
            ("aqtobe-tech",)
        ]


# --- The visibility hook: a left member's `network` records -----------------------------------


def test_left_member_network_records_hidden_from_other_universities(world):
    make_membership(world["a"])
    make_membership(world["b"])
    charlie, bob = viewer_of(world["charlie"]), viewer_of(world["bob"])
    assert "A Network Institute" in {u.name for u in visible_to(Unit, charlie)}

    make_membership(world["a"], MembershipStatus.LEFT)
    charlie = viewer_of(world["charlie"].__class__.objects.get(pk=world["charlie"].pk))

    names = {u.name for u in visible_to(Unit, charlie)}
    assert "A Network Institute" not in names
    assert "A Faculty of Science" in names  # public stays public
    assert "A Network Institute" in {u.name for u in visible_to(Unit, bob)}  # its own staff
    assert can_read(charlie, world["a_network_unit"]) is False
    assert can_read(bob, world["a_network_unit"]) is True


def test_visibility_hook_costs_no_query_in_lists_and_one_per_viewer_in_can_read(world):
    make_membership(world["a"], MembershipStatus.LEFT)
    charlie = viewer_of(world["charlie"])

    listed = count_queries(lambda: list(visible_to(Unit, charlie)))
    first = count_queries(lambda: can_read(charlie, world["a_network_unit"]))
    again = count_queries(lambda: can_read(charlie, world["b_network"]))

    assert (listed, first, again) == (1, 1, 0)


# --- Pages ----------------------------------------------------------------------------------


def test_members_page_network_admin_sees_requests_and_may_approve(world, client_for):
    services.request_to_join(actor=world["charlie"], university=world["b"], message="Let us in")
    client = client_for(world["nora"])

    page = client.get(reverse("network:members")).content.decode()
    response = client.post(
        reverse("network:member_decision", args=[world["b"].public_id, "approve"])
    )

    assert "Let us in" in page and "Asked to join" in page
    assert response.status_code == 302
    assert _status(world["b"]) == MembershipStatus.ACTIVE


def test_members_page_members_see_only_active_members(world, client_for):
    make_membership(world["a"])
    services.request_to_join(actor=world["charlie"], university=world["b"], message="Secret plea")

    page = client_for(world["bob"]).get(reverse("network:members")).content.decode()

    assert "Aqtobe Technical University" in page
    assert "Baikonur State University" not in page and "Secret plea" not in page


def test_member_decision_refused_to_university_admin(world, client_for):
    services.request_to_join(actor=world["charlie"], university=world["b"])

    response = client_for(world["charlie"]).post(
        reverse("network:member_decision", args=[world["b"].public_id, "approve"])
    )

    assert response.status_code == 403
    assert _status(world["b"]) == MembershipStatus.REQUESTED


def test_invite_page_invites_a_university(world, client_for):
    response = client_for(world["nora"]).post(
        reverse("network:invite"), {"university": "aqtobe-tech", "message": "Welcome"}
    )

    assert response.status_code == 302
    assert _status(world["a"]) == MembershipStatus.INVITED


def test_home_page_accept_invitation_as_university_admin(world, client_for):
    services.invite_university(actor=world["nora"], university=world["a"])
    client = client_for(world["alice"])

    page = client.get(reverse("network:home")).content.decode()
    client.post(reverse("network:membership_action", args=["accept"]))

    assert "Accept the invitation" in page
    assert _status(world["a"]) == MembershipStatus.ACTIVE


def test_home_page_leave_refused_to_plain_staff(world, client_for):
    make_membership(world["a"])

    response = client_for(world["bob"]).post(reverse("network:membership_action", args=["leave"]))

    assert response.status_code == 403
    assert _status(world["a"]) == MembershipStatus.ACTIVE


def test_consent_page_saves_name_and_sharing_in_one_form(world, client_for):
    bench_world(world)
    with all_universities():
        PackActivation.objects.create(university=world["a"], pack=world["pack"])
    count, share = world["indicators"]["BM-COUNT"], world["indicators"]["BM-SHARE"]
    client = client_for(world["erin"])

    page = client.get(reverse("network:consent")).content.decode()
    response = client.post(
        reverse("network:consent"),
        {f"ind-{count.public_id}": "public", f"ind-{share.public_id}": "network"},
    )

    assert "BM-SHARE" in page and "Show our name beside our shared values" in page
    assert response.status_code == 302
    with all_universities():
        assert dict(
            IndicatorVisibility.objects.filter(university=world["a"]).values_list(
                "indicator__code", "visibility"
            )
        ) == {"BM-COUNT": Visibility.PUBLIC, "BM-SHARE": Visibility.NETWORK}
        assert NetworkMembership.objects.get(university=world["a"]).named_in_benchmarks is False


def test_consent_page_refused_to_staff_without_office_role(world, client_for):
    response = client_for(world["bob"]).get(reverse("network:consent"))

    assert response.status_code == 403


def test_consent_page_bad_visibility_names_the_indicator(world, client_for):
    bench_world(world)
    with all_universities():
        PackActivation.objects.create(university=world["a"], pack=world["pack"])
    count, share = world["indicators"]["BM-COUNT"], world["indicators"]["BM-SHARE"]

    response = client_for(world["erin"]).post(
        reverse("network:consent"),
        {f"ind-{count.public_id}": "everyone", f"ind-{share.public_id}": "private"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        f"ind-{count.public_id}": [
            "Select a valid choice. everyone is not one of the available choices."
        ]
    }


def test_packs_page_member_switches_on_a_shared_pack(world, client_for):
    pack, _indicators = shipped_pack()
    make_membership(world["a"])
    client_for(world["nora"]).post(reverse("network:packs"), {"pack": "bench-pack", "note": ""})
    client = client_for(world["alice"])

    page = client.get(reverse("network:packs")).content.decode()
    client.post(reverse("network:pack_action", args=["bench-pack", "switch-on"]))

    assert "Switch it on for us" in page
    with all_universities():
        assert PackActivation.objects.filter(university=world["a"], pack=pack).exists()


def test_packs_page_recommend_refused_to_members(world, client_for):
    shipped_pack()
    make_membership(world["a"])

    response = client_for(world["alice"]).post(reverse("network:packs"), {"pack": "bench-pack"})

    assert response.status_code == 403
    assert NetworkPack.objects.count() == 0


def _more_universities(world, count: int, status=MembershipStatus.ACTIVE) -> None:
    with all_universities():
        for n in range(count):
            university = University.objects.create(
                network=world["network"], slug=f"more-{status}-{n}", name_en=f"More {n}"
            )
            make_membership(university, status)


@pytest.mark.parametrize("persona", ["nora", "bob"])
def test_members_page_query_count_does_not_grow_with_members(world, client_for, persona):
    make_membership(world["a"])
    client = client_for(world[persona])
    url = reverse("network:members")
    client.get(url)

    before = count_queries(lambda: client.get(url))
    _more_universities(world, 3)
    _more_universities(world, 2, MembershipStatus.REQUESTED)
    after = count_queries(lambda: client.get(url))

    assert after == before


def test_benchmark_api_list_query_count_does_not_grow_with_members(world, client_for):
    bench_world(world)
    client = client_for(world["alice"])
    client.get("/api/v1/network/benchmarks")

    before = count_queries(lambda: client.get("/api/v1/network/benchmarks"))
    _more_universities(world, 3)
    after = count_queries(lambda: client.get("/api/v1/network/benchmarks"))

    assert after == before
