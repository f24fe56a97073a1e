"""A student's whole volunteering journey in real Chromium, with the partner's part.

dana (a student of A, enrolled in a service-learning course that asks for 10 verified hours of
community service) finds an opportunity of a partner pavel represents, signs up for a shift and
gets a confirmation e-mail with the shift as an .ics file. Once the shift is over she logs her
hours; pavel verifies them from his partner page; her progress in the course moves from 0 to
30%; she issues a certificate in Kazakh and downloads the PDF, whose Kazakh letters come out of
the file; a visitor opens the verification page the QR code points to and sees it confirmed.
axe-core checks the pages on the way. Expected words come from the catalogues.
"""

from datetime import timedelta
from decimal import Decimal

import pypdfium2 as pdfium
import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from qogam.core.periods import academic_year_of
from qogam.core.tenancy import all_universities
from qogam.partners.models import Contact, PartnerOrganisation
from qogam.volunteering import academic
from qogam.volunteering.enums import HoursStatus
from qogam.volunteering.models import Certificate, HoursEntry, Shift
from qogam.volunteering.tests.records import make_opportunity, make_shift

pytestmark = pytest.mark.browser

TITLE = "Reading with children at the Aqtobe children's home"
KAZAKH_LETTERS = "әғқңөұүһі"


def words(code: str, text: str) -> str:
    with translation.override(code):
        return gettext(text)


def progress_of(page: Page) -> str:
    return page.locator("main progress").first.get_attribute("value") or ""


