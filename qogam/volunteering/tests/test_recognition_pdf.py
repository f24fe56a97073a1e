"""The certificate and the co-curricular record as PDFs: Kazakh letters, fonts, the QR code.

The PDFs are read back with pypdfium2: their text, the fonts each character is drawn with, and
a rendering of the page (saved under test-artifacts/recognition/ for a look).
"""

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from qogam.core.pdf import render_pdf, static_only_fetcher
from qogam.partners.tests.records import make_partner
from qogam.volunteering import certificates
from qogam.volunteering.tests.records import make_opportunity
from qogam.volunteering.tests.records_recognition import (
    KAZAKH_HOLDER,
    KAZAKH_LETTERS,
    a_recognition_records,
    hours_entry,
)

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "recognition"


def _read(data: bytes) -> tuple[pdfium.PdfDocument, str, set[str]]:
    """The document, the text of its first page, and the font of every Kazakh letter in it."""
    document = pdfium.PdfDocument(data)
    textpage = document[0].get_textpage()
    text = textpage.get_text_range()
    fonts = set()
    for index in range(textpage.count_chars()):
        if chr(pdfium_c.FPDFText_GetUnicode(textpage, index)).lower() in KAZAKH_LETTERS:
            name = ctypes.create_string_buffer(128)
            flags = ctypes.c_int()
            pdfium_c.FPDFText_GetFontInfo(textpage, index, name, 128, ctypes.byref(flags))
            fonts.add(name.value.decode().split("+")[-1])
    return document, text, fonts


@pytest.fixture
def kazakh_certificate(world):
    world["dana"].full_name = KAZAKH_HOLDER
    world["dana"].save()
    return a_recognition_records(world)["certificate"]


def test_certificate_pdf_in_kazakh_renders_every_kazakh_letter(kazakh_certificate):
    assert kazakh_certificate.language == "kk"
    data = certificates.certificate_pdf(kazakh_certificate)
    document, text, fonts = _read(data)
    page = document[0]
    width, height = page.get_size()
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    assert len(document) == 1
    flat = " ".join(text.split())
    for letter in KAZAKH_LETTERS:
        assert letter in flat.lower(), letter
    assert KAZAKH_HOLDER in flat
    assert "Ақтөбе техникалық университеті" in flat
    assert "5,5" in flat  # the hours, with the Kazakh decimal comma
    # Every Kazakh letter is drawn with the font the stylesheet names, embedded in the file.
    assert fonts and all(name.startswith("DejaVu-Sans") for name in fonts), fonts

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    image = page.render(scale=2).to_pil().convert("L")
    image.save(ARTIFACTS / "certificate-kk.png")
    histogram = image.histogram()  # 256 counts of grey levels, black first
    dark = sum(histogram[:128]) / (image.width * image.height)
    # Not blank, and not a page of black: text, frame and QR code cover a few per cent.
    assert 0.01 < dark < 0.3
    # The holder's line (between 38% and 46% of the height, by the template) has ink.
    top, bottom = int(image.height * 0.38), int(image.height * 0.46)
    band = image.crop((0, top, image.width, bottom)).histogram()
    assert sum(band[:100]) > 2000


def test_certificate_pdf_prints_the_verification_url_and_a_qr_code(kazakh_certificate):
    data = certificates.certificate_pdf(kazakh_certificate)
    _document, text, _fonts = _read(data)
    url = f"{settings.SITE_URL}/kk/volunteering/verify/{kazakh_certificate.public_id}/"
    # Printed in small type and wrapped; pdfium reads a hyphen that ends a line as U+FFFE.
    assert url in "".join(text.replace("\ufffe", "-").split())
    qr = certificates.qr_data_uri(url)
    assert qr.startswith("data:image/svg+xml")
    # The QR code is drawn on the page as a vector image (an SVG turned into paths).
    document = pdfium.PdfDocument(data)
    kinds = {obj.type for obj in document[0].get_objects(max_depth=3)}
    assert pdfium_c.FPDF_PAGEOBJ_PATH in kinds


def test_certificate_pdf_in_english_for_a_partners_opportunity(world):
    partner = make_partner(world, kind="ngo", name_kk="Мейірім қоры", name_en="Meirim Foundation")
    opportunity = make_opportunity(world, title_en="Food bank Saturdays", partner=partner)
    hours_entry(world, opportunity, hours="12.25")
    certificate = certificates.issue_certificate(
        student=world["dana"], opportunity=opportunity, language="en"
    )
    _document, text, _fonts = _read(certificates.certificate_pdf(certificate))
    flat = " ".join(text.split())
    assert (
        "has volunteered 12.25 verified hours in “Food bank Saturdays” with Meirim Foundation."
        in flat
    )
    assert "Aqtobe Technical University" in flat


def test_record_pdf_lists_verified_hours_per_year_and_totals(world):
    records = a_recognition_records(world)
    pending = make_opportunity(world, title_en="Pending library work")
    hours_entry(world, pending, status="logged", hours="9")
    data = certificates.record_pdf(world["dana"], language="kk")
    document, text, fonts = _read(data)
    flat = " ".join(text.split())
    assert records["opportunity"].title_kk in flat
    assert "5,5" in flat
    assert "Pending library work" not in flat
    assert fonts and all(name.startswith("DejaVu-Sans") for name in fonts), fonts
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    document[0].render(scale=1.5).to_pil().save(ARTIFACTS / "record-kk.png")


def test_record_pdf_view_in_the_users_language(world, client_for):
    a_recognition_records(world)
    world["dana"].language = "kk"
    world["dana"].save()
    response = client_for(world["dana"]).get("/en/volunteering/record/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    _document, text, _fonts = _read(response.content)
    assert "Балалар үйіне көмек" in " ".join(text.split())


def test_pdf_fetcher_serves_static_files_and_data_only():
    fetcher = static_only_fetcher()
    css = fetcher.fetch(f"{settings.SITE_URL}/static/volunteering/recognition.css")
    assert b"verification" in css.read()
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    for url in (
        "http://example.com/tracker.png",
        "file:///etc/passwd",
        f"{settings.SITE_URL}/static/../settings.py",
        f"{settings.SITE_URL}/static/volunteering/missing.css",
        f"{settings.SITE_URL}/en/volunteering/",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_render_pdf_uses_the_language_asked_for(world):
    data = render_pdf(
        template="volunteering/recognition/record_pdf.html",
        context={
            "record": certificates.co_curricular_record(world["dana"], language="ru"),
            "generated_on": "1 января",
        },
        language="ru",
    )
    assert data.startswith(b"%PDF-")
    _document, text, _fonts = _read(data)
    assert "1 января" in text


def test_certificate_pdf_of_a_revoked_certificate_says_so(world):
    certificate = a_recognition_records(world)["certificate"]
    certificates.revoke_certificate(actor=world["erin"], certificate=certificate, reason="x")
    _document, text, _fonts = _read(certificates.certificate_pdf(certificate))
    # In the certificate's language; the words before the date, from the catalogue.
    with translation.override(certificate.language):
        words = gettext("This certificate was revoked on %(day)s.").split("%(day)s")[0].strip()
    assert words
    assert words in " ".join(text.split())
