"""The science shop in real Chromium: from a community need to a summary on its timeline.

erin (A's third-mission office) turns a published need into a bachelor's thesis topic with bob
as supervisor; dana (a student of A) finds it in the science shop and takes it; bob confirms
her from his home panel and completes the topic with a plain-language summary; a visitor then
reads the summary on the need's public timeline in Kazakh and in English. axe-core checks the
research pages on the way. Expected words come from the catalogues (gettext under
translation.override), so the test reads in any language.
"""

from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from qogam.core.enums import Visibility
from qogam.core.tenancy import all_universities
from qogam.needs.tests.factories import published_need
from qogam.organisations.models import University
from qogam.research.enums import QuestionKind, QuestionStatus
from qogam.research.models import ResearchQuestion
from qogam.research.tests.records import make_study

pytestmark = pytest.mark.browser

TOPIC = {
    "kk": "Аула алаңдарының қауіпсіздігі: тұрғындар сауалнамасы",
    "ru": "Безопасность дворовых площадок: опрос жителей",
    "en": "How safe are courtyard playgrounds? A residents' survey",
}
SUMMARY = {
    "kk": "Студент 84 тұрғынмен сөйлесті: алаңдардың жартысында әткеншектер сынған.",
    "ru": "Студентка опросила 84 жителя: на половине площадок сломаны качели.",
    "en": "The student surveyed 84 residents: half of the playgrounds have broken swings.",
}


def words(code: str, text: str) -> str:
    with translation.override(code):
        return gettext(text)


def click_submit(page: Page) -> None:
    page.locator("main form.form button[type=submit]").click()


def test_science_shop_flow_need_to_summary_on_timeline(
    browser_world, live_server, new_page, log_in, axe, shot
):
    world = browser_world
    base = live_server.url
    University.objects.filter(pk=world["a"].pk).update(visibility=Visibility.PUBLIC)
    need = published_need(world)

    # --- erin turns the published need into a thesis topic -------------------------------------
    erin = new_page(bypass_csp=True)
    log_in(erin, world["erin"])
    # The science shop offers her university's published needs to turn into topics.
    erin.goto(f"{base}/en/research/science-shop/")
    erin.locator(f"a[href$='/science-shop/from-need/{need.public_id}/']").click()
    expect(erin.locator("main h1")).to_have_text(words("en", "Turn the need into a topic"))
    for code, text in TOPIC.items():
        erin.locator(f"#id_question_{code}").fill(text)
    erin.locator("#id_kind").select_option(QuestionKind.BACHELOR_THESIS)
    erin.locator("#id_unit").select_option(str(world["a_department"].pk))
    erin.locator("#id_supervisor").select_option(str(world["bob"].pk))
    erin.locator("#id_visibility").select_option(Visibility.PUBLIC)
    axe(erin, "topic form as erin (en)")
    shot(erin, "research-topic-form-erin-en")
    click_submit(erin)
    expect(erin.locator("main h1")).to_have_text(TOPIC["en"])
    with all_universities():
        question = ResearchQuestion.objects.get(need=need)
    assert question.status == QuestionStatus.OPEN
    assert question.supervisor == world["bob"]

    # --- dana finds it in the science shop and takes it ----------------------------------------
    dana = new_page(bypass_csp=True)
    log_in(dana, world["dana"])
    dana.goto(f"{base}/en/research/science-shop/")
    expect(dana.locator("main h1")).to_have_text(words("en", "Science shop"))
    axe(dana, "science shop as dana (en)")
    shot(dana, "research-science-shop-dana-en")
    dana.get_by_role("link", name=TOPIC["en"]).click()
    expect(dana.locator("main h1")).to_have_text(TOPIC["en"])
    axe(dana, "topic page as dana (en)")
    dana.get_by_role("button", name=words("en", "Take this topic")).click()
    expect(dana.locator("main")).to_contain_text(words("en", "You have taken this topic."))

    # --- bob confirms her from his home panel and completes the topic --------------------------
    bob = new_page(bypass_csp=True)
    log_in(bob, world["bob"])
    bob.goto(f"{base}/en/")
    panel = bob.locator("[data-panel='research-topics']")
    expect(panel).to_contain_text(words("en", "Students waiting for your confirmation"))
    expect(panel).to_contain_text("Dana")
    shot(bob, "research-home-panel-bob-en")
    panel.get_by_role("link", name=TOPIC["en"]).first.click()
    bob.locator("ul.takers").get_by_role("button", name=words("en", "Confirm")).click()
    expect(bob.locator("ul.takers")).to_contain_text(words("en", "Confirmed"))
    bob.get_by_role("link", name=words("en", "Complete with a summary")).click()
    # The Kazakh summary is required: sent without it, the form says so on its field.
    bob.locator("#id_summary_en").fill(SUMMARY["en"])
    click_submit(bob)
    expect(bob.locator("#id_summary_kk")).to_have_attribute("aria-invalid", "true")
    axe(bob, "completion form with an error as bob (en)")
    for code, text in SUMMARY.items():
        bob.locator(f"#id_summary_{code}").fill(text)
    shot(bob, "research-complete-form-bob-en")
    click_submit(bob)
    expect(bob.locator("section.said-did")).to_contain_text(SUMMARY["en"])
    with all_universities():
        question.refresh_from_db()
    assert question.status == QuestionStatus.COMPLETED

    # --- a visitor reads the summary on the need's public timeline, in kk and en ---------------
    reader = new_page(bypass_csp=True)
    for code in ("kk", "en"):
        reader.goto(f"{base}/{code}/needs/{need.public_id}/")
        entry = reader.locator("ol.timeline li.event-related")
        expect(entry).to_contain_text(SUMMARY[code])
        expect(entry).to_contain_text(words(code, "Science shop: research completed"))
        expect(entry.get_by_role("link", name=TOPIC[code])).to_be_visible()
        # The need's page lists the topic among its research, with its status.
        expect(reader.locator("section.related")).to_contain_text(TOPIC[code])
        shot(reader, f"research-need-timeline-visitor-{code}")
        axe(reader, f"need page with the research summary ({code})")


def test_research_pages_pass_axe(browser_world, live_server, new_page, log_in, axe, shot):
    world = browser_world
    base = live_server.url
    study = make_study(
        world,
        title_ru="Исследование воды Актобе",
        visibility=Visibility.PUBLIC,
        authors=[world["bob"]],
        external_authors="Aigerim Sadykova, Nazarbayev University",
        ends_on=date(2026, 12, 1),
    )
    erin = new_page(bypass_csp=True)
    log_in(erin, world["erin"])
    pages = [
        ("study list", "/en/research/"),
        ("study page", f"/en/research/{study.public_id}/"),
        ("study form", "/en/research/new/"),
        ("study uptake form", f"/en/research/{study.public_id}/uptake/"),
        ("study output form", f"/en/research/{study.public_id}/outputs/new/"),
        ("study list in kk", "/kk/research/"),
    ]
    for label, path in pages:
        erin.goto(base + path)
        expect(erin.locator("main h1")).to_be_visible()
        shot(erin, f"research-{label.replace(' ', '-')}-erin")
        axe(erin, f"{label} as erin")
    # A visitor reads the public study with the English title falling back from nowhere.
    visitor = new_page(bypass_csp=True)
    visitor.goto(f"{base}/ru/research/{study.public_id}/")
    expect(visitor.locator("main h1")).to_have_text("Исследование воды Актобе")
    axe(visitor, "study page as a visitor (ru)")
