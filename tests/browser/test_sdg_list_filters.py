"""The goal filter on the needs list in real Chromium: chosen by its title, kept in the address."""

import pytest
from playwright.sync_api import expect

from qogam.needs.tests.factories import published_need
from qogam.volunteering.tests.records_academic import make_course

pytestmark = pytest.mark.browser


def test_needs_list_filtered_by_goal(browser_world, live_server, new_page, axe, shot):
    world = browser_world
    published_need(world, title="A clinic for the elderly", sdgs=[3])
    published_need(world, title="Flood barriers on the river", sdgs=[13])
    page = new_page(bypass_csp=True)
    page.goto(f"{live_server.url}/en/needs/")
    goal = page.locator("main select[name=sdg]")
    expect(goal.locator("option[value='3']")).to_have_text("3 · Good health and well-being")
    goal.select_option("3")
    page.locator("main form.filters button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/en/needs/?q=&category=&state=&district=&sdg=3")
    expect(page.locator("main")).to_contain_text("A clinic for the elderly")
    expect(page.locator("main")).not_to_contain_text("Flood barriers on the river")
    expect(goal).to_have_value("3")
    axe(page, "needs list filtered by goal 3 (en)")
    shot(page, "sdg-needs-list-filtered")

    page.goto(f"{live_server.url}/kk/needs/?sdg=13")
    expect(page.locator("main")).to_contain_text("Flood barriers on the river")
    expect(page.locator("main")).not_to_contain_text("A clinic for the elderly")
    shot(page, "sdg-needs-list-filtered-kk")


def test_courses_filtered_by_goal(browser_world, live_server, new_page, log_in, axe, shot):
    world = browser_world
    make_course(world, code="SL3", name_en="Health literacy in schools", sdgs=[3])
    make_course(world, code="SL13", name_en="Climate and the city", sdgs=[13])
    page = new_page(bypass_csp=True)
    log_in(page, world["erin"])
    page.goto(f"{live_server.url}/en/volunteering/programmes/?sdg=3")
    courses = page.locator("main section[aria-labelledby=courses]")
    expect(courses).to_contain_text("Health literacy in schools")
    expect(courses).not_to_contain_text("Climate and the city")
    expect(courses.locator("select[name=sdg]")).to_have_value("3")
    axe(page, "courses filtered by goal 3 (en)")
    shot(page, "sdg-courses-filtered")
