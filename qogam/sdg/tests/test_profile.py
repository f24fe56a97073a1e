"""The SDG profile: for a university's staff (and a unit), and on the public portal."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from qogam.core.enums import Visibility
from qogam.core.tenancy import all_universities
from qogam.needs.models import Need
from qogam.network.models import GoodPractice
from qogam.projects.models import Project
from qogam.research.models import Study
from qogam.sdg.enums import TagSource, TagStatus
from qogam.sdg.models import RecordGoal
from qogam.sdg.profile import staff_profile

pytestmark = pytest.mark.django_db

URL = "/en/sdg/"


def project(university, unit, sdgs, visibility=Visibility.PRIVATE, title="A project"):
    return Project.objects.create(
        university=university,
        kind="community_service",
        title_en=title,
        title_kk=title,
        lead_unit=unit,
        starts_on=date(2026, 3, 1),
        status="running",
        visibility=visibility,
        sdgs=sdgs,
    )


def study(university, unit, sdgs, visibility=Visibility.PRIVATE):
    return Study.objects.create(
        university=university,
        title_en="A study",
        title_kk="A study",
        lead_unit=unit,
        starts_on=date(2025, 9, 1),
        visibility=visibility,
        sdgs=sdgs,
    )


def need(university, unit, sdgs, visibility=Visibility.PUBLIC):
    return Need.objects.create(
        university=university,
        unit=unit,
        title="A need",
        description="Something to fix",
        language="ru",
        category="infrastructure",
        affected_group="youth",
        urgency="high",
        district="Almaty",
        poster_email="resident@example.org",
        state="published",
        published_at=timezone.now(),
        visibility=visibility,
        sdgs=sdgs,
    )


def practice(university, sdgs):
    return GoodPractice.objects.create(
        university=university, title="A practice", summary="What we did", sdgs=sdgs
    )


def accept_target(record, goal, target):
    return RecordGoal.objects.create(
        university=record.university,
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        goal=goal,
        target=target,
        status=TagStatus.ACCEPTED,
        source=TagSource.SUGGESTION,
    )


@pytest.fixture
def records(world):
    """A's records in its faculty, the department beneath it and another institute, and B's
    records carrying the same goals (which must never count at A)."""
    a, b = world["a"], world["b"]
    with all_universities():
        faculty_project = project(a, world["a_faculty"], [4, 7])
        department_project = project(a, world["a_department"], [7])
        institute_project = project(a, world["a_network_unit"], [])
        department_study = study(a, world["a_department"], [4])
        institute_study = study(a, world["a_network_unit"], [13, 7])
        practice(a, [17])
        # B: the same goals, many times: a leak would show in every count.
        for _ in range(3):
            project(b, world["b_public"], [4, 7, 13], visibility=Visibility.PUBLIC)
            study(b, world["b_private"], [7])
        accept_target(faculty_project, 7, "7.2")
        accept_target(department_project, 7, "7.2")
        accept_target(institute_study, 7, "7.1")
        accept_target(department_study, 4, "4.4")
    return {
        "faculty_project": faculty_project,
        "department_project": department_project,
        "institute_project": institute_project,
        "department_study": department_study,
        "institute_study": institute_study,
    }


def counts(profile) -> dict:
    """{goal: {kind key: count}} for the goals some record carries, and the totals."""
    keys = [k.key for k in profile.kinds]
    found = {}
    for row in profile.rows:
        if row.total:
            found[row.goal] = {
                **{
                    key: cell.count for key, cell in zip(keys, row.cells, strict=True) if cell.count
                },
                "total": row.total,
            }
    return found


def test_profile_counts_goals_per_kind_of_own_university_only(world, records):
    with all_universities():
        profile = staff_profile(world["a"])
    assert counts(profile) == {
        4: {"projects.project": 1, "research.study": 1, "total": 2},
        7: {"projects.project": 2, "research.study": 1, "total": 3},
        13: {"research.study": 1, "total": 1},
        17: {"network.goodpractice": 1, "total": 1},
    }
    by_kind = {k.key: (k.records, k.untagged) for k in profile.kinds}
    assert by_kind["projects.project"] == (3, 1)
    assert by_kind["research.study"] == (2, 0)
    assert by_kind["needs.need"] == (0, 0)
    assert (profile.records_total, profile.tagged_total, profile.untagged_total) == (6, 5, 1)
    assert profile.left_out == []
    # Targets accepted on A's records, the most frequent first.
    assert [(t.code, t.count) for t in profile.targets] == [("7.2", 2), ("4.4", 1), ("7.1", 1)]


def test_profile_of_unit_narrows_to_its_subtree(world, records):
    with all_universities():
        profile = staff_profile(world["a"], world["a_faculty"])
    assert counts(profile) == {
        4: {"projects.project": 1, "research.study": 1, "total": 2},
        7: {"projects.project": 2, "total": 2},
    }
    # Good practices have no unit: left out, and said so.
    assert "network.goodpractice" not in {k.key for k in profile.kinds}
    assert [str(label) for label in profile.left_out] == ["Good practices"]
    assert [(t.code, t.count) for t in profile.targets] == [("7.2", 2), ("4.4", 1)]


def test_profile_page_shows_counts_with_links_to_filtered_lists(world, records, client_for):
    response = client_for(world["bob"]).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{reverse("projects:list")}?sdg=7">2<' in html
    assert f'href="{reverse("research:list")}?sdg=13">1<' in html
    assert "Not tagged yet" in html
    assert "6 records in all: 5 with at least one goal, 1 not tagged yet." in html
    assert "7.2" in html
    # A zero is no link.
    assert f'{reverse("projects:list")}?sdg=13"' not in html
    # bob is staff, not the office: no bulk tagging for him.
    assert reverse("sdg:runs") not in html


def test_profile_page_unit_filter_says_what_is_left_out(world, records, client_for):
    unit = world["a_faculty"]
    response = client_for(world["alice"]).get(URL, {"unit": str(unit.public_id)})
    assert response.status_code == 200
    assert response.context["unit"] == unit
    html = response.content.decode()
    assert "Kinds of record that have no unit are left out: Good practices." in html
    assert f'href="{reverse("projects:list")}?sdg=7">2<' in html


def test_profile_page_ignores_a_bad_or_foreign_unit(world, records, client_for):
    client = client_for(world["alice"])
    assert client.get(URL, {"unit": "not-a-uuid"}).context["unit"] is None
    foreign = client.get(URL, {"unit": str(world["b_public"].public_id)})
    assert foreign.status_code == 200
    assert foreign.context["unit"] is None
    assert foreign.context["profile"].records_total == 6


def test_profile_page_offers_bulk_tagging_to_the_office(world, client_for):
    html = client_for(world["erin"]).get(URL).content.decode()
    assert f"{reverse('sdg:runs')}?university=aqtobe-tech" in html
    assert f"{reverse('sdg:review')}?university=aqtobe-tech" in html


def test_charlie_sees_only_his_university(world, records, client_for):
    response = client_for(world["charlie"]).get(URL, {"university": "aqtobe-tech"})
    assert response.status_code == 200
    assert response.context["university"] == world["b"]
    assert response.context["profile"].records_total == 6  # B's three projects and studies
    assert counts(response.context["profile"])[4] == {"projects.project": 3, "total": 3}


def test_network_admin_chooses_the_university(world, records, client_for):
    response = client_for(world["nora"]).get(URL, {"university": "aqtobe-tech"})
    assert response.status_code == 200
    assert response.context["university"] == world["a"]
    assert response.context["profile"].records_total == 6


@pytest.mark.parametrize("name", ["dana", "pavel"])
def test_profile_page_refuses_people_who_are_not_staff(world, client_for, name):
    assert client_for(world[name]).get(URL).status_code == 403


def test_profile_page_refuses_anonymous(world, client_for):
    response = client_for(None).get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize(
    ("name", "shown"),
    [("bob", True), ("nora", True), ("charlie", True), ("dana", False), ("pavel", False)],
)
def test_navigation_item_for_those_who_may_view(world, client_for, name, shown):
    html = client_for(world[name]).get(reverse("accounts:home")).content.decode()
    assert ('data-nav="sdg"' in html) is shown


def test_profile_query_count_is_bounded(world, client_for, django_assert_max_num_queries, records):
    with all_universities():
        for i in range(40):
            project(world["a"], world["a_department"], [i % 17 + 1, 3], title=f"P{i}")
            study(world["a"], world["a_department"], [i % 17 + 1])
            need(world["a"], world["a_department"], [i % 5 + 1])
            row = project(world["a"], world["a_faculty"], [i % 17 + 1])
            accept_target(row, i % 17 + 1, f"{i % 17 + 1}.1")
    client = client_for(world["alice"])
    client.get(URL)  # warm the caches (content types, the session)
    # The session, the person, their memberships, the universities, the units (the select and
    # the chosen one), the unit tree, one per kind, the targets, the notices' badge.
    with django_assert_max_num_queries(14):
        response = client.get(URL, {"unit": str(world["a_faculty"].public_id)})
    assert response.context["profile"].records_total == 3 + 4 * 40
    with django_assert_max_num_queries(14):
        response = client.get(URL)
    assert response.context["profile"].records_total == 6 + 4 * 40


# --- The portal ------------------------------------------------------------------------------


def portal_url(slug="aqtobe-tech"):
    return reverse("portal:sdg", kwargs={"slug": slug})


def test_portal_profile_counts_public_records_only(world, client_for):
    a = world["a"]
    with all_universities():
        project(a, world["a_faculty"], [7], visibility=Visibility.PUBLIC, title="Solar")
        project(a, world["a_faculty"], [7, 6], visibility=Visibility.PRIVATE, title="Secret")
        project(a, world["a_faculty"], [6], visibility=Visibility.NETWORK, title="Network")
        need(a, world["a_faculty"], [6])
        need(a, world["a_faculty"], [6], visibility=Visibility.PRIVATE)
        study(a, world["a_faculty"], [], visibility=Visibility.PUBLIC)
        project(world["b"], world["b_public"], [6, 7], visibility=Visibility.PUBLIC)
    with all_universities():
        response = client_for(None).get(portal_url())
    assert response.status_code == 200
    assert counts(response.context["profile"]) == {
        6: {"needs": 1, "total": 1},
        7: {"projects": 1, "total": 1},
    }
    profile = response.context["profile"]
    assert (profile.records_total, profile.untagged_total) == (3, 1)
    html = response.content.decode()
    search = reverse("portal:university_search", kwargs={"slug": "aqtobe-tech"})
    assert f'href="{search}?sdg=7"' in html
    assert f'href="{search}?kind=needs&amp;sdg=6"' in html
    assert "Secret" not in html


def test_portal_search_link_finds_the_counted_records(world, client_for):
    with all_universities():
        project(world["a"], world["a_faculty"], [7], visibility=Visibility.PUBLIC, title="Solar")
        project(world["a"], world["a_faculty"], [7], visibility=Visibility.PRIVATE, title="Hush")
    client = client_for(None)
    profile = client.get(portal_url()).context["profile"]
    cell = profile.rows[6].cells[[k.key for k in profile.kinds].index("projects")]
    assert cell.count == 1
    results = client.get(cell.url).context["page"].object_list
    assert [p.title_en for p in results] == ["Solar"]


def test_portal_profile_of_a_private_university_is_404(world, client_for):
    with all_universities():
        world["b"].visibility = Visibility.PRIVATE
        world["b"].save()
    assert client_for(None).get(portal_url("baikonur-state")).status_code == 404


def test_portal_university_page_links_to_its_profile(world, client_for):
    html = client_for(None).get(reverse("portal:university", args=["aqtobe-tech"])).content
    assert f'href="{portal_url()}"'.encode() in html


def test_portal_sitemap_lists_the_profile(world, client_for):
    body = client_for(None).get("/sitemap.xml").content.decode()
    assert "/portal/aqtobe-tech/sdg/" in body


def test_portal_profile_query_count_is_bounded(world, client_for, django_assert_max_num_queries):
    with all_universities():
        for i in range(30):
            project(world["a"], world["a_faculty"], [i % 17 + 1], visibility=Visibility.PUBLIC)
            need(world["a"], world["a_faculty"], [i % 17 + 1])
    client = client_for(None)
    client.get(portal_url())
    # The university, one per kind carrying goals, the targets.
    with django_assert_max_num_queries(6):
        response = client.get(portal_url())
    assert response.context["profile"].records_total == 60
