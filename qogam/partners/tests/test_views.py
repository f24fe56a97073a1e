import json
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from qogam.core.tenancy import all_universities
from qogam.partners.models import Agreement, Contact, PartnerOrganisation
from qogam.partners.tests.records import (
    SECRET_AGREEMENT,
    SECRET_CONTACT,
    SECRET_PARTNER,
    a_partner_records,
    make_agreement,
    make_partner,
    make_representative,
)

GOOD_BIN = "180140000018"
# The smallest file `filetype` reads as a PDF; a text file named .pdf is not one.
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _partner_form(**values):
    data = {
        "kind": "business",
        "name_kk": "Жаңа серіктес",
        "region": "aktobe",
        "city": "Aktobe",
        "visibility": "private",
    }
    data.update(values)
    return data


def _agreement_form(partner, **values):
    data = {
        "kind": "memorandum",
        "title_kk": "Меморандум",
        "organisation": partner.pk,
        "state": "draft",
        "starts_on": "2026-03-01",
        "visibility": "private",
    }
    data.update(values)
    return data


# --- the list -----------------------------------------------------------------------------


def test_partner_list_shows_staff_their_private_partners(world, client_for):
    a_partner_records(world)
    page = client_for(world["bob"]).get("/en/partners/")
    assert page.status_code == 200
    assert [p.name for p in page.context["page"].object_list] == [SECRET_PARTNER]


def test_partner_list_charlie_cannot_see_as_private_partner(world, client_for):
    a_partner_records(world)
    make_partner(world, name_kk="Ашық серіктес", visibility="public")
    page = client_for(world["charlie"]).get("/en/partners/")
    assert [p.name for p in page.context["page"].object_list] == ["Ашық серіктес"]
    assert SECRET_PARTNER.encode() not in page.content


def test_partner_list_anonymous_sees_only_public_partners(world, client_for):
    a_partner_records(world)
    make_partner(world, name_kk="Ашық серіктес", visibility="public")
    make_partner(world, name_kk="Желі серіктесі", visibility="network", city="Khromtau")
    page = client_for(None).get("/en/partners/")
    assert [p.name for p in page.context["page"].object_list] == ["Ашық серіктес"]


def test_partner_list_search_finds_name_in_any_language_bin_and_city(world, client_for):
    make_partner(world, name_kk="Ақтөбе әкімдігі", name_ru="Акимат Актобе", bin=GOOD_BIN)
    make_partner(world, name_kk="Мектеп", kind="school", city="Khromtau")
    client = client_for(world["bob"])

    def found(term):
        response = client.get("/en/partners/", {"q": term})
        return [p.name_kk for p in response.context["page"].object_list]

    assert found("Акимат") == ["Ақтөбе әкімдігі"]
    assert found(GOOD_BIN) == ["Ақтөбе әкімдігі"]
    assert found("khromtau") == ["Мектеп"]
    assert found("nothing like it") == []


def test_partner_list_filters_by_kind_region_unit_and_agreement_status(world, client_for):
    school = make_partner(
        world, name_kk="Мектеп", kind="school", region="almaty_city", units=[world["a_faculty"]]
    )
    akimat = make_partner(world, name_kk="Әкімдік")
    make_agreement(world, akimat, ends_on=timezone.localdate() + timedelta(days=20))
    client = client_for(world["bob"])

    def found(**filters):
        response = client.get("/en/partners/", filters)
        return [p.name_kk for p in response.context["page"].object_list]

    assert found(kind="school") == [school.name_kk]
    assert found(region="aktobe") == [akimat.name_kk]
    assert found(unit=str(world["a_faculty"].public_id)) == [school.name_kk]
    assert found(status="expiring") == [akimat.name_kk]
    assert found(status="active") == []


def test_partner_list_sorts_by_region_and_last_change(world, client_for):
    make_partner(world, name_kk="Б серіктес", region="almaty_city")
    make_partner(world, name_kk="А серіктес", region="aktobe", city="Khromtau")
    client = client_for(world["bob"])

    def names(sort):
        response = client.get("/en/partners/", {"sort": sort})
        return [p.name_kk for p in response.context["page"].object_list]

    assert names("name") == ["А серіктес", "Б серіктес"]
    assert names("region") == ["А серіктес", "Б серіктес"]  # "aktobe" < "almaty_city"
    assert names("changed") == ["А серіктес", "Б серіктес"]


