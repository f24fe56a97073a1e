"""A record's goals on the staff project page and the portal's project page, in Chromium:
icon chips, the staff's provenance line and targets, the portal's links to its search."""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from qogam.projects.tests.factories import make_project
from qogam.sdg import services

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def tagged(browser_world):
    world = browser_world
    project = make_project(
        world, title_en="Solar roofs for the dormitory", visibility="public", sdgs=[4, 7, 13]
    )
    services.record_goal_choices(
        actor=world["alice"], record=project, accepted={7}, targets=["7.2", "7.3"]
    )
    return project


def _path(name, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_project_goals_on_staff_and_portal_pages(
    live_server, browser_world, tagged, new_page, log_in, axe, shot, viewport
):
    size = PHONE if viewport == "phone" else None
    staff = new_page(bypass_csp=True, viewport=size)
    log_in(staff, browser_world["alice"])
    staff.goto(live_server.url + _path("projects:detail", public_id=tagged.public_id))
    chips = staff.locator(".sdg-chip-item")
    expect(chips).to_have_count(3)
    expect(chips.nth(1)).to_contain_text("Affordable and clean energy")
    expect(chips.nth(1).locator(".sdg-provenance")).to_contain_text(
        "Suggested by Qogam and accepted by Alice"
    )
    expect(chips.nth(0).locator(".sdg-provenance")).to_contain_text("Chosen by hand by Alice")
    expect(chips.nth(1).locator(".sdg-target-code")).to_have_text(["7.2", "7.3"])
    axe(staff, f"project detail goals {viewport}")
    shot(staff, f"sdg-record-goals-project-{viewport}")
    if viewport == "phone":
        assert staff.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    public = new_page(bypass_csp=True, viewport=size)
    public.goto(
        live_server.url + _path("portal:project", slug="aqtobe-tech", public_id=tagged.public_id)
    )
    links = public.locator("a.sdg-chip")
    expect(links).to_have_count(3)
    expect(public.locator(".sdg-provenance")).to_have_count(0)
    axe(public, f"portal project goals {viewport}")
    shot(public, f"sdg-record-goals-portal-{viewport}")
    links.nth(1).click()
    expect(public).to_have_url(live_server.url + "/en/portal/aqtobe-tech/search/?sdg=7")
    expect(public.locator("main")).to_contain_text("Solar roofs for the dormitory")
