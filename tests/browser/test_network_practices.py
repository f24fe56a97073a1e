"""Good practices in real Chromium: A publishes, B finds it with a filter and adopts it.

erin (A's office) publishes a practice from one of A's projects; charlie (B's administrator)
finds it in the network's library by its goal, opens it in English, Kazakh and Russian, and
adopts it with B's own project; the practice's page then shows its spread. A joint project
of A and B and the portal's public library are checked too; axe-core runs on each page.
"""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from qogam.core.tenancy import all_universities
from qogam.network.models import GoodPractice, PracticeAdoption
from qogam.network.services import joint_projects as joint_services
from qogam.network.services import practices as services
from qogam.network.tests.records_practices import b_project, make_members, practice_values
from qogam.projects.tests.factories import make_project

pytestmark = pytest.mark.browser

TITLE = {
    "kk": "Мектептердегі ашық дәрістер",
    "ru": "Открытые лекции в школах",
    "en": "Open lectures in schools",
}


def words(code: str, text: str) -> str:
    with translation.override(code):
        return gettext(text)


def test_practice_published_found_and_adopted(
    browser_world, live_server, new_page, log_in, axe, shot
):
    world = browser_world
    base = live_server.url
    make_members(world)
    a_project = make_project(
        world, title_kk="Ғылыми дәрістер", title_en="Science lectures", visibility="network"
    )
    ours = b_project(world, "B lectures in schools")
    # Another practice that the goal filter must leave out.
    services.publish_practice(
        actor=world["erin"],
        university=world["a"],
        values=practice_values("Gardens with residents", sdgs=[15], theme="City"),
    )

    # --- erin publishes ------------------------------------------------------------------
    erin = new_page(bypass_csp=True)
    log_in(erin, world["erin"])
    erin.goto(f"{base}/en/network/practices/")
    expect(erin.locator("main h1")).to_have_text(words("en", "Good practices of the network"))
    erin.locator("main .actions a[href$='/network/practices/new/']").click()
    expect(erin.locator("main h1")).to_have_text(words("en", "Publish a practice"))
    axe(erin, "practice form as erin (en)")
    for code, title in TITLE.items():
        erin.locator(f"#id_title_{code}").fill(title)
    erin.locator("#id_summary_kk").fill("Оқытушылар мектептерде дәріс оқиды.")
    erin.locator("#id_summary_en").fill("Lecturers speak in the city's schools every month.")
    erin.locator("#id_audience_en").fill("Pupils of grades 7 to 11")
    erin.locator("#id_results_en").fill("600 pupils in a year")
    erin.locator("#id_contact").fill("Erin, office 12, +7 700 000 00 00")
    erin.locator("#id_theme").fill("Schools")
    erin.locator("#id_sdgs input[value='4']").check()
    erin.locator("#id_components").get_by_label(words("en", "Educational"), exact=True).check()
    erin.locator("#id_projects").get_by_label("Science lectures", exact=True).check()
    erin.locator("#id_visibility").select_option("network")
    shot(erin, "network-practices-form-erin-en")
    erin.locator("main form.form button[type=submit]").click()
    expect(erin.locator("main h1")).to_have_text(TITLE["en"])
    with all_universities():
        practice = GoodPractice.objects.get(title_kk=TITLE["kk"])
    assert erin.url == f"{base}/en/network/practices/{practice.public_id}/"

    # --- charlie finds it by its goal ----------------------------------------------------
    charlie = new_page(bypass_csp=True)
    log_in(charlie, world["charlie"])
    charlie.goto(f"{base}/en/network/practices/")
    charlie.locator("#id_sdg").select_option("4")
    charlie.locator("main form.filters button[type=submit]").click()
    expect(charlie.locator(".practice-list")).to_contain_text(TITLE["en"])
    expect(charlie.locator(".practice-list")).not_to_contain_text("Gardens with residents")
    axe(charlie, "practice library filtered as charlie (en)")
    shot(charlie, "network-practices-library-charlie-en")
    charlie.get_by_role("link", name=TITLE["en"]).click()
    expect(charlie.locator("main h1")).to_have_text(TITLE["en"])
    expect(charlie.locator("dl.record")).to_contain_text("Erin, office 12")
    # A's project is network-visible, so B's administrator may read its title.
    expect(charlie.locator("#projects-heading + ul")).to_contain_text("Science lectures")
    axe(charlie, "practice page as charlie (en)")

    for code in ("kk", "ru"):
        charlie.goto(f"{base}/{code}/network/practices/{practice.public_id}/")
        expect(charlie.locator("main h1")).to_have_text(TITLE[code])
        axe(charlie, f"practice page as charlie ({code})")
        shot(charlie, f"network-practices-detail-charlie-{code}")
        charlie.goto(f"{base}/{code}/network/practices/")
        expect(charlie.locator("main h1")).to_have_text(
            words(code, "Good practices of the network")
        )

    # --- charlie adopts it with B's own project ------------------------------------------
    charlie.goto(f"{base}/en/network/practices/{practice.public_id}/")
    charlie.locator(f"main .actions a[href$='/{practice.public_id}/adopt/']").click()
    expect(charlie.locator("main h1")).to_have_text(words("en", "Adopt this practice"))
    axe(charlie, "adoption form as charlie (en)")
    charlie.locator("#id_project").select_option(str(ours.pk))
    charlie.locator("#id_note").fill("Two schools of Baikonur take part.")
    charlie.locator("main form.form button[type=submit]").click()
    expect(charlie.locator("#adoptions-heading")).to_have_text("Adopted by 1 member")
    expect(charlie.locator(".practice-spread")).to_contain_text("B lectures in schools")
    shot(charlie, "network-practices-adopted-charlie-en")
    with all_universities():
        adoption = PracticeAdoption.objects.get(practice=practice)
    assert (adoption.university_id, adoption.project_id) == (world["b"].pk, ours.pk)
    # erin sees the spread too.
    erin.goto(f"{base}/en/network/practices/{practice.public_id}/")
    expect(erin.locator(".practice-spread")).to_contain_text("B lectures in schools")
    assert a_project.university_id == world["a"].pk


