"""Who reads and who changes strategies: pages, the admin, the navigation and the home panel."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from qogam.strategy import services
from qogam.strategy.tests.records import (
    SECRET_MEASURE,
    SECRET_STRATEGY,
    a_strategy_records,
    make_goal,
    make_measure,
    make_strategy,
)
from qogam.strategy.tests.sweep import RECORD_URLS, admin_records

READ_PAGES = ["strategy:detail", "strategy:timeline", "strategy:export_xlsx", "strategy:measure"]
EDIT_PAGES = [
    "strategy:edit",
    "strategy:delete",
    "strategy:direction_create",
    "strategy:direction_edit",
    "strategy:direction_delete",
    "strategy:goal_create",
    "strategy:goal_edit",
    "strategy:goal_delete",
    "strategy:measure_create",
    "strategy:measure_edit",
    "strategy:measure_delete",
]


def _url(world, name):
    return reverse(name, kwargs=RECORD_URLS[name](world, None))


@pytest.mark.parametrize("persona", ["charlie", "bianca", "pavel", "dana"])
def test_access_other_university_and_non_staff_get_404(world, client_for, persona):
    a_strategy_records(world)
    client = client_for(world[persona])
    for name in READ_PAGES + EDIT_PAGES + ["strategy:note_create"]:
        for method in ("get", "post"):
            response = getattr(client, method)(_url(world, name))
            assert response.status_code in {404, 405}, (persona, name, method)
            assert SECRET_STRATEGY.encode() not in response.content


def test_access_anonymous_is_sent_to_sign_in_or_404(world, client_for):
    a_strategy_records(world)
    client = client_for(None)
    for name in READ_PAGES + EDIT_PAGES:
        response = client.get(_url(world, name))
        assert response.status_code in {302, 404}, name
        if response.status_code == 302:
            assert "/sign-in/" in response["Location"]


def test_access_staff_without_role_reads_but_cannot_edit(world, client_for):
    a_strategy_records(world)
    client = client_for(world["bob"])
    for name in READ_PAGES:
        assert client.get(_url(world, name)).status_code == 200, name
    for name in EDIT_PAGES:
        assert client.get(_url(world, name)).status_code == 403, name
        assert client.post(_url(world, name)).status_code == 403, name
    assert client.get(reverse("strategy:create")).status_code == 403
    assert client.get(reverse("strategy:copy")).status_code == 403


def test_access_coordinator_manages_unit_plan_not_university_strategy(world, client_for):
    records = a_strategy_records(world)
    plan = make_strategy(world, "cora", unit=world["a_department"], title_en="Physics plan")
    client = client_for(world["cora"])
    assert (
        client.get(reverse("strategy:edit", kwargs={"public_id": plan.public_id})).status_code
        == 200
    )
    assert client.get(_url(world, "strategy:edit")).status_code == 403
    # Deleting a plan stays with the office.
    assert (
        client.get(reverse("strategy:delete", kwargs={"public_id": plan.public_id})).status_code
        == 403
    )
    assert records["strategy"].get_absolute_url()


def test_access_office_and_admin_edit(world, client_for):
    a_strategy_records(world)
    for persona in ("alice", "erin", "nora"):
        client = client_for(world[persona])
        for name in EDIT_PAGES:
            assert client.get(_url(world, name)).status_code == 200, (persona, name)


def test_access_network_template_read_by_members_changed_by_network_admin(world, client_for):
    template = make_strategy(
        world, "nora", university=world["b"], is_template=True, title_en="Net model"
    )
    url = template.get_absolute_url()
    edit = reverse("strategy:edit", kwargs={"public_id": template.public_id})
    for persona in ("bob", "dana", "charlie"):
        assert client_for(world[persona]).get(url).status_code == 200, persona
    assert client_for(world["pavel"]).get(url).status_code == 404
    for persona in ("alice", "charlie"):
        assert client_for(world[persona]).get(edit).status_code == 403, persona
    assert client_for(world["nora"]).get(edit).status_code == 200


def test_access_admin_hides_other_universities_records(world, client_for):
    records = admin_records(world)
    charlie, alice = client_for(world["charlie"]), None
    for label, record in records.items():
        app, model = label.split(".")
        url = reverse(f"admin:{app}_{model}_change", args=[record.pk])
        assert charlie.get(url).status_code in {403, 404}, label
    alice = client_for(world["alice"])
    for label, record in records.items():
        app, model = label.split(".")
        url = reverse(f"admin:{app}_{model}_change", args=[record.pk])
        assert alice.get(url).status_code == 200, label


# --- Navigation and the home panel -----------------------------------------------------------


def test_navigation_shows_strategy_to_staff_only(world, client_for):
    for persona, shown in [
        ("alice", True),
        ("erin", True),
        ("cora", True),
        ("bob", True),
        ("charlie", True),
        ("nora", True),
        ("dana", False),
        ("pavel", False),
    ]:
        body = client_for(world[persona]).get("/en/").content.decode()
        assert ('data-nav="strategy"' in body) is shown, persona


def test_home_panel_lists_owners_overdue_and_upcoming_measures(world, client_for):
    today = timezone.localdate()
    strategy = make_strategy(
        world, starts_on=today - timedelta(days=400), ends_on=today + timedelta(days=400)
    )
    goal = make_goal(world, strategy)
    make_measure(world, goal, title_en="Late one", owner=world["bob"], due_on=today - timedelta(1))
    make_measure(world, goal, title_en="Soon one", owner=world["bob"], due_on=today + timedelta(9))
    make_measure(world, goal, title_en="Far one", owner=world["bob"], due_on=today + timedelta(90))
    done = make_measure(
        world, goal, title_en="Done one", owner=world["bob"], due_on=today - timedelta(5)
    )
    services.add_progress_note(actor=world["bob"], measure=done, on=today, status="done", text="!")
    make_measure(world, goal, title_en="Cora's", owner=world["cora"], due_on=today - timedelta(1))

    body = client_for(world["bob"]).get("/en/").content.decode()
    assert 'data-panel="strategy-measures"' in body
    assert "Late one" in body and "Soon one" in body
    assert "Far one" not in body and "Done one" not in body and "Cora&#x27;s" not in body
    assert body.index("Late one") < body.index("Soon one")


def test_home_panel_hidden_without_open_measures(world, client_for):
    measure = a_strategy_records(world)["measure"]
    assert SECRET_MEASURE
    for persona in ("erin", "dana", "charlie"):
        body = client_for(world[persona]).get("/en/").content.decode()
        assert 'data-panel="strategy-measures"' not in body, persona
    assert measure.owner == world["bob"]
