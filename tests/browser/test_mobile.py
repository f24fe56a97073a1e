"""Small screens: pages fit a 375 px wide phone without scrolling sideways."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
OVERFLOW = "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"


def assert_no_horizontal_scroll(page, label: str) -> None:
    scroll_width, client_width = page.evaluate(OVERFLOW)
    assert scroll_width <= client_width, (
        f"{label} scrolls sideways: {scroll_width}px of content in {client_width}px"
    )


@pytest.mark.parametrize(("persona", "language"), [("alice", "en"), ("nora", "kk"), ("dana", "ru")])
def test_mobile_home_has_no_horizontal_scroll(
    browser_world, new_page, sign_in, shot, persona, language
):
    page = new_page(viewport=PHONE)
    sign_in(page, browser_world[persona], language)
    expect(page.locator("main h1")).to_be_visible()
    shot(page, f"mobile-home-{persona}-{language}")
    assert_no_horizontal_scroll(page, f"home as {persona} ({language})")


@pytest.mark.parametrize(
    ("name", "persona", "path"),
    [
        ("sign-in", None, "/kk/sign-in/"),
        ("people", "alice", "/en/people/"),
        ("invite", "alice", "/en/people/invite/"),
        ("university", "alice", "/ru/organisations/universities/aqtobe-tech/"),
        ("profile", "bob", "/kk/profile/"),
    ],
)
def test_mobile_page_has_no_horizontal_scroll(
    browser_world, live_server, new_page, log_in, shot, name, persona, path
):
    page = new_page(viewport=PHONE)
    if persona:
        log_in(page, browser_world[persona])
    page.goto(live_server.url + path)
    expect(page.locator("main h1")).to_be_visible()
    shot(page, f"mobile-{name}-{persona or 'visitor'}-{path.split('/')[1]}")
    assert_no_horizontal_scroll(page, f"{name} as {persona or 'a visitor'}")