def test_partner_list_paginates_keeping_filters(world, client_for, monkeypatch):
    from qogam.partners.views import organisations  # noqa: PLC0415

    monkeypatch.setattr(organisations, "PER_PAGE", 2)
    for i in range(3):
        make_partner(world, name_kk=f"Мектеп {i}", kind="school", city=f"City {i}")
    make_partner(world, name_kk="Әкімдік")
    client = client_for(world["bob"])
    first = client.get("/en/partners/", {"kind": "school"})
    assert first.context["page"].paginator.count == 3
    assert b"?kind=school&amp;page=2" in first.content
    second = client.get("/en/partners/", {"kind": "school", "page": 2})
    assert [p.name_kk for p in second.context["page"].object_list] == ["Мектеп 2"]


@pytest.mark.parametrize("count", [1, 3])
def test_partner_list_query_count_does_not_grow_with_partners(
    world, client_for, django_assert_max_num_queries, count
):
    for i in range(count):
        make_partner(world, name_kk=f"Серіктес {i}", city=f"City {i}", units=[world["a_faculty"]])
    client = client_for(world["bob"])
    with django_assert_max_num_queries(11):
        response = client.get("/en/partners/", {"sort": "changed", "kind": "akimat"})
    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [1, 3])
def test_agreement_list_query_count_does_not_grow_with_agreements(
    world, client_for, django_assert_max_num_queries, count
):
    partner = make_partner(world)
    for i in range(count):
        make_agreement(world, partner, title_kk=f"Шарт {i}")
    client = client_for(world["bob"])
    with django_assert_max_num_queries(12):
        response = client.get("/en/partners/agreements/")
    assert response.context["page"].paginator.count == count


# --- the map ------------------------------------------------------------------------------


def test_partner_map_gives_points_as_data_and_a_plain_table(world, client_for):
    a_partner_records(world)
    make_partner(world, name_kk="Координатсыз", city="Khromtau")
    response = client_for(world["bob"]).get("/en/partners/map/")
    points = response.context["points"]
    assert [(p["name"], p["lat"], p["lng"]) for p in points] == [(SECRET_PARTNER, 50.2839, 57.1669)]
    page = response.content.decode()
    assert '<script id="partner-points" type="application/json">' in page
    assert 'src="/static/qogam/js/partners-map.js"' in page
    assert "<table>" in page
    assert "<script>" not in page  # no inline script: CSP forbids it


def test_partner_map_charlie_gets_no_point_of_as_private_partner(world, client_for):
    a_partner_records(world)
    response = client_for(world["charlie"]).get("/en/partners/map/")
    assert response.context["points"] == []
    assert SECRET_PARTNER.encode() not in response.content


# --- the record ---------------------------------------------------------------------------


def test_partner_detail_shows_staff_contacts_and_partnership(world, client_for):
    records = a_partner_records(world)
    response = client_for(world["bob"]).get(records["partner"].get_absolute_url())
    assert response.status_code == 200
    assert [c.full_name for c in response.context["contacts"]] == [SECRET_CONTACT]
    partnership = response.context["partnership"]
    assert partnership["health"] == "active"
    assert partnership["last_interaction"] == date(2026, 1, 10)
    assert SECRET_AGREEMENT.encode() in response.content
    assert b"+7 701 111 2233" in response.content


def test_partner_detail_charlie_cannot_see_as_private_partner(world, client_for):
    records = a_partner_records(world)
    response = client_for(world["charlie"]).get(records["partner"].get_absolute_url())
    assert response.status_code == 404
    assert SECRET_CONTACT.encode() not in response.content


def test_public_partner_hides_contacts_from_other_universities_and_public(world, client_for):
    partner = make_partner(world, name_kk="Ашық серіктес", visibility="public")
    from qogam.partners import services  # noqa: PLC0415

    services.save_contact(
        actor=world["alice"], organisation=partner, values={"full_name": SECRET_CONTACT}
    )
    for persona in ["charlie", "dana", None]:
        response = client_for(world[persona] if persona else None).get(partner.get_absolute_url())
        assert response.status_code == 200
        assert SECRET_CONTACT.encode() not in response.content, persona
        assert b'id="contacts"' not in response.content


