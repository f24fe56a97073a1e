"""Accepting an invitation from the link in its e-mail."""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from qogam.core.enums import Role

pytestmark = pytest.mark.browser

NEW_PASSWORD = "lantern-Steppe-42-quiet"


def test_invitation_accept_signs_in_with_new_role(
    browser_world, live_server, page, shot, invitation_path
):
    path = invitation_path()
    assert path.startswith("/en/invitations/")
    page.goto(live_server.url + path)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("input[name=full_name]")).to_have_value("New Comer")
    shot(page, "invitation-accept-anonymous-en")

    page.locator("input[name=full_name]").fill("Nell Comer")
    page.locator("input[name=password1]").fill(NEW_PASSWORD)
    page.locator("input[name=password2]").fill(NEW_PASSWORD)
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(f"{live_server.url}/en/")
    with translation.override("en"):
        staff = str(Role.STAFF.label)
        welcome = gettext("Welcome! Your new role is ready.")
    expect(page.locator("main .messages")).to_contain_text(welcome)
    expect(page.locator(".site-header .account")).to_contain_text("Nell Comer")
    roles = page.locator("[data-panel=my-roles]")
    expect(roles).to_contain_text(staff)
    expect(roles).to_contain_text(browser_world["a"].name_en)
    shot(page, "invitation-accepted-home-newcomer-en")

    again = page.goto(live_server.url + path)
    assert again is not None and again.status == 410
    with translation.override("en"):
        used = gettext(
            "This invitation has already been used. Sign in with the account it created, "
            "or ask for a new invitation."
        )
    expect(page.get_by_role("alert")).to_have_text(used)
    shot(page, "invitation-used-newcomer-en")


def test_invitation_accept_mismatched_passwords_stays_on_form(
    browser_world, live_server, page, shot, invitation_path
):
    path = invitation_path()
    page.goto(live_server.url + path)
    page.locator("input[name=password1]").fill(NEW_PASSWORD)
    page.locator("input[name=password2]").fill(NEW_PASSWORD + "x")
    page.locator("main form button[type=submit]").click()

    with translation.override("en"):
        differ = gettext("The two passwords differ.")
    expect(page.locator("main .errorlist")).to_contain_text(differ)
    expect(page).to_have_url(live_server.url + path)
    shot(page, "invitation-accept-passwords-differ-en")
