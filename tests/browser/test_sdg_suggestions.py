"""A coordinator writes a project in Kazakh, accepts a suggested goal, and the public portal
lists the project under that goal."""

import re

from playwright.sync_api import expect

from qogam.core.tenancy import all_universities
from qogam.projects.models import Project
from qogam.sdg.enums import TagSource, TagStatus
from qogam.sdg.models import RecordGoal

TITLE = "Жатақханадағы күн энергиясы"
DESCRIPTION = (
    "Студенттер жатақхананың шатырына күн панельдерін орнатып, электр энергиясын үнемдейді "
    "және жаңартылатын энергия көздері туралы мектеп оқушыларына сабақ өткізеді."
)


def test_coordinator_accepts_a_suggested_goal_and_the_portal_lists_it(
    live_server, browser_world, page, new_page, log_in, axe, shot
):
    world = browser_world
    log_in(page, world["cora"])
    page.goto(f"{live_server.url}/kk/projects/new/")
    page.locator("select[name=kind]").select_option("outreach")
    panel = page.locator(".sdg-suggestions-panel")
    expect(panel.locator(".sdg-note")).to_have_count(1)  # nothing written yet: a sentence
    page.locator("input[name=title_kk]").fill(TITLE)
    # Typed, not pasted: the suggestions follow the text as it is written.
    page.locator("textarea[name=description_kk]").press_sequentially(DESCRIPTION, delay=2)
    energy = panel.locator('li[data-goal="7"]')
    expect(energy).to_be_visible(timeout=10_000)
    expect(energy).to_contain_text("Қолжетімді әрі таза энергия")
    expect(energy.locator("mark").first).to_be_visible()  # the words that led to it
    expect(energy).to_contain_text("жаңартылатын энергия")
    page.locator("input[name=components][value=educational]").check()
    page.locator("select[name=lead_unit]").select_option(str(world["a_faculty"].pk))
    page.locator("input[name=starts_on]").fill("2026-04-01")
    page.locator("select[name=visibility]").select_option("public")
    energy.locator('input[name=sdg_decision_7][value="accept"]').check()
    shot(page, "sdg-suggestions-kk")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("h1")).to_have_text(TITLE)

    with all_universities():
        project = Project.objects.get(title_kk=TITLE)
        row = RecordGoal.objects.get(object_id=project.pk, goal=7, target="")
    assert 7 in project.sdgs
    assert (row.status, row.source, row.decided_by) == (
        TagStatus.ACCEPTED,
        TagSource.SUGGESTION,
        world["cora"],
    )

    # The edit form opens with the saved goal ticked and the suggestions read from the text;
    # axe needs its script injected, so it reads the page where the policy is bypassed.
    checked = new_page(bypass_csp=True)
    log_in(checked, world["cora"])
    checked.goto(f"{live_server.url}/kk/projects/{project.public_id}/edit/")
    expect(checked.locator("input[name=sdgs][value='7']")).to_be_checked()
    expect(checked.locator('.sdg-suggestions-panel li[data-goal="7"]')).to_be_visible()
    axe(checked, "project form with SDG suggestions (kk)")

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/kk/portal/aqtobe-tech/search/?sdg=7")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    page.goto(f"{live_server.url}/kk/portal/aqtobe-tech/search/?sdg=3")
    expect(page.get_by_role("link", name=TITLE)).to_have_count(0)
    page.goto(f"{live_server.url}/kk/portal/aqtobe-tech/search/?sdg=7")
    page.get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(re.compile(r"/kk/portal/aqtobe-tech/projects/"))
    shot(page, "sdg-portal-project-kk")