def test_joint_project_and_portal_library_pages(
    browser_world, live_server, new_page, log_in, axe, shot
):
    world = browser_world
    base = live_server.url
    make_members(world)
    with all_universities():
        world["a"].visibility = "public"
        world["a"].save(update_fields=["visibility"])
    public = services.publish_practice(
        actor=world["erin"],
        university=world["a"],
        values=practice_values(
            "Open science lectures", visibility="public", contact="secret.contact@example.kz"
        ),
    )
    joint = joint_services.create_joint_project(
        actor=world["erin"],
        lead_university=world["a"],
        values={"title_kk": "Ғылым апталығы", "title_en": "A science week"},
        partners=[world["b"]],
    )
    charlie = new_page(bypass_csp=True)
    log_in(charlie, world["charlie"])
    charlie.goto(f"{base}/en/network/joint-projects/{joint.public_id}/")
    expect(charlie.locator("main h1")).to_have_text("A science week")
    # Only B's own part offers charlie an edit link.
    expect(charlie.locator(".joint-part a.button")).to_have_count(1)
    charlie.locator(".joint-part a.button").click()
    charlie.locator("#id_contribution").fill("Our students run the workshops.")
    charlie.locator("main form.form button[type=submit]").click()
    expect(charlie.locator(".joint-parts")).to_contain_text("Our students run the workshops.")
    axe(charlie, "joint project as charlie (en)")
    shot(charlie, "network-joint-project-charlie-en")

    visitor = new_page(bypass_csp=True)
    visitor.goto(f"{base}/en/portal/")
    visitor.get_by_role("link", name="Good practices of the network").click()
    expect(visitor.locator("main h1")).to_have_text("Good practices of the network")
    axe(visitor, "portal practice library (en)")
    visitor.get_by_role("link", name="Open science lectures").click()
    expect(visitor.locator("main h1")).to_have_text("Open science lectures")
    expect(visitor.locator("main")).not_to_contain_text("secret.contact@example.kz")
    axe(visitor, "portal practice page (en)")
    shot(visitor, "network-practices-portal-en")
    assert public.visibility == "public"
