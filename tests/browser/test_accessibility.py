"""WCAG 2.2 AA checks with axe-core on each kind of page, and keyboard access."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# (name, persona or None for a visitor, language, path; {university} and {unit} are A's)
PAGES = [
    ("sign-in", None, "kk", "/sign-in/"),
    ("sign-in", None, "ru", "/sign-in/"),
    ("sign-in", None, "en", "/sign-in/"),
    ("home", "alice", "en", "/"),
    ("home", "dana", "en", "/"),
    ("home", "nora", "ru", "/"),
    ("universities", None, "en", "/organisations/universities/"),
    ("universities", "alice", "kk", "/organisations/universities/"),
    ("university", "alice", "en", "/organisations/universities/{university}/"),
    ("unit", "alice", "en", "/organisations/units/{unit}/"),
    ("unit-edit", "alice", "en", "/organisations/units/{unit}/edit/"),
    ("people", "alice", "en", "/people/"),
    ("invite", "alice", "en", "/people/invite/"),
    ("audit", "charlie", "en", "/audit/"),
    ("profile", "bob", "en", "/profile/"),
    ("notices", "bob", "en", "/notifications/"),
    ("notification-settings", "bob", "en", "/notifications/settings/"),
]


@pytest.mark.parametrize(
    ("name", "persona", "language", "path"),
    PAGES,
    ids=[f"{name}-{persona or 'visitor'}-{language}" for name, persona, language, _ in PAGES],
)
def test_axe_page_has_no_serious_violations(
    browser_world, live_server, new_page, log_in, axe, shot, name, persona, language, path
):
    page = new_page(bypass_csp=True)
    if persona:
        log_in(page, browser_world[persona])
    where = {"university": browser_world["a"].slug, "unit": browser_world["a_faculty"].public_id}
    url = f"{live_server.url}/{language}{path.format(**where)}"
    response = page.goto(url)
    status = response.status if response else None
    assert status == 200, f"{url} answered {status}"
    expect(page.locator("html")).to_have_attribute("lang", language)
    shot(page, f"{name}-{persona or 'visitor'}-{language}")
    axe(page, f"{name} as {persona or 'a visitor'} ({language})")


@pytest.mark.parametrize(("name", "path"), [("people", "/en/people/"), ("audit", "/en/audit/")])
def test_axe_phone_table_page_has_no_serious_violations(
    browser_world, live_server, new_page, log_in, axe, shot, name, path
):
    # On a phone the tables scroll sideways inside their wrapper: that region must be usable.
    page = new_page(bypass_csp=True, viewport={"width": 375, "height": 740})
    log_in(page, browser_world["alice"])
    page.goto(live_server.url + path)
    expect(page.locator("main h1")).to_be_visible()
    shot(page, f"mobile-{name}-alice-en")
    axe(page, f"{name} as alice on a phone (en)")


def test_axe_invitation_page_has_no_serious_violations(
    live_server, new_page, axe, shot, invitation_path
):
    page = new_page(bypass_csp=True)
    page.goto(live_server.url + invitation_path())
    expect(page.locator("input[name=password1]")).to_be_visible()
    axe(page, "invitation acceptance (en)")
    # The same page with the form's errors shown.
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main .errorlist").first).to_be_visible()
    shot(page, "invitation-accept-errors-en")
    axe(page, "invitation acceptance with errors (en)")


def test_axe_sign_in_errors_have_no_serious_violations(live_server, new_page, axe, shot):
    page = new_page(bypass_csp=True)
    page.goto(f"{live_server.url}/en/sign-in/")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main .errorlist").first).to_be_visible()
    shot(page, "sign-in-empty-errors-visitor-en")
    axe(page, "sign-in with errors (en)")


@pytest.mark.parametrize("persona", ["alice", None])
def test_skip_link_first_tab_focuses_and_shows(
    browser_world, live_server, page, sign_in, shot, persona
):
    if persona:
        sign_in(page, browser_world[persona])
        page.goto(f"{live_server.url}/en/")
    else:
        page.goto(f"{live_server.url}/en/organisations/universities/")
    skip = page.locator("a.skip-link")
    expect(skip).not_to_be_in_viewport()

    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0 and box["width"] > 20
    shot(page, f"skip-link-focused-{persona or 'visitor'}-en")

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
