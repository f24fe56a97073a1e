"""Indicators in real Chromium, in Kazakh, Russian and English.

erin (A's third-mission office) opens the core-3m dashboard: the sections carry the names of
the 2019 resolution's recommendations, and the student volunteering rate is computed from
dana's verified hours. She clicks the number and sees the records behind it, then freezes the
year in a snapshot. Every page passes the axe check and is saved as a screenshot.
"""

import pytest
from playwright.sync_api import expect

from qogam.core.periods import academic_year_label, academic_year_of
from qogam.core.tenancy import all_universities
from qogam.indicators.models import Pack, PackActivation
from qogam.indicators.packs import load_packs
from qogam.volunteering import hours
from qogam.volunteering.tests.records import make_opportunity
from qogam.volunteering.tests.records_hours import past_sign_ups

pytestmark = pytest.mark.browser

# The section of the core pack that holds the volunteering rate, in each language.
VOLUNTEERING_SECTION = {
    "kk": "ENU-4 · Оқу үдерісімен байланысты студенттік еріктілер қозғалысы",
    "ru": "ENU-4 · Студенческое волонтёрское движение, связанное с учебным процессом",
    "en": "ENU-4 · Student volunteering linked to the academic process",
}
PARK = {"kk": "Саябақты тазалау", "ru": "Уборка парка", "en": "Park clean-up"}
SNAPSHOT_BUTTON = {
    "kk": "Мәндерді бекітіп қою",
    "ru": "Зафиксировать значения",
    "en": "Freeze the values",
}


@pytest.fixture
def indicator_world(browser_world):
    world = browser_world
    load_packs()
    with all_universities():
        core = Pack.objects.get(code="core-3m", university__isnull=True)
        PackActivation.objects.get_or_create(university=world["a"], pack=core)
    opportunity = make_opportunity(
        world,
        title_kk="Саябақты тазалау",
        title_ru="Уборка парка",
        title_en="Park clean-up",
        unit=world["a_department"],
    )
    _shift, (sign_up,) = past_sign_ups(world, opportunity, length=3)
    entry = hours.log_hours(student=world["dana"], sign_up=sign_up, hours="3")
    hours.verify_hours(actor=world["erin"], entry=entry)
    return world


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_office_reads_dashboard_records_and_takes_snapshot(
    indicator_world, live_server, new_page, log_in, axe, shot, language
):
    world = indicator_world
    base = live_server.url
    year = academic_year_label(academic_year_of())
    page = new_page(bypass_csp=True)
    log_in(page, world["erin"])

    # --- the dashboard: named sections, the volunteering rate computed ----------------------
    page.goto(f"{base}/{language}/indicators/?pack=core-3m")
    expect(page.locator("html")).to_have_attribute("lang", language)
    section = page.locator("section.ind-section", has_text=VOLUNTEERING_SECTION[language])
    expect(section.locator("h2")).to_have_text(VOLUNTEERING_SECTION[language])
    row = section.locator("tr", has=page.locator("td.ind-code", has_text="VOL-01"))
    expect(row.locator(".ind-period")).to_have_text(year)
    # dana is A's only student with verified hours; A has one student: 100 %.
    value = row.locator("a.ind-value")
    expect(value).to_contain_text("100")
    shot(page, f"indicators-flow-dashboard-{language}")
    assert axe(page, f"indicators dashboard ({language})") == []

    # --- the records behind the number ------------------------------------------------------
    value.click()
    expect(page.locator("main h1")).to_contain_text("VOL-01")
    expect(page.locator("main")).to_contain_text(PARK[language])
    shot(page, f"indicators-flow-records-{language}")
    assert axe(page, f"indicators records of VOL-01 ({language})") == []

    # --- a snapshot freezes the year ----------------------------------------------------------
    page.goto(f"{base}/{language}/indicators/snapshots/")
    page.locator("#id_title").fill(f"Report {year} ({language})")
    page.get_by_role("button", name=SNAPSHOT_BUTTON[language]).click()
    expect(page.locator("main h1")).to_contain_text(f"Report {year} ({language})")
    frozen = page.locator("tr", has=page.locator("td", has_text="VOL-01"))
    expect(frozen.first).to_contain_text("100")
    shot(page, f"indicators-flow-snapshot-{language}")
    assert axe(page, f"indicators snapshot ({language})") == []
