"""A university's local SDG targets in real Chromium, in kk and en.

erin (A's third-mission office) goes from the SDG profile to the local targets, adds one
under UN target 7.2 through the form and finds it listed under its goal and target. axe-core
checks the list and the form; the CSP-enforcing page reports no refusal.
"""

import pytest
from playwright.sync_api import expect

from qogam.core.tenancy import all_universities
from qogam.sdg.models import LocalTarget
from qogam.sdg.services import sync_taxonomy

pytestmark = pytest.mark.browser

LANGUAGES = ["kk", "en"]


@pytest.fixture
def un_targets(browser_world):
    """The 169 UN targets: a data migration loads them, but the live server's transactional
    database is emptied between tests, so they are loaded again (idempotent)."""
    sync_taxonomy()
    return browser_world


@pytest.mark.parametrize("language", LANGUAGES)
def test_sdg_local_target_added_by_office_is_listed(
    live_server, un_targets, new_page, log_in, axe, shot, language
):
    world = un_targets
    page = new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, world["erin"])
    page.goto(f"{live_server.url}/{language}/sdg/")
    page.locator(f'a[href="/{language}/sdg/local-targets/?university=aqtobe-tech"]').click()
    expect(page).to_have_url(
        f"{live_server.url}/{language}/sdg/local-targets/?university=aqtobe-tech"
    )
    expect(page.locator(".sdg-local-goal")).to_have_count(0)
    page.locator(f'a[href="/{language}/sdg/local-targets/new/?university=aqtobe-tech"]').click()

    form = page.locator("form.sdg-local-form")
    # The UN targets are grouped by goal, 169 of them under 17 headings.
    expect(form.locator("select[name=target] optgroup")).to_have_count(17)
    expect(form.locator("select[name=target] optgroup option")).to_have_count(169)
    form.locator("select[name=target]").select_option("7.2")
    form.locator("input[name=code]").fill("7.3.KZ-1")  # not under 7.2: refused first
    form.locator("input[name=title_kk]").fill("Кампустағы жаңартылатын энергия үлесі 30 %")
    form.locator("input[name=title_en]").fill("Renewables at 30 % of the campus's energy")
    form.locator("button[type=submit]").click()
    expect(page.locator("#id_code_error, .errorlist").first).to_contain_text("7.2.KZ-1")
    shot(page, f"sdg-local-target-form-error-{language}")

    page.locator("form.sdg-local-form input[name=code]").fill("7.2.KZ-1")
    page.locator("form.sdg-local-form button[type=submit]").click()
    expect(page).to_have_url(
        f"{live_server.url}/{language}/sdg/local-targets/?university=aqtobe-tech"
    )
    goal = page.locator(".sdg-local-goal")
    expect(goal).to_have_count(1)
    expect(goal.locator("h2 svg.sdg-icon")).to_have_count(1)
    expect(goal.locator("h2")).to_contain_text("7 · ")
    expect(goal.locator(".sdg-local-un-code")).to_have_text("7.2")
    item = goal.locator(".sdg-local-list li")
    expect(item.locator(".sdg-local-code")).to_have_text("7.2.KZ-1")
    title = "Renewables at 30 % of the campus's energy"
    if language == "kk":
        title = "Кампустағы жаңартылатын энергия үлесі 30 %"
    expect(item.locator(".sdg-local-title")).to_have_text(title)
    if language == "en":
        expect(goal.locator("h2")).to_contain_text("Affordable and clean energy")
        expect(goal.locator(".sdg-local-un-title")).to_contain_text("By 2030, increase")
    shot(page, f"sdg-local-targets-list-{language}")
    assert [e for e in errors if "Content Security Policy" in e] == []
    with all_universities():
        assert list(LocalTarget.objects.values_list("code", "target__code")) == [
            ("7.2.KZ-1", "7.2")
        ]

    checked = new_page(bypass_csp=True)
    log_in(checked, world["erin"])
    checked.goto(f"{live_server.url}/{language}/sdg/local-targets/")
    expect(checked.locator(".sdg-local-goal")).to_have_count(1)
    axe(checked, f"sdg local targets {language}")
    checked.goto(f"{live_server.url}/{language}/sdg/local-targets/new/")
    expect(checked.locator("form.sdg-local-form")).to_be_visible()
    axe(checked, f"sdg local target form {language}")
    checked.locator("form.sdg-local-form button[type=submit]").click()
    expect(checked.locator(".errorlist").first).to_be_visible()
    axe(checked, f"sdg local target form with errors {language}")
    shot(checked, f"sdg-local-target-form-empty-errors-{language}")
    edit = LocalTarget.objects.with_scopes_disabled().get().public_id
    checked.goto(f"{live_server.url}/{language}/sdg/local-targets/{edit}/delete/")
    axe(checked, f"sdg local target delete {language}")
    shot(checked, f"sdg-local-target-delete-{language}")
