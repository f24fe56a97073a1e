import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from qogam.core.enums import Visibility
from qogam.core.tenancy import all_universities
from qogam.needs import services
from qogam.needs.enums import EventKind, NeedState
from qogam.needs.models import Need, NeedEvent
from qogam.needs.tests.factories import KK, post_need, published_need, token_from_outbox


def _kinds(need):
    with all_universities():
        return list(
            NeedEvent.objects.filter(need=need)
            .order_by("created_at", "pk")
            .values_list("kind", flat=True)
        )


def test_need_anonymous_whole_workflow_writes_dated_public_timeline(
    world, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        need = post_need(world["a"], email="Resident@Example.kz")
    assert need.state == NeedState.SUBMITTED
    assert need.visibility == Visibility.PRIVATE
    assert mail.outbox[-1].to == ["resident@example.kz"]
    # The public cannot see it before confirmation and moderation.
    assert client.get(need.get_absolute_url()).status_code == 404

    token = token_from_outbox()
    confirm_url = f"/ru/needs/confirm/{token}/"
    assert client.get(confirm_url).status_code == 200  # asks; a mail scanner's GET changes nothing
    with all_universities():
        assert Need.objects.get(pk=need.pk).state == NeedState.SUBMITTED
    assert client.post(confirm_url).status_code == 200
    with all_universities():
        need.refresh_from_db()
    assert need.state == NeedState.IN_MODERATION
    assert need.email_confirmed_at is not None

    need = services.moderate_need(actor=world["erin"], need=need, publish=True)
    assert (need.state, need.visibility) == (NeedState.PUBLISHED, Visibility.PUBLIC)
    need = services.accept_need(actor=world["cora"], need=need, unit=world["a_faculty"])
    assert need.unit == world["a_faculty"]
    need = services.start_need(actor=world["cora"], need=need)
    with django_capture_on_commit_callbacks(execute=True):
        need = services.address_need(
            actor=world["cora"],
            need=need,
            report={"kk": "Тротуар салынды", "ru": "Тротуар построен", "en": ""},
        )
    assert need.state == NeedState.ADDRESSED
    assert need.addressed_at is not None

    assert _kinds(need) == [
        EventKind.SUBMITTED,
        EventKind.EMAIL_CONFIRMED,
        EventKind.PUBLISHED,
        EventKind.ACCEPTED,
        EventKind.STARTED,
        EventKind.ADDRESSED,
    ]
    page = client.get(f"/ru{need.get_absolute_url()[3:]}").content.decode()
    assert "Тротуар построен" in page
    assert page.count('<li class="event-') == 6
    assert page.count("<time datetime=") >= 6
    # The anonymous poster hears about the outcome, in the language they wrote in.
    assert mail.outbox[-1].to == ["resident@example.kz"]
    assert mail.outbox[-1].subject == "«Тротуар на улице Абая»: Решено"
    assert f"/ru/needs/{need.public_id}/" in mail.outbox[-1].body


def test_need_signed_in_poster_goes_straight_to_moderation_and_follows(world):
    need = post_need(world["a"], poster=world["dana"])
    assert need.state == NeedState.IN_MODERATION
    with all_universities():
        assert list(need.follows.values_list("user__email", flat=True)) == ["dana@example.kz"]
    assert _kinds(need) == [EventKind.SUBMITTED]


def test_need_without_poster_or_email_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        post_need(world["a"])
    assert list(caught.value.message_dict) == ["email"]
    with all_universities():
        assert Need.objects.count() == 0


@pytest.mark.parametrize(
    "step",
    ["accept", "decline", "start", "address", "publish"],
)
def test_need_invalid_transition_names_the_current_state(world, step):
    need = post_need(world["a"], poster=world["dana"])  # in moderation
    if step == "publish":
        need = services.moderate_need(actor=world["erin"], need=need, publish=True)
    calls = {
        "accept": lambda: services.accept_need(
            actor=world["erin"], need=need, unit=world["a_faculty"]
        ),
        "decline": lambda: services.decline_need(actor=world["erin"], need=need, reason=KK),
        "start": lambda: services.start_need(actor=world["erin"], need=need),
        "address": lambda: services.address_need(actor=world["erin"], need=need, report=KK),
        "publish": lambda: services.moderate_need(actor=world["erin"], need=need, publish=True),
    }
    with pytest.raises(ValidationError) as caught:
        calls[step]()
    state = "Published" if step == "publish" else "In moderation"
    assert caught.value.messages == [f"Not possible while the need is “{state}”."]


def test_need_decline_without_reason_is_refused_and_nothing_changes(world):
    need = published_need(world)
    with pytest.raises(ValidationError) as caught:
        services.decline_need(actor=world["erin"], need=need, reason={"kk": " ", "ru": "Нет"})
    assert list(caught.value.message_dict) == ["decline_reason_kk"]
    with all_universities():
        need.refresh_from_db()
    assert need.state == NeedState.PUBLISHED
    assert _kinds(need) == [EventKind.SUBMITTED, EventKind.PUBLISHED]


def test_need_decline_reason_is_public_on_the_page(world, client):
    need = published_need(world)
    services.decline_need(
        actor=world["alice"], need=need, reason={"kk": "Бұл әкімдіктің ісі", "ru": "", "en": ""}
    )
    page = client.get(need.get_absolute_url()).content.decode()
    assert "Бұл әкімдіктің ісі" in page


def test_need_moderation_reject_needs_reason_and_stays_private(world, client):
    need = post_need(world["a"], poster=world["dana"])
    with pytest.raises(ValidationError):
        services.moderate_need(actor=world["erin"], need=need, publish=False)
    need = services.moderate_need(actor=world["erin"], need=need, publish=False, reason="Дубль")
    assert (need.state, need.visibility) == (NeedState.REJECTED, Visibility.PRIVATE)
    assert client.get(need.get_absolute_url()).status_code == 404


def test_need_staff_without_role_cannot_moderate_or_accept(world):
    need = post_need(world["a"], poster=world["dana"])
    with pytest.raises(PermissionDenied):
        services.moderate_need(actor=world["bob"], need=need, publish=True)
    with pytest.raises(PermissionDenied):
        services.moderate_need(actor=world["charlie"], need=need, publish=True)


def test_need_coordinator_accepts_for_own_unit_only(world):
    need = published_need(world)
    with pytest.raises(PermissionDenied):
        services.accept_need(actor=world["cora"], need=need, unit=world["a_network_unit"])
    accepted = services.accept_need(actor=world["cora"], need=need, unit=world["a_faculty"])
    assert accepted.state == NeedState.ACCEPTED


def test_need_accept_by_other_universitys_unit_is_refused(world):
    need = published_need(world)
    with pytest.raises(ValidationError) as caught:
        services.accept_need(actor=world["erin"], need=need, unit=world["b_public"])
    assert list(caught.value.message_dict) == ["unit"]


def test_need_followers_get_a_notice_on_each_change(world):
    need = published_need(world)
    services.follow_need(need=need, user=world["bob"])
    services.accept_need(actor=world["erin"], need=need, unit=world["a_faculty"])
    from qogam.notifications.models import Notice  # noqa: PLC0415

    titles = list(Notice.objects.filter(user=world["bob"]).values_list("title", flat=True))
    assert titles == ["“Тротуар на улице Абая”: Accepted"]


def test_need_on_behalf_of_organisation_requires_representative(world):
    from qogam.partners.models import Contact, PartnerOrganisation  # noqa: PLC0415

    with all_universities():
        akimat = PartnerOrganisation.objects.create(
            university=world["a"], kind="akimat", name_kk="Әкімдік", region="almaty_city"
        )
    with pytest.raises(PermissionDenied):
        post_need(world["a"], poster=world["pavel"], partner_organisation=akimat)
    with all_universities():
        Contact.objects.create(
            university=world["a"],
            organisation=akimat,
            full_name="Pavel",
            is_representative=True,
            user=world["pavel"],
        )
    need = post_need(world["a"], poster=world["pavel"], partner_organisation=akimat, language="")
    assert need.partner_organisation == akimat
    assert need.language == "ru"