def test_partner_create_adds_partner_with_units(world, client_for):
    client = client_for(world["erin"])
    response = client.post(
        "/en/partners/new/",
        _partner_form(bin=GOOD_BIN, units=[world["a_faculty"].pk], website="example.kz"),
    )
    assert response.status_code == 302
    with all_universities():
        partner = PartnerOrganisation.objects.get(bin=GOOD_BIN)
        assert [u.pk for u in partner.units.all()] == [world["a_faculty"].pk]
    assert partner.university_id == world["a"].pk
    assert partner.website == "https://example.kz"
    assert response["Location"] == partner.get_absolute_url()


def test_partner_create_duplicate_names_and_links_existing_record(world, client_for):
    existing = make_partner(world, name_kk="ТОО «Алма Агро»", kind="business", bin=GOOD_BIN)
    response = client_for(world["erin"]).post(
        "/en/partners/new/", _partner_form(name_kk="Алма Агро", bin=GOOD_BIN)
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "This partner seems to be recorded already: ТОО «Алма Агро». Open that record instead."
    ]
    assert response.context["duplicates"] == [existing]
    assert f'href="{existing.get_absolute_url()}"'.encode() in response.content
    with all_universities():
        assert PartnerOrganisation.objects.count() == 1


def test_partner_create_bad_bin_names_the_field(world, client_for):
    response = client_for(world["erin"]).post(
        "/en/partners/new/", _partner_form(bin="180140000019")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["bin"] == [
        "This BIN's control digit does not match; check it for a typing error."
    ]


def test_partner_create_without_kazakh_name_names_the_missing_translation(world, client_for):
    response = client_for(world["erin"]).post(
        "/en/partners/new/", _partner_form(name_kk="", name_ru="Партнёр")
    )
    assert response.context["form"].errors["name_kk"] == [
        "“Name [kk]” is missing its Kazakh translation."
    ]


def test_partner_create_refused_to_staff_without_partnership_role(world, client_for):
    assert client_for(world["bob"]).get("/en/partners/new/").status_code == 403


def test_partner_create_charlie_cannot_choose_university_a(world, client_for):
    response = client_for(world["charlie"]).post(
        "/en/partners/new/", _partner_form(university=world["a"].pk)
    )
    assert response.status_code == 302
    with all_universities():
        # The only university charlie may choose is his own; the posted one is ignored.
        assert list(PartnerOrganisation.objects.values_list("university", flat=True)) == [
            world["b"].pk
        ]


def test_partner_create_offers_network_admin_every_university(world, client_for):
    client = client_for(world["nora"])
    form = client.get("/en/partners/new/").context["form"]
    assert {u.slug for u in form.fields["university"].queryset} == {"aqtobe-tech", "baikonur-state"}
    response = client.post("/en/partners/new/", _partner_form(university=world["a"].pk))
    assert response.status_code == 302
    with all_universities():
        assert PartnerOrganisation.objects.get().university_id == world["a"].pk


def test_partner_edit_and_delete_charlie_cannot_reach_as_private_partner(world, client_for):
    records = a_partner_records(world)
    client = client_for(world["charlie"])
    public_id = records["partner"].public_id
    for url in [f"/en/partners/{public_id}/edit/", f"/en/partners/{public_id}/delete/"]:
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    with all_universities():
        assert PartnerOrganisation.objects.filter(pk=records["partner"].pk).exists()


def test_partner_delete_with_agreements_is_refused_with_reason(world, client_for):
    records = a_partner_records(world)
    response = client_for(world["alice"]).post(
        f"/en/partners/{records['partner'].public_id}/delete/"
    )
    assert response.status_code == 200
    assert response.context["error"] == (
        f"“{SECRET_PARTNER}” has agreements; terminate or delete them first."
    )


def test_partner_delete_removes_partner_without_agreements(world, client_for):
    partner = make_partner(world)
    response = client_for(world["erin"]).post(f"/en/partners/{partner.public_id}/delete/")
    assert response.status_code == 302
    with all_universities():
        assert not PartnerOrganisation.objects.filter(pk=partner.pk).exists()


# --- representatives ----------------------------------------------------------------------


def test_representative_edits_own_organisation_but_not_its_units_or_visibility(world, client_for):
    records = a_partner_records(world)
    make_representative(world, records["partner"], world["pavel"])
    client = client_for(world["pavel"])
    url = f"/en/partners/{records['partner'].public_id}/edit/"
    form = client.get(url).context["form"]
    assert "visibility" not in form.fields
    assert "units" not in form.fields
    data = _partner_form(
        name_kk=SECRET_PARTNER, name_en=SECRET_PARTNER, bin=GOOD_BIN, address="Abai 1"
    )
    data["visibility"] = "public"  # ignored: not the representative's to choose
    assert client.post(url, data).status_code == 302
    with all_universities():
        partner = PartnerOrganisation.objects.get(pk=records["partner"].pk)
    assert (partner.address, partner.visibility) == ("Abai 1", "private")


def test_representative_cannot_edit_another_organisation(world, client_for):
    records = a_partner_records(world)
    make_representative(world, records["partner"], world["pavel"])
    other = make_partner(world, name_kk="Басқа", visibility="public", city="Khromtau")
    client = client_for(world["pavel"])
    assert client.get(f"/en/partners/{other.public_id}/edit/").status_code == 403
    assert client.get(f"/en/partners/{other.public_id}/contacts/new/").status_code == 403


def test_representative_sees_my_organisation_panel_and_partners_nav(world, client_for):
    records = a_partner_records(world)
    client = client_for(world["pavel"])
    home = client.get("/en/")
    # Not linked yet: the panel says so, and there is no organisation to open.
    panels = {panel.key: context for panel, context in home.context["panels"]}
    assert panels["my-organisation"]["organisations"] == []
    assert b"is not linked to an organisation yet" in home.content
    assert b'data-nav="partners"' not in home.content
    make_representative(world, records["partner"], world["pavel"])
    home = client.get("/en/")
    assert "my-organisation" in [panel.key for panel, _c in home.context["panels"]]
    assert b'data-nav="partners"' in home.content
    assert SECRET_AGREEMENT.encode() in home.content


def test_representative_keeps_contacts_but_cannot_grant_representation(world, client_for):
    records = a_partner_records(world)
    make_representative(world, records["partner"], world["pavel"])
    client = client_for(world["pavel"])
    url = f"/en/partners/{records['partner'].public_id}/contacts/new/"
    assert "is_representative" not in client.get(url).context["form"].fields
    response = client.post(
        url, {"full_name": "Жаңа адам", "phone": "+7 700", "is_representative": "on"}
    )
    assert response.status_code == 302
    with all_universities():
        added = Contact.objects.get(full_name="Жаңа адам")
    assert (added.is_representative, added.user_id) == (False, None)


# --- contacts -----------------------------------------------------------------------------


def test_contact_add_edit_and_remove_by_office(world, client_for):
    partner = make_partner(world)
    client = client_for(world["erin"])
    response = client.post(
        f"/en/partners/{partner.public_id}/contacts/new/",
        {
            "full_name": "Серік Қалиев",
            "position": "Бас маман",
            "email": "serik@example.kz",
            "is_representative": "on",
            "account_email": "PAVEL@example.kz",
        },
    )
    assert response.status_code == 302
    with all_universities():
        contact = Contact.objects.get(full_name="Серік Қалиев")
    assert (contact.user, contact.is_representative) == (world["pavel"], True)
    base = f"/en/partners/{partner.public_id}/contacts/{contact.public_id}"
    edit = client.post(
        f"{base}/edit/",
        {"full_name": "Серік Қалиев", "position": "Директор", "account_email": ""},
    )
    assert edit.status_code == 302
    with all_universities():
        contact.refresh_from_db()
    assert (contact.position, contact.user, contact.is_representative) == ("Директор", None, False)
    assert client.post(f"{base}/delete/").status_code == 302
    with all_universities():
        assert Contact.objects.count() == 0


def test_contact_representative_needs_an_existing_account(world, client_for):
    partner = make_partner(world)
    response = client_for(world["erin"]).post(
        f"/en/partners/{partner.public_id}/contacts/new/",
        {"full_name": "Адам", "is_representative": "on", "account_email": "nobody@example.kz"},
    )
    assert response.context["form"].errors["account_email"] == [
        "No Qogam account has this e-mail address."
    ]


def test_contacts_charlie_cannot_reach_as_contacts(world, client_for):
    records = a_partner_records(world)
    client = client_for(world["charlie"])
    base = f"/en/partners/{records['partner'].public_id}/contacts"
    contact_id = records["contact"].public_id
    for url in [f"{base}/new/", f"{base}/{contact_id}/edit/", f"{base}/{contact_id}/delete/"]:
        response = client.post(url, {"full_name": "Charlie was here"})
        assert response.status_code == 404, url
    with all_universities():
        assert list(Contact.objects.values_list("full_name", flat=True)) == [SECRET_CONTACT]


def test_contact_of_public_partner_is_not_reachable_by_other_university(world, client_for):
    partner = make_partner(world, visibility="public")
    from qogam.partners import services  # noqa: PLC0415

    contact = services.save_contact(
        actor=world["alice"], organisation=partner, values={"full_name": SECRET_CONTACT}
    )
    client = client_for(world["charlie"])
    url = f"/en/partners/{partner.public_id}/contacts/{contact.public_id}/edit/"
    assert client.get(url).status_code == 404
    assert client.get(f"/en/partners/{partner.public_id}/contacts/new/").status_code == 403


# --- agreements ---------------------------------------------------------------------------


def test_agreement_list_filters_by_kind_status_unit_and_partner(world, client_for):
    partner = make_partner(world)
    other = make_partner(world, name_kk="Мектеп", kind="school", city="Khromtau")
    make_agreement(world, partner, title_kk="Меморандум")
    make_agreement(
        world,
        other,
        kind="internship_base",
        title_kk="Практика базасы",
        state="draft",
        signed_on=None,
        units=[world["a_department"]],
    )
    client = client_for(world["bob"])

    def titles(**filters):
        response = client.get("/en/partners/agreements/", filters)
        return sorted(a.title_kk for a in response.context["page"].object_list)

    assert titles() == ["Меморандум", "Практика базасы"]
    assert titles(kind="internship_base") == ["Практика базасы"]
    assert titles(status="draft") == ["Практика базасы"]
    assert titles(status="active") == ["Меморандум"]
    assert titles(unit=str(world["a_department"].public_id)) == ["Практика базасы"]
    assert titles(partner=str(partner.public_id)) == ["Меморандум"]


def test_agreement_list_and_detail_charlie_cannot_see_as_private_agreement(world, client_for):
    records = a_partner_records(world)
    client = client_for(world["charlie"])
    listing = client.get("/en/partners/agreements/")
    assert list(listing.context["page"].object_list) == []
    assert SECRET_AGREEMENT.encode() not in listing.content
    agreement = records["agreement"]
    for url in [
        agreement.get_absolute_url(),
        f"/en/partners/agreements/{agreement.public_id}/edit/",
        f"/en/partners/agreements/{agreement.public_id}/delete/",
        f"/en/partners/agreements/{agreement.public_id}/document/",
    ]:
        assert client.get(url).status_code == 404, url


def test_agreement_create_from_partner_page_and_detail(world, client_for):
    partner = make_partner(world)
    client = client_for(world["erin"])
    form = client.get("/en/partners/agreements/new/", {"partner": partner.public_id})
    assert form.context["form"].initial["organisation"] == partner
    assert b'enctype="multipart/form-data"' in form.content
    response = client.post(
        "/en/partners/agreements/new/",
        _agreement_form(partner, units=[world["a_department"].pk], ends_on="2027-03-01"),
    )
    assert response.status_code == 302
    with all_universities():
        agreement = Agreement.objects.get(title_kk="Меморандум")
    assert agreement.university_id == world["a"].pk
    detail = client.get(response["Location"])
    assert detail.status_code == 200
    assert [u.pk for u in detail.context["units"]] == [world["a_department"].pk]


def test_agreement_ending_before_it_starts_shows_error_on_end_date(world, client_for):
    partner = make_partner(world)
    response = client_for(world["erin"]).post(
        "/en/partners/agreements/new/",
        _agreement_form(partner, starts_on="2026-05-01", ends_on="2026-04-01"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"] == [
        "An agreement cannot end before it starts."
    ]


def test_agreement_with_other_universitys_partner_is_not_offered(world, client_for):
    theirs = make_partner(world, actor="charlie", university="b", visibility="public")
    response = client_for(world["erin"]).post(
        "/en/partners/agreements/new/", _agreement_form(theirs)
    )
    assert "organisation" in response.context["form"].errors
    with all_universities():
        assert Agreement.objects.count() == 0


def test_agreement_document_that_is_text_named_pdf_is_refused(world, client_for):
    partner = make_partner(world)
    fake = SimpleUploadedFile("signed.pdf", b"just some text, honestly", "application/pdf")
    response = client_for(world["erin"]).post(
        "/en/partners/agreements/new/", {**_agreement_form(partner), "document": fake}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["document"] == [
        "This file is not one of the accepted types (jpeg, jpg, pdf, png, webp)."
    ]
    with all_universities():
        assert Agreement.objects.count() == 0


def test_agreement_document_is_downloaded_only_by_those_who_may_view_it(world, client_for):
    partner = make_partner(world)
    pdf = SimpleUploadedFile("signed.pdf", PDF_BYTES, "application/pdf")
    client = client_for(world["erin"])
    response = client.post(
        "/en/partners/agreements/new/", {**_agreement_form(partner), "document": pdf}
    )
    assert response.status_code == 302
    with all_universities():
        agreement = Agreement.objects.get()
    url = f"/en/partners/agreements/{agreement.public_id}/document/"
    detail = client_for(world["bob"]).get(agreement.get_absolute_url()).content.decode()
    assert f'href="{url}"' in detail
    assert "/media/" not in detail
    download = client_for(world["bob"]).get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Disposition"] == 'attachment; filename="signed.pdf"'
    for persona in ["charlie", "dana", None]:
        denied = client_for(world[persona] if persona else None).get(url)
        assert denied.status_code == 404, persona


def test_agreement_delete_by_office_returns_to_partner(world, client_for):
    partner = make_partner(world)
    agreement = make_agreement(world, partner)
    response = client_for(world["erin"]).post(
        f"/en/partners/agreements/{agreement.public_id}/delete/"
    )
    assert response["Location"] == partner.get_absolute_url()
    with all_universities():
        assert Agreement.objects.count() == 0


def test_agreement_edit_refused_to_staff(world, client_for):
    agreement = a_partner_records(world)["agreement"]
    url = f"/en/partners/agreements/{agreement.public_id}/edit/"
    assert client_for(world["bob"]).get(url).status_code == 403


# --- home and navigation ------------------------------------------------------------------


def test_attention_panel_lists_expiring_agreements_for_the_office(world, client_for):
    partner = make_partner(world)
    soon = timezone.localdate() + timedelta(days=10)
    make_agreement(world, partner, title_kk="Аяқталатын шарт", ends_on=soon)
    make_agreement(world, partner, title_kk="Ұзақ шарт")
    home = client_for(world["erin"]).get("/en/")
    panels = {panel.key: context for panel, context in home.context["panels"]}
    assert [a.title_kk for a in panels["partners-attention"]["expiring"]] == ["Аяқталатын шарт"]
    theirs = client_for(world["charlie"]).get("/en/")
    assert "partners-attention" not in [panel.key for panel, _c in theirs.context["panels"]]
    assert "Аяқталатын шарт".encode() not in theirs.content
    bob_home = client_for(world["bob"]).get("/en/")
    assert "partners-attention" not in [panel.key for panel, _c in bob_home.context["panels"]]


def test_partners_nav_shown_to_staff_not_to_students(world, client_for):
    assert b'data-nav="partners"' in client_for(world["bob"]).get("/en/").content
    assert b'data-nav="partners"' not in client_for(world["dana"]).get("/en/").content


def test_points_json_escapes_names(world, client_for):
    make_partner(
        world,
        name_kk="</script><b>x</b>",
        latitude="43.2",
        longitude="76.9",
    )
    response = client_for(world["bob"]).get("/en/partners/map/")
    page = response.content.decode()
    assert "</script><b>" not in page
    start = page.index('<script id="partner-points" type="application/json">') + len(
        '<script id="partner-points" type="application/json">'
    )
    data = json.loads(page[start : page.index("</script>", start)])
    assert data[0]["name"] == "</script><b>x</b>"
