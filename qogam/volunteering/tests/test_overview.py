"""The coordinator's overview and the partner representative's view."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from conftest import make_user
from qogam.accounts.services import grant_membership
from qogam.core.enums import Role
from qogam.core.tenancy import all_universities
from qogam.partners.models import Contact, PartnerOrganisation
from qogam.projects.tests.factories import make_project
from qogam.volunteering import services
from qogam.volunteering.enums import Attendance, HoursStatus
from qogam.volunteering.models import HoursEntry, Shift, SignUp
from qogam.volunteering.tests.records import make_opportunity, make_shift
from qogam.volunteering.views.overview import link_to

OVERVIEW = "/en/volunteering/overview/"
PARTNER = "/en/volunteering/partner/"


def _student(world, name):
    user = make_user(f"{name}@example.kz", name.capitalize())
    grant_membership(
        actor=None, user=user, university=world["a"], role=Role.STUDENT, unit=world["a_department"]
    )
    return user


def _partner(world, name, university="a"):
    with all_universities():
        return PartnerOrganisation.objects.create(
            university=world[university], name_kk=name, name_en=name, kind="ngo"
        )


def _represent(world, partner, user):
    with all_universities():
        Contact.objects.create(
            university=partner.university,
            organisation=partner,
            full_name=user.full_name,
            user=user,
            is_representative=True,
        )


def _move_to_past(shift, *, hours_ago=48):
    starts = timezone.now() - timedelta(hours=hours_ago)
    Shift.objects.with_scopes_disabled().filter(pk=shift.pk).update(
        starts_at=starts, ends_at=starts + timedelta(hours=3)
    )


def _hours(sign_up, hours, status=HoursStatus.LOGGED):
    with all_universities():
        return HoursEntry.objects.create(
            university_id=sign_up.university_id,
            sign_up=sign_up,
            shift_id=sign_up.shift_id,
            student_id=sign_up.student_id,
            hours=Decimal(hours),
            status=status,
        )


def _attendance(sign_up, value):
    SignUp.objects.with_scopes_disabled().filter(pk=sign_up.pk).update(attendance=value)


def _past_shift_with(world, opportunity, students, *, capacity=2):
    """A shift that has ended, with `students` confirmed on it (signed up while it was ahead)."""
    shift = make_shift(world, opportunity, in_hours=100, capacity=capacity)
    sign_ups = [services.sign_up(student=s, shift=shift) for s in students]
    _move_to_past(shift)
    return shift, sign_ups


@pytest.fixture
def data(world):
    """A's opportunity of cora's department with pavel's partner, another of A's network
    institute with another partner, and B's; shifts past and to come, hours of each status."""
    eve = _student(world, "eve")
    partner = _partner(world, "Pavel's Partner NGO")
    other_partner = _partner(world, "Another Partner NGO")
    _represent(world, partner, world["pavel"])
    department = make_opportunity(
        world, title_en="Department reading club", unit=world["a_department"], partner=partner
    )
    institute = make_opportunity(
        world,
        title_en="Institute tree planting",
        unit=world["a_network_unit"],
        partner=other_partner,
    )
    b_opportunity = make_opportunity(
        world, actor="charlie", university=world["b"], title_en="B Secret Beach Clean-up"
    )
    make_shift(world, b_opportunity, actor="charlie", capacity=5)

    upcoming = make_shift(world, department, capacity=2)
    services.sign_up(student=world["dana"], shift=upcoming)
    past, (dana_past, eve_past) = _past_shift_with(world, department, [world["dana"], eve])
    _attendance(dana_past, Attendance.ABSENT)  # eve's attendance is not recorded
    _hours(dana_past, "3", HoursStatus.VERIFIED)
    _hours(eve_past, "2")
    institute_shift = make_shift(world, institute, capacity=4)
    services.sign_up(student=eve, shift=institute_shift)
    return {
        "eve": eve,
        "partner": partner,
        "department": department,
        "institute": institute,
        "b_opportunity": b_opportunity,
        "upcoming": upcoming,
        "past": past,
        "institute_shift": institute_shift,
    }


def test_overview_sections_for_the_office(world, client_for, data):
    response = client_for(world["erin"]).get(OVERVIEW)
    assert response.status_code == 200
    context = response.context
    upcoming = {s.pk: (s.confirmed, s.capacity, s.waiting) for s in context["upcoming"]}
    assert upcoming == {data["upcoming"].pk: (1, 2, 0), data["institute_shift"].pk: (1, 4, 0)}
    assert [(r.student.email, r.shift_id) for r in context["no_shows"]] == [
        ("dana@example.kz", data["past"].pk)
    ]
    assert context["no_show_count"] == 1
    assert [(r["shift"].pk, r["shift"].unrecorded) for r in context["unrecorded"]] == [
        (data["past"].pk, 1)
    ]
    assert [(r["opportunity"].pk, r["opportunity"].entries) for r in context["hours"]] == [
        (data["department"].pk, 1)
    ]
    assert context["hours"][0]["opportunity"].hours == Decimal("2")
    assert [(s["name"], s["total"]) for s in context["students"]] == [("Dana", Decimal("3"))]
    assert context["verified"] == {"hours": Decimal("3"), "students": 1}
    # Department: 3 confirmed of 4 places (75 %); institute: 1 of 4 (25 %); least filled first.
    rates = [(o.pk, o.confirmed, o.places, round(o.fill_rate)) for o in context["fill_rates"]]
    assert rates == [(data["institute"].pk, 1, 4, 25), (data["department"].pk, 3, 4, 75)]
    page = response.content.decode()
    assert reverse("volunteering:roster", kwargs={"public_id": data["upcoming"].public_id}) in page
    assert "B Secret Beach Clean-up" not in page


