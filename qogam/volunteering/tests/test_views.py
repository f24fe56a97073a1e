"""The pages: list, detail with its buttons, forms, roster, my sign-ups and the .ics file."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from qogam.core.tenancy import all_universities
from qogam.partners.models import Contact, PartnerOrganisation
from qogam.volunteering import services
from qogam.volunteering.models import Opportunity, Shift, SignUp
from qogam.volunteering.tests.records import (
    SECRET_OPPORTUNITY,
    a_volunteering_records,
    make_opportunity,
    make_shift,
)


def _url(name, record):
    return reverse(f"volunteering:{name}", kwargs={"public_id": record.public_id})


def test_list_charlie_cannot_see_as_private_opportunity(world, client_for):
    a_volunteering_records(world)
    body = client_for(world["charlie"]).get("/en/volunteering/").content.decode()
    assert SECRET_OPPORTUNITY not in body
    body = client_for(None).get("/en/volunteering/").content.decode()
    assert SECRET_OPPORTUNITY not in body


def test_list_students_of_the_university_see_its_private_opportunities(world, client_for):
    a_volunteering_records(world)
    body = client_for(world["dana"]).get("/en/volunteering/").content.decode()
    assert SECRET_OPPORTUNITY in body


def test_list_public_opportunity_shown_to_anonymous(world, client_for):
    make_opportunity(world, title_en="Open park clean-up", visibility="public")
    make_opportunity(world, title_en="A draft nobody sees", visibility="public", status="draft")
    body = client_for(None).get("/en/volunteering/").content.decode()
    assert "Open park clean-up" in body
    assert "A draft nobody sees" not in body


def test_list_filters_by_kind_search_and_date(world, client_for):
    near = make_opportunity(world, title_en="Near school lesson", kind="outreach")
    make_shift(world, near, in_hours=24)
    far = make_opportunity(world, title_en="Far festival", kind="open_event")
    make_shift(world, far, in_hours=24 * 40)
    client = client_for(world["erin"])
    body = client.get("/en/volunteering/?kind=outreach").content.decode()
    assert "Near school lesson" in body and "Far festival" not in body
    body = client.get("/en/volunteering/?q=festival").content.decode()
    assert "Far festival" in body and "Near school lesson" not in body
    later = (timezone.now() + timedelta(days=20)).date().isoformat()
    body = client.get(f"/en/volunteering/?date={later}").content.decode()
    assert "Far festival" in body and "Near school lesson" not in body


def test_list_query_count_does_not_grow(world, client_for, django_assert_max_num_queries):
    for n in range(30):
        make_opportunity(world, title_en=f"Opportunity {n}", visibility="public")
    client = client_for(world["dana"])
    with django_assert_max_num_queries(12):
        response = client.get("/en/volunteering/")
    assert response.status_code == 200
    assert response.content.decode().count("/en/volunteering/") >= 25


def test_detail_charlie_gets_404_on_private_opportunity_and_roster(world, client_for):
    records = a_volunteering_records(world)
    client = client_for(world["charlie"])
    for url in (
        _url("detail", records["opportunity"]),
        _url("roster", records["shift"]),
        _url("shift_ics", records["shift"]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert SECRET_OPPORTUNITY.encode() not in response.content


def test_detail_shows_places_and_sign_up_button(world, client_for):
    opportunity = make_opportunity(world)
    make_shift(world, opportunity, capacity=3)
    body = client_for(world["dana"]).get(_url("detail", opportunity)).content.decode()
    assert "3 places left" in body
    assert ">Sign up<" in body


def test_sign_up_page_flow_then_waiting_list_button(world, client_for):
    opportunity = make_opportunity(world)
    shift = make_shift(world, opportunity, capacity=1)
    client = client_for(world["dana"])
    response = client.post(_url("sign_up", shift), follow=True)
    body = response.content.decode()
    assert "You are signed up" in body
    assert "Cancel my sign-up" in body
    assert _url("shift_ics", shift) in body
    body = client_for(world["erin"]).get(_url("detail", opportunity)).content.decode()
    assert "0 places left" in body
    # erin is staff, not a student: the button is there, the service refuses her.
    assert "Join the waiting list" in body
    body = client_for(world["erin"]).post(_url("sign_up", shift), follow=True).content.decode()
    assert "Only students of the university may sign up for this opportunity." in body


def test_sign_up_page_shows_overlap_error(world, client_for):
    first = make_shift(world, make_opportunity(world), in_hours=48)
    other = make_opportunity(world, title_en="Other thing")
    second = make_shift(world, other, in_hours=49)
    client = client_for(world["dana"])
    client.post(_url("sign_up", first))
    body = client.post(_url("sign_up", second), follow=True).content.decode()
    assert "This shift overlaps your sign-up for" in body


def test_cancel_page_by_student(world, client_for):
    records = a_volunteering_records(world)
    client = client_for(world["dana"])
    response = client.post(_url("cancel", records["sign_up"]), {"next": "mine"})
    assert response.status_code == 302
    assert response["Location"] == "/en/volunteering/mine/"
    records["sign_up"].refresh_from_db()
    assert records["sign_up"].status == "cancelled"


def test_cancel_page_by_someone_else_404(world, client_for):
    records = a_volunteering_records(world)
    assert client_for(world["bob"]).post(_url("cancel", records["sign_up"])).status_code == 404


def test_roster_for_coordinator_and_partner_representative_only(world, client_for):
    with all_universities():
        partner = PartnerOrganisation.objects.create(
            university=world["a"], name_kk="Серіктес", name_en="Partner NGO", kind="ngo"
        )
        Contact.objects.create(
            university=world["a"],
            organisation=partner,
            full_name="Pavel",
            user=world["pavel"],
            is_representative=True,
        )
    opportunity = make_opportunity(world, partner=partner)
    shift = make_shift(world, opportunity)
    services.sign_up(student=world["dana"], shift=shift)
    for persona, status in [("erin", 200), ("pavel", 200), ("bob", 403), ("dana", 403)]:
        response = client_for(world[persona]).get(_url("roster", shift))
        assert response.status_code == status, persona
        if status == 200:
            assert "dana@example.kz" in response.content.decode()


def test_create_and_edit_opportunity_and_shift(world, client_for):
    client = client_for(world["erin"])
    response = client.post(
        reverse("volunteering:create"),
        {
            "kind": "community_service",
            "title_kk": "Саябақты тазалау",
            "title_en": "Park clean-up",
            "status": "open",
            "visibility": "public",
            "unit": world["a_faculty"].pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    with all_universities():
        opportunity = Opportunity.objects.get(title_en="Park clean-up")
    assert opportunity.university == world["a"]
    response = client.post(
        _url("shift_create", opportunity),
        {
            "starts_at": "2030-05-01T10:00",
            "ends_at": "2030-05-01T09:00",
            "capacity": 5,
            "cancel_until": 24,
        },
    )
    assert "A shift must end after it starts." in response.content.decode()
    response = client.post(
        _url("shift_create", opportunity),
        {
            "starts_at": "2030-05-01T10:00",
            "ends_at": "2030-05-01T13:00",
            "capacity": 5,
            "cancel_until": 24,
        },
    )
    assert response.status_code == 302
    with all_universities():
        shift = Shift.objects.get(opportunity=opportunity)
    response = client.post(
        _url("shift_edit", shift),
        {
            "starts_at": "2030-05-01T10:00",
            "ends_at": "2030-05-01T14:00",
            "capacity": 8,
            "cancel_until": 12,
        },
    )
    assert response.status_code == 302
    shift.refresh_from_db()
    assert (shift.capacity, shift.cancel_until) == (8, 12)


def test_create_form_refused_to_students(world, client_for):
    assert client_for(world["dana"]).get(reverse("volunteering:create")).status_code == 403


def test_edit_other_university_404(world, client_for):
    records = a_volunteering_records(world)
    assert client_for(world["charlie"]).get(_url("edit", records["opportunity"])).status_code == 404


def test_my_sign_ups_lists_own_only(world, client_for):
    records = a_volunteering_records(world)
    body = client_for(world["dana"]).get(reverse("volunteering:mine")).content.decode()
    assert SECRET_OPPORTUNITY in body
    body = client_for(world["bob"]).get(reverse("volunteering:mine")).content.decode()
    assert SECRET_OPPORTUNITY not in body
    assert records["sign_up"].pk


def test_ics_download_is_a_calendar(world, client_for):
    records = a_volunteering_records(world)
    response = client_for(world["dana"]).get(_url("shift_ics", records["shift"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert f"UID:{records['shift'].public_id}@" in text
    assert text.endswith("END:VCALENDAR\r\n")


def test_detail_renders_in_every_language(world, client_for):
    records = a_volunteering_records(world)
    client = client_for(world["dana"])
    for code, title in [("kk", "Балалар үйіне көмек"), ("ru", "Помощь детскому дому")]:
        response = client.get(f"/{code}/volunteering/{records['opportunity'].public_id}/")
        assert title in response.content.decode()
    with all_universities():
        assert SignUp.objects.count() == 1


def test_admin_pages_open_for_own_university(world, client_for):
    records = a_volunteering_records(world)
    client = client_for(world["alice"])
    for model, record in [
        ("opportunity", records["opportunity"]),
        ("shift", records["shift"]),
        ("signup", records["sign_up"]),
    ]:
        response = client.get(reverse(f"admin:volunteering_{model}_change", args=[record.pk]))
        assert response.status_code == 200, model
    response = client.get(reverse("admin:volunteering_opportunity_changelist"))
    assert SECRET_OPPORTUNITY in response.content.decode()


def test_navigation_item_shown_to_everyone(world, client_for):
    for persona in [None, "dana", "pavel", "charlie"]:
        body = client_for(world[persona] if persona else None).get("/en/needs/").content
        assert b'data-nav="volunteering"' in body, persona
