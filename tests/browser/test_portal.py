"""The public portal in Chromium: a desktop and a phone, in kk, ru and en, checked by axe."""

import pytest
from playwright.sync_api import expect

from qogam.portal.tests.test_pages import build_site

PHONE = {"width": 375, "height": 740}
LANGUAGES = ["kk", "ru", "en"]


@pytest.fixture
def portal_site(browser_world):
    return build_site(browser_world)


def _pages(site) -> dict[str, str]:
    slug = "aqtobe-tech"
    return {
        "home": "/portal/",
        "university": f"/portal/{slug}/",
        "projects": f"/portal/{slug}/projects/",
        "project": f"/portal/{slug}/projects/{site['project'].public_id}/",
        "need": f"/portal/{slug}/needs/{site['need'].public_id}/",
        "map": f"/portal/{slug}/districts/",
        "search": f"/portal/{slug}/search/?q=Public",
    }


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_portal_pages_pass_axe_on_desktop_and_phone(
    live_server, portal_site, new_page, axe, shot, language, viewport
):
    page = new_page(bypass_csp=True, viewport=PHONE if viewport == "phone" else None)
    for name, path in _pages(portal_site).items():
        page.goto(f"{live_server.url}/{language}{path}")
        expect(page.locator("h1")).to_be_visible()
        expect(page.locator("html")).to_have_attribute("lang", language)
        if viewport == "phone":
            # Nothing wider than the phone: no sideways scrolling.
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], (name, width)
        shot(page, f"portal-{name}-{language}-{viewport}")
        axe(page, f"portal {name} {language} {viewport}")


def test_portal_keeps_strict_csp_and_follows_links(live_server, portal_site, new_page):
    page = new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/en/portal/")
    page.get_by_role("link", name="Aqtobe Technical University").first.click()
    page.get_by_role("link", name="Projects", exact=True).first.click()
    page.get_by_role("link", name="Public playground repair").click()
    expect(page.locator("h1")).to_have_text("Public playground repair")
    image = page.locator("main img").first
    expect(image).to_have_attribute("loading", "lazy")
    page.get_by_role("link", name="Русский").click()
    expect(page).to_have_url(
        f"{live_server.url}/ru/portal/aqtobe-tech/projects/{portal_site['project'].public_id}/"
    )
    assert [e for e in errors if "Content Security Policy" in e] == []