def test_overview_links_to_the_hours_pages_once_they_exist(world, client_for, data):
    context = client_for(world["erin"]).get(OVERVIEW).context
    row = context["unrecorded"][0]
    try:
        attendance = reverse(
            "volunteering:attendance", kwargs={"public_id": data["past"].public_id}
        )
    except NoReverseMatch:
        attendance = ""
    assert row["attendance_url"] == attendance
    try:
        queue = reverse("volunteering:hours_queue")
    except NoReverseMatch:
        queue = ""
    expected = f"{queue}?opportunity={data['department'].public_id}" if queue else ""
    assert context["hours"][0]["queue_url"] == expected


def test_link_to_a_missing_page_is_empty(db):
    assert link_to("volunteering:no_such_page") == ""
    assert link_to("volunteering:list", query={"unit": "x"}) == "/en/volunteering/?unit=x"


def test_overview_coordinator_sees_only_her_units(world, client_for, data):
    context = client_for(world["cora"]).get(OVERVIEW).context
    assert [o.pk for o in context["form"].fields["opportunity"].queryset] == [data["department"].pk]
    assert [o.pk for o in context["fill_rates"]] == [data["department"].pk]
    assert [s.pk for s in context["upcoming"]] == [data["upcoming"].pk]
    units = {u.pk for u in context["form"].fields["unit"].queryset}
    assert units == {world["a_faculty"].pk, world["a_department"].pk}
    assert b"Institute tree planting" not in client_for(world["cora"]).get(OVERVIEW).content


def test_overview_project_responsible_staff_see_their_project_only(world, client_for, data):
    project = make_project(world, relations={"responsible": [world["bob"]]})
    own = make_opportunity(world, title_en="Project's own opportunity", project=project)
    make_shift(world, own)
    response = client_for(world["bob"]).get(OVERVIEW)
    assert response.status_code == 200
    assert [o.pk for o in response.context["fill_rates"]] == [own.pk]


@pytest.mark.parametrize("persona", ["dana", "pavel", "bob"])
def test_overview_refused_to_those_who_run_no_opportunity(world, client_for, data, persona):
    assert client_for(world[persona]).get(OVERVIEW).status_code == 403


def test_overview_anonymous_is_sent_to_sign_in(client_for, data):
    response = client_for(None).get(OVERVIEW)
    assert response.status_code == 302
    assert "/sign-in/" in response["Location"]


def test_overview_other_university_sees_none_of_a(world, client_for, data):
    client = client_for(world["charlie"])
    response = client.get(OVERVIEW)
    assert response.status_code == 200
    assert [o.pk for o in response.context["fill_rates"]] == [data["b_opportunity"].pk]
    page = response.content.decode()
    for secret in ["Department reading club", "Institute tree planting", "dana@", "Pavel"]:
        assert secret not in page
    # Asking for A's opportunity by its id is refused as an unknown choice and shows nothing.
    response = client.get(OVERVIEW, {"opportunity": data["department"].public_id})
    assert "opportunity" in response.context["form"].errors
    assert "Department reading club" not in response.content.decode()
    assert [o.pk for o in response.context["fill_rates"]] == [data["b_opportunity"].pk]


def test_overview_filters_by_opportunity_unit_and_dates(world, client_for, data):
    client = client_for(world["erin"])
    by_opportunity = client.get(OVERVIEW, {"opportunity": data["institute"].public_id}).context
    assert [o.pk for o in by_opportunity["fill_rates"]] == [data["institute"].pk]
    assert by_opportunity["no_shows"] == []
    # The faculty includes its department.
    by_unit = client.get(OVERVIEW, {"unit": world["a_faculty"].public_id}).context
    assert [o.pk for o in by_unit["fill_rates"]] == [data["department"].pk]
    today = timezone.localdate()
    recent = client.get(
        OVERVIEW,
        {"starts_on": (today - timedelta(days=5)).isoformat(), "ends_on": today.isoformat()},
    ).context
    assert [s["shift"].pk for s in recent["unrecorded"]] == [data["past"].pk]
    assert recent["upcoming"] == []
    assert [(o.pk, o.confirmed, o.places) for o in recent["fill_rates"]] == [
        (data["department"].pk, 2, 2)
    ]
    backwards = client.get(
        OVERVIEW, {"starts_on": today.isoformat(), "ends_on": "2020-01-01"}
    ).context
    assert backwards["form"].errors["ends_on"] == [
        "The end of the date range comes before its start."
    ]


