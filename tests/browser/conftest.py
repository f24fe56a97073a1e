"""Browser tests: headless Debian Chromium, driven by Playwright's sync API, against a live server.

One Chromium for all of these tests; each test opens its own contexts (cookies, storage) through
`new_page`, so tests never share a session. Every test saves full-page screenshots into
test-artifacts/screenshots/ (git-ignored) through `shot`.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from playwright.sync_api import Browser, Page, expect, sync_playwright

from conftest import PASSWORD
from qogam.accounts.services import invite_person

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 800}
# Auto-waiting assertions give up after this long; a local live server answers in milliseconds.
expect.set_options(timeout=10_000)


def pytest_collection_modifyitems(items):
    # Every test in this folder drives the browser, whatever its own marks say.
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package")
def browser() -> Browser:
    """One Chromium for all the browser tests, closed as soon as the last of them has run.

    Package scope rather than session scope: while Playwright's sync API is started, an event
    loop runs in the test thread, and tests run after these (pytest-django runs tests without a
    database last) could not use asyncio.run() or async_to_sync().
    """
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing; scripts/ensure-chromium installs Debian's chromium")
    with pytest.MonkeyPatch.context() as patch:
        # Django refuses database work in a thread with a running event loop unless told that
        # this is deliberate; the loop is Playwright's, and the database work is the tests'.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        playwright = sync_playwright().start()
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
        finally:
            playwright.stop()


@pytest.fixture
def new_page(browser):
    """`new_page(bypass_csp=False, viewport=None)`: a page in a fresh browser context.

    bypass_csp is for the accessibility checks only: axe-core is injected as an inline script,
    which the Content-Security-Policy (rightly) blocks everywhere else.
    """
    contexts = []

    def make(*, bypass_csp: bool = False, viewport: dict | None = None) -> Page:
        context = browser.new_context(
            viewport=viewport or DESKTOP, bypass_csp=bypass_csp, locale="en-GB"
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page) -> Page:
    return new_page()


@pytest.fixture
def browser_world(live_server, world):
    """The personas, committed where the live server's thread can read them.

    Requesting live_server makes pytest-django give `world` a transactional database, so the
    rows are committed rather than held in a test transaction the server would never see.
    """
    return world


@pytest.fixture
def shot():
    """`shot(page, name)`: save a full-page screenshot as test-artifacts/screenshots/<name>.png."""

    def save(page: Page, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture
def sign_in(live_server):
    """`sign_in(page, user, language="en")`: sign in through the real form, land on home."""

    def submit(page: Page, user, language: str = "en") -> None:
        page.goto(f"{live_server.url}/{language}/sign-in/")
        page.locator("input[name=username]").fill(user.email)
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        expect(page).to_have_url(f"{live_server.url}/{language}/")

    return submit


@pytest.fixture
def log_in(live_server):
    """`log_in(page, user)`: give the page's context a signed-in session cookie, skipping the form.

    For tests about other pages; the sign-in form itself is exercised through `sign_in`.
    """

    def add_session(page: Page, user) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )

    return add_session


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


def _describe(violation: dict) -> str:
    targets = "; ".join(", ".join(node["target"]) for node in violation["nodes"][:5])
    return f"[{violation['impact']}] {violation['id']}: {violation['help']} — {targets}"


@pytest.fixture
def axe():
    """`axe(page, label)`: run axe-core's WCAG 2.x A/AA rules; fail on serious or critical.

    The page must come from `new_page(bypass_csp=True)`, since axe is injected inline.
    Minor and moderate findings are printed, not failed.
    """

    def check(page: Page, label: str) -> list[dict]:
        page.add_script_tag(path=str(AXE_JS))
        result = page.evaluate(
            # resultTypes: passes and inapplicable rules are summarised, not listed node by node.
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations', 'incomplete']})",
            AXE_TAGS,
        )
        assert result["passes"], f"axe checked nothing on {label}"
        for review in result["incomplete"]:
            print(f"axe {label}, needs review: {_describe(review)}")
        violations = result["violations"]
        for violation in violations:
            print(f"axe {label}: {_describe(violation)}")
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, f"axe on {label}:\n" + "\n".join(_describe(v) for v in blocking)
        return violations

    return check


INVITATION_LINK = re.compile(r"https?://\S+/invitations/[^/\s]+/")


@pytest.fixture
def invitation_path(browser_world):
    """`invitation_path()`: alice invites newcomer@example.kz as staff of A, in English.

    Returns the path of the link in the e-mail (locmem backend: the outbox is shared with the
    live server's thread). The link names SITE_URL; tests put the live server's address first.
    """

    def invite() -> str:
        mail.outbox.clear()
        invite_person(
            actor=browser_world["alice"],
            university=browser_world["a"],
            email="newcomer@example.kz",
            role="staff",
            unit=None,
            full_name="New Comer",
            language="en",
        )
        (message,) = [m for m in mail.outbox if m.to == ["newcomer@example.kz"]]
        found = INVITATION_LINK.search(message.body)
        assert found, f"no invitation link in the e-mail:\n{message.body}"
        return urlsplit(found.group(0)).path

    return invite
