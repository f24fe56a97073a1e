"""University A's research records, built through the services, for the tests and the sweep."""

from datetime import date

from qogam.needs.tests.factories import published_need
from qogam.partners.tests.records import make_partner
from qogam.research import services

# Distinctive strings: a page or an API answer showing one to charlie has leaked.
SECRET_STUDY = "A Secret Study of Aqtobe Water"
SECRET_QUESTION = "A Secret Question on Courtyards"
SECRET_SUMMARY = "A Secret Summary of Findings"


def minimal_pdf() -> bytes:
    """A one-page PDF with a correct cross-reference table: small, but a real PDF."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def study_values(world, **values) -> dict:
    base = {
        "title_kk": "Ақтөбе суын зерттеу",
        "title_en": "A study of Aqtobe's water",
        "lead_unit": world["a_faculty"],
        "starts_on": date(2026, 2, 1),
        "ends_on": date(2026, 12, 1),
        "status": "ongoing",
        "sdgs": [6, 11],
    }
    base.update(values)
    return base


def make_study(world, actor="erin", authors=None, units=None, needs=None, **values):
    return services.save_study(
        actor=world[actor],
        university=world["a"],
        values=study_values(world, **values),
        authors=authors,
        units=units,
        needs=needs,
    )


def question_values(world, **values) -> dict:
    base = {
        "question_kk": "Аулалардағы балалар алаңдарының қауіпсіздігі",
        "question_en": "How safe are the courtyard playgrounds?",
        "kind": "bachelor_thesis",
        "unit": world["a_department"],
        "supervisor": world["bob"],
        "visibility": "public",
    }
    base.update(values)
    return base


def make_question(world, need=None, actor="erin", **values):
    need = need or published_need(world)
    return services.create_question(
        actor=world[actor], need=need, values=question_values(world, **values)
    )


def a_research_records(world) -> dict:
    """A's private study (with an output) and a private topic with a student; made once."""
    if "_research_records" not in world:
        need = published_need(world)
        partner = make_partner(world, name_kk="Зерттеу тапсырушысы")
        study = make_study(
            world,
            title_kk=SECRET_STUDY,
            title_en=SECRET_STUDY,
            partner=partner,
            needs=[need],
            authors=[world["bob"]],
        )
        output = services.add_output(
            actor=world["erin"],
            study=study,
            values={
                "kind": "report",
                "title_kk": "Есеп",
                "url": "https://example.kz/report",
            },
        )
        question = make_question(
            world, need=need, question_kk=SECRET_QUESTION, question_en=SECRET_QUESTION
        )
        taker = services.take_question(actor=world["dana"], question=question)
        services.confirm_taker(actor=world["bob"], taker=taker)
        question = services.update_question(
            actor=world["erin"], question=question, values={"visibility": "private"}
        )
        world["_research_records"] = {
            "need": need,
            "partner": partner,
            "study": study,
            "output": output,
            "question": question,
            "taker": taker,
        }
    return world["_research_records"]
