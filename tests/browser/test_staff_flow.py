"""Staff third-mission work in real Chromium: a head of unit assigns functions, the staff member
sees planned against done hours filled from their project work.

cora (coordinator of A's faculty) opens the unit view, assigns bob (staff of the department
beneath) the functions of his profile, one of which counts project work, and agrees the
assignment. bob, who took part in a running project of A for 12 hours, signs in and opens "My
third-mission activity": the 12 hours are there, typed by no one. The annual report PDF is
rendered in Kazakh, Russian and English and its first page saved as an image.
"""

from decimal import Decimal

import pypdfium2
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from qogam.accounts.models import User
from qogam.core.periods import academic_year_of
from qogam.core.tenancy import all_universities
from qogam.staff.enums import AssignmentStatus
from qogam.staff.models import Assignment
from qogam.staff.reports import report_pdf
from qogam.staff.tests.records import (
    LECTURES,
    MENTORING,
    make_function,
    make_position,
    project_with,
)
from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser


def test_head_assigns_functions_and_staff_sees_done_hours(
    browser_world, live_server, new_page, log_in, sign_in, axe, shot
):
    world = browser_world
    base = live_server.url
    year = academic_year_of()
    mentoring = make_function(world)
    lectures = make_function(world, **LECTURES)
    position = make_position(
        world,
        expected=[
            {"function": mentoring, "hours": Decimal(40)},
            {"function": lectures, "hours": Decimal(20)},
        ],
    )
    today = timezone.localdate()
    project_with(world, world["bob"], hours=12, starts_on=today, ends_on=today)

    # --- cora opens the unit view and assigns bob ------------------------------------------
    cora = new_page(bypass_csp=True)
    log_in(cora, world["cora"])
    cora.goto(f"{base}/en/staff/units/{world['a_faculty'].public_id}/?year={year}")
    expect(cora.locator("main h1")).to_contain_text("Staff of")
    bob_row = cora.locator("tr[data-person='bob@example.kz']")
    expect(bob_row).to_contain_text("Bob")
    expect(cora.locator("ul.staff-none")).to_contain_text("Cora")
    shot(cora, "staff-flow-unit-before-cora-en")
    axe(cora, "staff unit view as cora (en)")
    bob_row.get_by_role("link", name="Assign").click()

    expect(cora.locator("main h1")).to_have_text("Assign third-mission functions")
    expect(cora.locator("#id_person")).to_have_value(str(world["bob"].pk))
    expect(cora.locator("#id_unit")).to_have_value(str(world["a_department"].pk))
    cora.locator("#id_position").select_option(str(position.pk))
    cora.get_by_role("button", name="Fill from the profile").click()
    expect(cora.locator("#id_lines-0-function")).not_to_have_value("")
    chosen = {
        cora.locator(f"#id_lines-{i}-function").input_value(): cora.locator(
            f"#id_lines-{i}-hours"
        ).input_value()
        for i in range(2)
    }
    assert chosen == {str(mentoring.pk): "40.0", str(lectures.pk): "20.0"}
    shot(cora, "staff-flow-assign-form-cora-en")
    axe(cora, "staff assignment form as cora (en)")
    cora.get_by_role("button", name="Save", exact=True).click()

    expect(cora.locator("main h1")).to_contain_text("Assignment of Bob")
    with all_universities():
        assignment = Assignment.objects.get(person=world["bob"], year=year)
    assert assignment.status == AssignmentStatus.DRAFT
    cora.get_by_role("button", name="Agree the assignment").click()
    expect(cora.locator("main .kicker .badge")).to_have_text("Agreed with the head of unit")
    expect(cora.locator(f"td[data-done='{mentoring.public_id}']")).to_have_text("12")
    shot(cora, "staff-flow-assignment-cora-en")
    cora.reload()
    axe(cora, "staff assignment page as cora (en)")
    assignment.refresh_from_db()
    assert (assignment.status, assignment.agreed_by) == (AssignmentStatus.AGREED, world["cora"])

    # --- bob signs in and opens his record -----------------------------------------------------
    bob = new_page(bypass_csp=True)
    sign_in(bob, world["bob"])
    panel = bob.locator("[data-panel='staff-activity']")
    expect(panel).to_contain_text("12 of 60 planned hours done")
    bob.locator("nav.main-nav a[data-nav=staff]").click()
    expect(bob.locator("main h1")).to_have_text("My third-mission activity")
    expect(bob.locator(f"td[data-done='{mentoring.public_id}']")).to_have_text("12")
    expect(bob.locator(f"td[data-done='{lectures.public_id}']")).to_have_text("0")
    expect(bob.locator("td[data-done='total']")).to_have_text("12")
    expect(bob.locator("main")).to_contain_text(MENTORING["name_en"])
    expect(bob.locator("ul.staff-activity")).to_contain_text("Repairing the playground")
    shot(bob, "staff-flow-mine-bob-en")
    axe(bob, "my third-mission activity as bob (en)")

    # --- the annual report, in each language, looked at as an image ------------------------------
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for language in ("kk", "ru", "en"):
        User.objects.filter(pk=world["bob"].pk).update(language=language)
        person = User.objects.get(pk=world["bob"].pk)
        pdf = pypdfium2.PdfDocument(report_pdf(person, world["a"].pk, year))
        try:
            page = pdf[0]
            text = " ".join(page.get_textpage().get_text_range().split())
            assert MENTORING[f"name_{language}"] in text
            page.render(scale=1.5).to_pil().save(SCREENSHOTS / f"staff-report-{language}.png")
        finally:
            pdf.close()
