import pytest
from django.core.exceptions import ValidationError

from qogam.core.tenancy import all_universities
from qogam.needs import services
from qogam.needs.models import Comment, Report, Support
from qogam.needs.tests.factories import post_need, published_need


def test_support_once_per_person_second_is_refused(world):
    need = published_need(world)
    services.support_need(need=need, user=world["bob"])
    with pytest.raises(ValidationError) as caught:
        services.support_need(need=need, user=world["bob"])
    assert caught.value.messages == ["You already support this need."]
    with all_universities():
        assert Support.objects.filter(need=need).count() == 1


def test_support_race_hits_database_constraint_not_a_crash(world):
    need = published_need(world)
    with all_universities():
        Support.objects.create(university=world["a"], need=need, user=world["bob"])
    # As if the check above had been passed by two clicks at once: the constraint decides.
    with pytest.raises(ValidationError):
        services.support_need(need=need, user=world["bob"])


def test_support_by_email_counts_after_confirmation_once(
    world, client, django_capture_on_commit_callbacks
):
    need = published_need(world)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/needs/{need.public_id}/support/", {"email": "n@example.kz"})
    assert response.status_code == 302
    from django.core import mail  # noqa: PLC0415

    token = mail.outbox[-1].body.split("/support/confirm/")[1].split("/")[0]
    page = client.get(need.get_absolute_url()).content.decode()
    assert "<strong>0</strong>" in page
    client.post(f"/en/needs/support/confirm/{token}/")
    page = client.get(need.get_absolute_url()).content.decode()
    assert "<strong>1</strong>" in page
    with pytest.raises(ValidationError):
        services.support_need(need=need, email="N@example.kz")


def test_support_on_unpublished_need_is_refused(world):
    need = post_need(world["a"], poster=world["dana"])
    with pytest.raises(ValidationError):
        services.support_need(need=need, user=world["bob"])


def test_comment_flood_gets_429_and_earlier_comments_are_kept(world, client_for):
    need = published_need(world)
    client = client_for(world["bob"])
    url = f"/en/needs/{need.public_id}/comment/"
    for i in range(20):
        assert client.post(url, {"body": f"comment {i}"}).status_code == 302
    response = client.post(url, {"body": "one too many"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Please wait an hour" in page
    assert "one too many" in page  # what they typed comes back to copy
    with all_universities():
        bodies = list(Comment.objects.filter(need=need).values_list("body", flat=True))
    assert bodies == [f"comment {i}" for i in range(20)]


def test_comment_reply_to_reply_is_refused(world):
    need = published_need(world)
    first = services.post_comment(author=world["bob"], need=need, body="first")
    reply = services.post_comment(author=world["dana"], need=need, body="reply", parent=first)
    with pytest.raises(ValidationError) as caught:
        services.post_comment(author=world["bob"], need=need, body="deeper", parent=reply)
    assert list(caught.value.message_dict) == ["parent"]


def test_comment_by_anonymous_redirects_to_sign_in(world, client):
    need = published_need(world)
    response = client.post(f"/en/needs/{need.public_id}/comment/", {"body": "hi"})
    assert response.status_code == 302
    assert "/sign-in/" in response["Location"]


def test_comment_hidden_with_reason_leaves_public_page_and_restores(world, client_for):
    need = published_need(world)
    comment = services.post_comment(author=world["bob"], need=need, body="rude words here")
    services.report_item(reporter=world["dana"], need=need, comment=comment, reason="abuse")
    erin = client_for(world["erin"])
    queue = erin.get("/en/needs/moderation/").content.decode()
    assert "rude words here" in queue
    response = erin.post(f"/en/needs/comments/{comment.public_id}/hide/", {"reason": "Insults"})
    assert response.status_code == 302
    with all_universities():
        assert Report.objects.get().resolved_at is not None
    public = client_for(None).get(need.get_absolute_url()).content.decode()
    assert "rude words here" not in public
    client_for(world["erin"]).post(f"/en/needs/comments/{comment.public_id}/restore/")
    public = client_for(None).get(need.get_absolute_url()).content.decode()
    assert "rude words here" in public


def test_comment_hide_without_reason_is_refused(world):
    need = published_need(world)
    comment = services.post_comment(author=world["bob"], need=need, body="x")
    with pytest.raises(ValidationError):
        services.hide_comment(actor=world["erin"], comment=comment, reason="")


def test_follow_toggle_is_idempotent(world, client_for):
    need = published_need(world)
    client = client_for(world["bob"])
    url = f"/en/needs/{need.public_id}/follow/"
    client.post(url)
    client.post(url)
    with all_universities():
        assert need.follows.filter(user=world["bob"]).count() == 1
    client.post(url, {"action": "unfollow"})
    with all_universities():
        assert need.follows.filter(user=world["bob"]).count() == 0


def test_need_hidden_by_moderator_is_404_for_public(world, client):
    need = published_need(world)
    services.hide_need(actor=world["erin"], need=need, reason="Personal data in the text")
    assert client.get(need.get_absolute_url()).status_code == 404
    services.restore_need(actor=world["erin"], need=need)
    assert client.get(need.get_absolute_url()).status_code == 200
