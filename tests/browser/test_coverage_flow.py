"""Media coverage in real Chromium: recorded from a need's page, listed per period, shown in public.

bob (staff of A) records a press piece about a published need from the need's own page, with a
screenshot; the coverage list shows it in the period's summary; a visitor reads it on the need's
page in Russian. axe-core checks the coverage pages on the way.
"""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from qogam.core.enums import Visibility
from qogam.core.tenancy import all_universities
from qogam.coverage.models import Coverage
from qogam.needs.tests.factories import published_need
from qogam.organisations.models import University

pytestmark = pytest.mark.browser

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
HEADLINE = "Студенты отремонтировали тротуар у школы"


def words(code: str, text: str) -> str:
    with translation.override(code):
        return gettext(text)


def test_coverage_recorded_from_need_page_listed_and_shown_in_public(
    browser_world, live_server, new_page, log_in, axe, shot, tmp_path
):
    world = browser_world
    base = live_server.url
    University.objects.filter(pk=world["a"].pk).update(visibility=Visibility.PUBLIC)
    need = published_need(world)
    screenshot = tmp_path / "piece.png"
    screenshot.write_bytes(PNG)

    bob = new_page(bypass_csp=True)
    log_in(bob, world["bob"])
    bob.goto(f"{base}/en{need.get_absolute_url()[3:]}")
    bob.get_by_role("link", name=words("en", "Record media coverage")).click()
    expect(bob.locator("main h1")).to_have_text(words("en", "Record media coverage"))
    bob.locator("#id_title").fill(HEADLINE)
    bob.locator("#id_outlet").fill("Диапазон")
    bob.locator("#id_kind").select_option("press")
    bob.locator("#id_published_on").fill("2026-10-01")
    bob.locator("#id_language").select_option("ru")
    bob.locator("#id_reach").fill("15000")
    bob.locator("#id_file").set_input_files(str(screenshot))
    axe(bob, "coverage form as bob (en)")
    # Neither a link nor saved: the form says why and keeps what was typed.
    bob.locator("#id_file").set_input_files([])
    bob.locator("main form.form button[type=submit]").click()
    expect(bob.locator("main")).to_contain_text(
        words("en", "Give a link to the piece or attach a screenshot or file.")
    )
    with all_universities():
        assert Coverage.objects.count() == 0
    bob.locator("#id_file").set_input_files(str(screenshot))
    bob.locator("main form.form button[type=submit]").click()
    expect(bob.locator("main h1")).to_have_text(HEADLINE)
    expect(bob.locator("img.coverage-shot")).to_be_visible()
    axe(bob, "coverage page as bob (en)")
    shot(bob, "coverage-detail-bob-en")

    bob.goto(f"{base}/en/coverage/?since=2026-01-01&until=2026-12-31")
    expect(bob.locator("main .count")).to_contain_text("1 piece")
    expect(bob.locator("table.coverage-summary")).to_contain_text("15000")
    axe(bob, "coverage list as bob (en)")
    shot(bob, "coverage-list-bob-en")

    visitor = new_page(bypass_csp=True)
    visitor.goto(f"{base}/ru{need.get_absolute_url()[3:]}")
    section = visitor.locator("section.related", has_text=words("ru", "In the media"))
    expect(section).to_contain_text(HEADLINE)
    expect(section.locator("a[lang=ru]")).to_have_text(HEADLINE)
    expect(visitor.get_by_role("link", name=words("ru", "Record media coverage"))).to_have_count(0)
    axe(visitor, "need page with coverage as a visitor (ru)")
    shot(visitor, "coverage-need-visitor-ru")
