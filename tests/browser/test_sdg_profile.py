"""The SDG profile in Chromium: the staff page and the portal's, on a desktop and a phone, in
kk and en, checked by axe; the portal's counts lead to the records they count."""

import pytest
from playwright.sync_api import expect

from qogam.core.enums import Visibility
from qogam.core.tenancy import all_universities
from qogam.sdg.tests.test_profile import accept_target, need, practice, project, study

PHONE = {"width": 375, "height": 740}
LANGUAGES = ["kk", "en"]


@pytest.fixture
def sdg_site(browser_world):
    world = browser_world
    a = world["a"]
    with all_universities():
        solar = project(a, world["a_faculty"], [7, 13], Visibility.PUBLIC, title="Solar roofs")
        project(a, world["a_department"], [7], title="Private heating audit")
        project(a, world["a_network_unit"], [])
        study(a, world["a_department"], [4, 7], visibility=Visibility.PUBLIC)
        need(a, world["a_faculty"], [6, 11])
        practice(a, [17])
        accept_target(solar, 7, "7.2")
        accept_target(solar, 13, "13.3")
        project(world["b"], world["b_public"], [1, 2, 3], Visibility.PUBLIC, title="B project")
    return world


def _no_sideways_scroll(page, label):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], (label, width)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_sdg_profile_pages_pass_axe_on_desktop_and_phone(
    live_server, sdg_site, new_page, log_in, axe, shot, language, viewport
):
    size = PHONE if viewport == "phone" else None
    staff = new_page(bypass_csp=True, viewport=size)
    log_in(staff, sdg_site["alice"])
    unit = sdg_site["a_faculty"].public_id
    pages = {
        "staff": f"/{language}/sdg/",
        "staff-unit": f"/{language}/sdg/?unit={unit}",
    }
    for name, path in pages.items():
        staff.goto(f"{live_server.url}{path}")
        expect(staff.locator("h1")).to_be_visible()
        expect(staff.locator("html")).to_have_attribute("lang", language)
        expect(staff.locator(".sdg-bar-row")).to_have_count(17)
        expect(staff.locator("nav.main-nav a[data-nav=sdg]")).to_have_attribute(
            "aria-current", "page"
        )
        if viewport == "phone":
            _no_sideways_scroll(staff, name)
        shot(staff, f"sdg-profile-{name}-{language}-{viewport}")
        axe(staff, f"sdg {name} {language} {viewport}")

    visitor = new_page(bypass_csp=True, viewport=size)
    visitor.goto(f"{live_server.url}/{language}/portal/aqtobe-tech/sdg/")
    expect(visitor.locator("h1")).to_be_visible()
    expect(visitor.locator(".sdg-bar-row")).to_have_count(17)
    if viewport == "phone":
        _no_sideways_scroll(visitor, "portal")
    shot(visitor, f"sdg-profile-portal-{language}-{viewport}")
    axe(visitor, f"sdg portal {language} {viewport}")


def test_sdg_profile_counts_lead_to_their_records(live_server, sdg_site, new_page, log_in):
    page = new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, sdg_site["erin"])
    page.goto(f"{live_server.url}/en/sdg/")
    table = page.locator("table.sdg-profile-table")
    # Goal 7: two projects (one private, counted for staff) and one study.
    row = table.locator("tbody tr").nth(6)
    expect(row.locator("th")).to_contain_text("Affordable and clean energy")
    expect(row.locator("td").last).to_have_text("3")
    expect(table.locator("tfoot tr").first.locator("td").last).to_have_text("1")
    expect(page.locator(".sdg-target-list li").first).to_contain_text("7.2")
    # The office is offered the bulk tagging tools.
    expect(page.get_by_role("link", name="Review the suggestions")).to_be_visible()

    page.goto(f"{live_server.url}/en/portal/aqtobe-tech/")
    page.get_by_role("link", name="The university and the Sustainable Development Goals").click()
    expect(page.locator("h1")).to_have_text("Sustainable Development Goals")
    public_row = page.locator("table.sdg-profile-table tbody tr").nth(6)
    # On the portal only the public project and study count, never the private project.
    expect(public_row.locator("td").last).to_have_text("2")
    public_row.get_by_role("link", name="1 — Projects, Affordable and clean energy").click()
    expect(page.get_by_role("link", name="Solar roofs")).to_be_visible()
    expect(page.get_by_text("Private heating audit")).to_have_count(0)
    assert [e for e in errors if "Content Security Policy" in e] == []