def test_student_signs_up_logs_hours_partner_verifies_certificate_verifies(
    browser_world, live_server, new_page, log_in, axe, shot
):
    world = browser_world
    base = live_server.url
    with all_universities():
        partner = PartnerOrganisation.objects.create(
            university=world["a"], name_kk="Мейірім қоры", name_en="Meirim Foundation", kind="ngo"
        )
        Contact.objects.create(
            university=world["a"],
            organisation=partner,
            full_name="Pavel Partnerov",
            email="pavel@example.kz",
            user=world["pavel"],
            is_representative=True,
        )
    opportunity = make_opportunity(
        world,
        title_en=TITLE,
        title_kk="Ақтөбе балалар үйінде балалармен кітап оқу",
        partner=partner,
        unit=world["a_department"],
    )
    shift = make_shift(world, opportunity, in_hours=48, hours=3, capacity=5)
    course = academic.save_course(
        actor=world["erin"],
        university=world["a"],
        values={
            "unit": world["a_faculty"],
            "code": "SL-201",
            "name_kk": "Қоғамға қызмет арқылы оқыту",
            "name_en": "Service-learning in the city",
            "credits": 3,
            "service_learning": True,
            "required_hours": Decimal("10"),
            "kinds": ["community_service"],
        },
    )
    academic.enrol(
        actor=world["erin"],
        course=course,
        academic_year=academic_year_of(),
        students=[world["dana"]],
    )

    # --- dana finds the opportunity and signs up ------------------------------------------------
    dana = new_page(bypass_csp=True)
    log_in(dana, world["dana"])
    dana.goto(f"{base}/en/volunteering/")
    dana.get_by_role("link", name=TITLE).click()
    expect(dana.locator("main h1")).to_have_text(TITLE)
    axe(dana, "opportunity page as a student (en)")
    dana.get_by_role("button", name=words("en", "Sign up")).click()
    expect(dana.get_by_role("button", name=words("en", "Cancel my sign-up"))).to_be_visible()
    shot(dana, "volunteering-flow-signed-up")
    confirmation = [m for m in mail.outbox if m.to == [world["dana"].email]]
    assert len(confirmation) == 1
    assert [name for name, *_ in confirmation[0].attachments] == ["shift.ics"]

    # Her progress in the course starts at nothing.
    dana.goto(f"{base}/en/volunteering/service-learning/")
    expect(dana.get_by_role("link", name="SL-201 Service-learning in the city")).to_be_visible()
    assert progress_of(dana) == "0"

    # --- the shift takes place; dana logs her hours --------------------------------------------
    now = timezone.now()
    Shift.objects.with_scopes_disabled().filter(pk=shift.pk).update(
        starts_at=now - timedelta(hours=5), ends_at=now - timedelta(hours=2)
    )
    dana.goto(f"{base}/en/volunteering/mine/")
    dana.get_by_role("link", name=words("en", "Log hours")).click()
    dana.locator("#id_hours").fill("3")
    dana.locator("#id_note").fill("Read two books with the younger group.")
    axe(dana, "log hours form (en)")
    dana.get_by_role("button", name=words("en", "Log the hours")).click()
    expect(dana.locator("main")).to_contain_text(words("en", "Awaiting verification"))
    entry = HoursEntry.objects.with_scopes_disabled().get(sign_up__shift=shift)
    assert entry.status == HoursStatus.LOGGED
    # Those who verify are told, each with a link of their own.
    assert any(m.to == ["pavel@example.kz"] for m in mail.outbox)

    # --- pavel verifies from his partner page ---------------------------------------------------
    pavel = new_page(bypass_csp=True)
    log_in(pavel, world["pavel"])
    pavel.goto(f"{base}/en/volunteering/partner/")
    expect(pavel.locator("main")).to_contain_text(TITLE)
    axe(pavel, "partner page (en)")
    shot(pavel, "volunteering-flow-partner")
    pavel.get_by_role("link", name=words("en", "Verify the hours")).first.click()
    row = pavel.locator("tr", has_text=world["dana"].full_name)
    row.get_by_role("button", name=words("en", "Verify")).click()
    expect(pavel.locator("main")).to_contain_text(
        words("en", "No hours are waiting for you to verify.")
    )
    entry.refresh_from_db()
    assert entry.status == HoursStatus.VERIFIED
    assert entry.verified_by == world["pavel"]

    # --- dana's progress moves: 3 of 10 hours -----------------------------------------------
    dana.goto(f"{base}/en/volunteering/service-learning/")
    assert progress_of(dana) == "30"
    shot(dana, "volunteering-flow-progress")

    # --- dana issues a certificate in Kazakh and downloads it ---------------------------------
    dana.goto(f"{base}/en/volunteering/certificates/")
    axe(dana, "certificates page (en)")
    row = dana.locator("tr", has_text=TITLE)
    row.locator("select[name=language]").select_option("kk")
    row.get_by_role("button", name=words("en", "Issue the certificate")).click()
    certificate = Certificate.objects.with_scopes_disabled().get(student=world["dana"])
    assert (certificate.hours, certificate.language) == (Decimal("3"), "kk")
    with dana.expect_download() as download:
        dana.locator(
            f"a[href$='/certificates/{certificate.public_id}/certificate.pdf']"
        ).first.click()
    pdf = pdfium.PdfDocument(download.value.path())
    text = " ".join(pdf[0].get_textpage().get_text_range().split())  # lines wrap
    assert world["dana"].full_name in text
    assert "Ақтөбе балалар үйінде балалармен кітап оқу" in text
    assert set(KAZAKH_LETTERS) & set(text.lower())
    shot(dana, "volunteering-flow-certificates")

    # --- a visitor checks it where the QR code points --------------------------------------
    with translation.override("kk"):
        verification = certificate.get_absolute_url()
    visitor = new_page(bypass_csp=True)
    visitor.goto(f"{base}{verification}")
    expect(visitor.locator("main")).to_contain_text(words("kk", "This certificate is valid."))
    expect(visitor.locator("main")).to_contain_text(world["dana"].full_name)
    expect(visitor.locator("main")).not_to_contain_text(world["dana"].email)
    axe(visitor, "certificate verification page (kk)")
    shot(visitor, "volunteering-flow-verification")
