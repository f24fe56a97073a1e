from qogam.notifications.services import notify


def _notice(user, university="A"):
    return notify(
        user=user,
        kind="role_granted",
        context={"role": "Staff", "university": university, "actor": "Alice"},
    )


def test_inbox_shows_unread_count_then_marks_read(world, client_for):
    bob = world["bob"]
    _notice(bob)
    _notice(bob, "B")
    client = client_for(bob)
    home = client.get("/en/").content.decode()
    assert '<span class="count">2<span class="visually-hidden"> unread</span></span>' in home
    inbox = client.get("/en/notifications/").content.decode()
    assert inbox.count('<span class="badge">new</span>') == 2
    assert bob.notices.filter(read_at__isnull=True).count() == 0
    assert 'class="count"' not in client.get("/en/").content.decode()


def test_inbox_shows_only_own_notices(world, client_for):
    _notice(world["bob"], "Secret for Bob")
    page = client_for(world["dana"]).get("/en/notifications/").content.decode()
    assert "Secret for Bob" not in page