def _count_queries(client, url):
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_overview_query_count_stays_flat(world, client_for, data):
    client = client_for(world["erin"])
    before = _count_queries(client, OVERVIEW)
    for number in range(4):
        opportunity = make_opportunity(world, title_en=f"More {number}", unit=world["a_department"])
        shift = make_shift(world, opportunity, capacity=3, in_hours=200 + 10 * number)
        services.sign_up(student=world["dana"], shift=shift)
        _past, (sign_up,) = _past_shift_with(world, opportunity, [data["eve"]])
        _attendance(sign_up, Attendance.ABSENT)
        _hours(sign_up, "1", HoursStatus.VERIFIED if number % 2 else HoursStatus.LOGGED)
    after = _count_queries(client, OVERVIEW)
    assert after == before
    assert len(client.get(OVERVIEW).context["fill_rates"]) == 6


# --- The partner representative's view ------------------------------------------------------


def test_partner_view_shows_only_his_organisations_opportunities(world, client_for, data):
    response = client_for(world["pavel"]).get(PARTNER)
    assert response.status_code == 200
    context = response.context
    assert [o.pk for o in context["opportunities"]] == [data["department"].pk]
    shifts = {s.pk: [v.student.full_name for v in s.volunteers] for s in context["shifts"]}
    assert shifts == {data["upcoming"].pk: ["Dana"], data["past"].pk: ["Dana", "Eve"]}
    assert [(r["opportunity"].pk, r["opportunity"].entries) for r in context["hours"]] == [
        (data["department"].pk, 1)
    ]
    page = response.content.decode()
    assert "Did not come" in page  # dana's attendance on the past shift
    assert reverse("volunteering:roster", kwargs={"public_id": data["past"].public_id}) in page
    for secret in ["Institute tree planting", "B Secret Beach Clean-up", "eve@example.kz"]:
        assert secret not in page


def test_partner_view_leaves_out_drafts(world, client_for, data):
    make_opportunity(
        world, title_en="Draft with the partner", partner=data["partner"], status="draft"
    )
    response = client_for(world["pavel"]).get(PARTNER)
    assert "Draft with the partner" not in response.content.decode()


def test_partner_view_of_a_b_partner_shows_b_opportunities_only(world, client_for, data):
    b_partner = _partner(world, "B's partner", university="b")
    b_rep = make_user("rep@example.kz", "Rep")
    _represent(world, b_partner, b_rep)
    own = make_opportunity(
        world, actor="charlie", university=world["b"], title_en="B with partner", partner=b_partner
    )
    context = client_for(b_rep).get(PARTNER).context
    assert [o.pk for o in context["opportunities"]] == [own.pk]


@pytest.mark.parametrize("persona", ["bob", "dana", "charlie", "erin"])
def test_partner_view_refused_to_those_who_represent_no_organisation(
    world, client_for, data, persona
):
    assert client_for(world[persona]).get(PARTNER).status_code == 403


def test_partner_view_query_count_stays_flat(world, client_for, data):
    client = client_for(world["pavel"])
    before = _count_queries(client, PARTNER)
    for number in range(4):
        opportunity = make_opportunity(world, title_en=f"More {number}", partner=data["partner"])
        shift = make_shift(world, opportunity, capacity=3, in_hours=200 + 10 * number)
        services.sign_up(student=world["dana"], shift=shift)
        _past_shift_with(world, opportunity, [data["eve"]])
    after = _count_queries(client, PARTNER)
    assert after == before
    assert len(client.get(PARTNER).context["shifts"]) == 10


# --- Navigation and home panels -------------------------------------------------------------


def test_navigation_shows_overview_and_partner_view_to_their_people(world, client_for, data):
    def nav(persona):
        body = client_for(world[persona]).get("/en/volunteering/").content
        return (
            b'data-nav="volunteering-overview"' in body,
            b'data-nav="volunteering-partner"' in body,
        )

    assert nav("erin") == (True, False)
    assert nav("cora") == (True, False)
    assert nav("pavel") == (False, True)
    assert nav("dana") == (False, False)
    assert nav("bob") == (False, False)


def test_home_panels_for_coordinator_and_partner(world, client_for, data):
    office = client_for(world["erin"]).get("/en/").content.decode()
    panel = office.split('data-panel="volunteering-coordinator"')[1].split("</section>")[0]
    assert "1 shift with attendance to record" in panel
    assert "1 hours entry to verify" in panel
    partner = client_for(world["pavel"]).get("/en/").content.decode()
    panel = partner.split('data-panel="volunteering-partner"')[1].split("</section>")[0]
    assert "Department reading club" in panel
    assert "1 entry" in panel
    student = client_for(world["dana"]).get("/en/").content.decode()
    assert "volunteering-coordinator" not in student
    assert "volunteering-partner" not in student
