"""No query in a loop: every list page and API list answers with as many queries for twelve
records as for two (issue 11).

The list URLs are discovered from the URL resolver and from the API's routers; a list-like URL
that is neither measured here (CASES) nor named as not a list (NOT_LISTS) fails
`test_every_list_url_is_classified`, so a new list page cannot be forgotten.
"""

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from conftest import make_unit, make_user
from qogam.accounts.services import grant_membership
from qogam.api.v1 import api
from qogam.core.tenancy import all_universities, university_scope
from qogam.councils import services as councils_services
from qogam.coverage.tests.records import record as record_coverage
from qogam.indicators.models import (
    IndicatorVisibility,
    ManualValue,
    Pack,
    PackActivation,
    PackEntry,
    SelfAssessment,
    Snapshot,
    Target,
)
from qogam.indicators.tests.records import make_indicator
from qogam.needs.tests.factories import post_need, published_need
from qogam.network.enums import MembershipStatus
from qogam.network.models import NetworkMembership
from qogam.network.services import joint_projects as network_joint
from qogam.network.services import practices as network_practices
from qogam.network.tests.records_conferences import make_conference
from qogam.network.tests.records_practices import make_members, practice_values
from qogam.notifications.models import Notice
from qogam.organisations.models import University
from qogam.partners import services as partners_services
from qogam.partners.tests.records import make_agreement, make_partner
from qogam.projects import services as project_services
from qogam.projects.tests.factories import make_project
from qogam.reports import services as reports_services
from qogam.research.tests.records import make_question, make_study
from qogam.sdg.enums import RunStatus
from qogam.sdg.models import LocalTarget, TaggingRun
from qogam.sdg.models import Target as SdgTarget
from qogam.staff import services as staff_services
from qogam.staff.tests.records import make_function, make_position
from qogam.strategy.tests.records import make_goal, make_measure, make_strategy
from qogam.volunteering import hours as volunteering_hours
from qogam.volunteering import services as volunteering_services
from qogam.volunteering.tests.records import make_opportunity, make_shift
from qogam.volunteering.tests.records_academic import make_programme
from qogam.volunteering.tests.records_hours import past_sign_ups
from qogam.volunteering.tests.records_recognition import hours_entry

FEW, MANY = 2, 12

World = dict[str, Any]


@dataclass
class Case:
    """One list: where it is, who reads it, and how to add its i-th record."""

    url: Callable[[World], str]
    persona: str | None
    make: Callable[[World, int], Any]
    setup: Callable[[World], None] | None = None


def named(name: str, **kwargs: Callable[[World], Any]) -> Callable[[World], str]:
    def url(w: World) -> str:
        return reverse(name, kwargs={key: value(w) for key, value in kwargs.items()})

    return url


def fixed(path: str) -> Callable[[World], str]:
    return lambda w: path


def a_slug(w: World) -> str:
    return w["a"].slug


def remember(key: str, make: Callable[[World], Any]) -> Callable[[World], Any]:
    """The record made once per world under `key` (the parent the list hangs under)."""

    def get(w: World) -> Any:
        if key not in w:
            w[key] = make(w)
        return w[key]

    return get


# --- records ------------------------------------------------------------------------------


def project(w: World, i: int, **values):
    """A project with the relations a list shows: a unit, a responsible person, a partner, a
    need, goals."""
    partner = make_partner(w, name_kk=f"Серіктес {i}", name_en=f"Partner {i}")
    need = published_need(w, title=f"Need for project {i}")
    made = make_project(
        w,
        title_kk=f"Жоба {i}",
        title_en=f"Project {i}",
        lead_unit=w["a_department"] if i % 2 else w["a_faculty"],
        relations={"responsible": [w["bob"]], "partners": [partner], "needs": [need]},
        **values,
    )
    project_services.add_participant(
        actor=w["alice"], project=made, user=w["dana"], role="volunteer", hours=2
    )
    return made


def public_project(w: World, i: int):
    return project(w, i, visibility="public")


def partner(w: World, i: int, **values):
    return make_partner(
        w,
        name_kk=f"Серіктес {i}",
        name_en=f"Partner {i}",
        units=[w["a_faculty"]],
        **values,
    )


def agreement(w: World, i: int):
    return make_agreement(
        w, partner(w, i), title_kk=f"Меморандум {i}", units=[w["a_faculty"], w["a_department"]]
    )


def opportunity(w: World, i: int, **values):
    made = make_opportunity(w, title_en=f"Opportunity {i}", unit=w["a_faculty"], **values)
    make_shift(w, made, in_hours=100 + 10 * i)
    return made


def sign_up(w: World, i: int):
    made = opportunity(w, i)
    shift = make_shift(w, made, in_hours=2000 + 10 * i)
    return volunteering_services.sign_up(student=w["dana"], shift=shift)


def logged_hours(w: World, i: int):
    made = make_opportunity(w, title_en=f"Hours {i}", unit=w["a_faculty"])
    _shift, (record,) = past_sign_ups(w, made)
    return volunteering_hours.log_hours(student=w["dana"], sign_up=record, hours="2")


def verified_hours(w: World, i: int):
    made = make_opportunity(w, title_en=f"Verified {i}", unit=w["a_faculty"])
    return hours_entry(w, made, hours="2")


def coverage(w: World, i: int):
    return record_coverage(w, published_need(w, title=f"Covered need {i}"), title=f"Headline {i}")


def study(w: World, i: int, **values):
    return make_study(
        w,
        title_kk=f"Зерттеу {i}",
        title_en=f"Study {i}",
        authors=[w["bob"]],
        units=[w["a_department"]],
        **values,
    )


def question(w: World, i: int):
    return make_question(w, question_en=f"Question {i}", question_kk=f"Сұрақ {i}")


def strategy(w: World, i: int):
    made = make_strategy(w, title_kk=f"Стратегия {i}", title_en=f"Strategy {i}")
    make_measure(w, make_goal(w, made), projects=[])
    return made


def measure(w: World, i: int):
    return make_measure(w, remember("_goal", lambda w: make_goal(w, make_strategy(w)))(w))


def notice(w: World, i: int):
    return Notice.objects.create(
        user=w["erin"], kind="needs.new", title=f"Need {i}", url="/", delivery="none"
    )


def council(w: World, i: int):
    return councils_services.save_council(
        actor=w["alice"],
        university=w["a"],
        values={
            "kind": "employers",
            "name_kk": f"Кеңес {i}",
            "name_en": f"Council {i}",
            "unit": w["a_faculty"],
            "secretary": w["bob"],
        },
    )


def meeting(w: World, i: int):
    return councils_services.save_meeting(
        actor=w["alice"],
        council=remember("_council", lambda w: council(w, 99))(w),
        values={"starts_at": timezone.now() + timedelta(days=7 + i), "place": f"Room {i}"},
        agenda={"kk": f"Күн тәртібі {i}", "ru": "", "en": f"Agenda {i}"},
    )


def decision(w: World, i: int):
    return councils_services.save_decision(
        actor=w["alice"],
        meeting=remember("_meeting", lambda w: meeting(w, 99))(w),
        values={
            "text_kk": f"Шешім {i}",
            "text_en": f"Decision {i}",
            "owner": w["bob"],
            "due_on": timezone.localdate() + timedelta(days=30),
        },
    )


def members(w: World) -> None:
    make_members(w, "a", "b")


def practice(w: World, i: int):
    return network_practices.publish_practice(
        actor=w["erin"],
        university=w["a"],
        values=practice_values(f"Practice {i}", visibility="public"),
        projects=[make_project(w, title_kk=f"Тәжірибе {i}", visibility="public")],
    )


def joint_project(w: World, i: int):
    return network_joint.create_joint_project(
        actor=w["erin"],
        lead_university=w["a"],
        values={"title_kk": f"Жоба {i}", "title_en": f"Joint {i}"},
        partners=[w["b"]],
    )


def conference(w: World, i: int):
    return make_conference(w, title_en=f"Conference {i}", is_public=True)


def university(w: World, i: int):
    with all_universities():
        made = University.objects.create(
            network=w["network"], slug=f"university-{i}", name_kk=f"Университет {i}"
        )
        make_unit(made, f"Faculty {i}", visibility="public")
    return made


def member_university(w: World, i: int):
    made = university(w, i)
    with all_universities():
        NetworkMembership.objects.create(
            network=w["network"], university=made, status=MembershipStatus.ACTIVE
        )
    return made


def membership(w: World, i: int):
    user = make_user(f"person{i}@example.kz", f"Person {i}")
    return grant_membership(
        actor=None, user=user, university=w["a"], role="staff", unit=w["a_department"]
    )


def report(w: World, i: int):
    return reports_services.request_report(
        actor=w["erin"],
        university=w["a"],
        kind="annual",
        period=f"{2010 + i}/{(11 + i) % 100:02}",  # the same request twice is one report
        language="en",
        format="pdf",
        unit=w["a_faculty"],
    )


def tagging_run(w: World, i: int):
    with university_scope(w["a"]):
        return TaggingRun.objects.create(
            university=w["a"],
            kinds=["projects.project"],
            status=RunStatus.DONE,
            total=1,
            done=1,
            requested_by=w["erin"],
        )


def local_target(w: World, i: int):
    with university_scope(w["a"]):
        return LocalTarget.objects.create(
            university=w["a"],
            target=SdgTarget.objects.get(code="7.2"),
            code=f"7.2.KZ-{i}",
            title_en=f"Local target {i}",
        )


def indicator(w: World, i: int, **values):
    with university_scope(w["a"]):
        return make_indicator(w["a"], code=f"A-{i}", name_en=f"Indicator {i}", **values)


def snapshot(w: World, i: int):
    with university_scope(w["a"]):
        return Snapshot.objects.create(
            university=w["a"],
            title=f"Snapshot {i}",
            period_type="academic_year",
            period="2025/26",
            taken_by=w["erin"],
        )


def pack(w: World, i: int):
    with university_scope(w["a"]):
        made = Pack.objects.create(university=w["a"], code=f"a-pack-{i}", name_en=f"Pack {i}")
        PackEntry.objects.create(pack=made, indicator=indicator(w, i), order=1)
    return made


def manual_value(w: World, i: int):
    with university_scope(w["a"]):
        return ManualValue.objects.create(
            university=w["a"],
            indicator=indicator(w, i),
            unit=w["a_faculty"],
            period="2025/26",
            value=Decimal(i),
            status="submitted",
            entered_by=w["cora"],
        )


def in_use(w: World, i: int):
    """An indicator of A in a pack A uses."""
    made = indicator(w, i)
    with university_scope(w["a"]):
        if "_pack" not in w:
            w["_pack"] = Pack.objects.create(university=w["a"], code="a-in-use", name_en="In use")
            PackActivation.objects.create(university=w["a"], pack=w["_pack"])
        PackEntry.objects.create(pack=w["_pack"], indicator=made, order=i + 1)
    return made


def published_value(w: World, i: int):
    made = value_in_use(w, i)
    with university_scope(w["a"]):
        IndicatorVisibility.objects.create(
            university=w["a"], indicator=made.indicator, visibility="public"
        )
    return made


def target(w: World, i: int):
    with university_scope(w["a"]):
        return Target.objects.create(
            university=w["a"], indicator=in_use(w, i), period="2025/26", value=10
        )


def value_in_use(w: World, i: int):
    with university_scope(w["a"]):
        return ManualValue.objects.create(
            university=w["a"],
            indicator=in_use(w, i),
            period="2025/26",
            value=Decimal(i),
            status="approved",
            entered_by=w["cora"],
        )


def assessment(w: World, i: int):
    with university_scope(w["a"]):
        return SelfAssessment.objects.create(
            university=w["a"], rubric="kef-pce", period=f"{2000 + i}/{(i + 1) % 100:02}"
        )


def contact(w: World, i: int):
    return partners_services.save_contact(
        actor=w["alice"],
        organisation=remember("_partner", lambda w: partner(w, 99))(w),
        values={"full_name": f"Contact {i}", "email": f"contact{i}@partner.kz"},
    )


def participant(w: World, i: int):
    user = make_user(f"student{i}@example.kz", f"Student {i}")
    grant_membership(actor=None, user=user, university=w["a"], role="student", unit=None)
    return project_services.add_participant(
        actor=w["alice"],
        project=remember("_project", lambda w: project(w, 99))(w),
        user=user,
        role="volunteer",
        hours=2,
    )


def project_update(w: World, i: int):
    return project_services.post_update(
        actor=w["alice"],
        project=remember("_project", lambda w: project(w, 99))(w),
        on=date(2026, 3, 5),
        title={"kk": f"Жаңалық {i}", "en": f"Update {i}"},
        photos=[],
    )


def shift(w: World, i: int):
    return make_shift(
        w, remember("_opportunity", lambda w: opportunity(w, 99))(w), in_hours=200 + 10 * i
    )


def assignment(w: World, i: int):
    person = make_user(f"lecturer{i}@example.kz", f"Lecturer {i}")
    grant_membership(
        actor=None, user=person, university=w["a"], role="staff", unit=w["a_department"]
    )
    return staff_services.create_assignment(
        actor=w["erin"],
        values={
            "person": person,
            "unit": w["a_department"],
            "position": remember("_position", lambda w: make_position(w))(w),
            "year": 2025,
        },
        lines=[
            {
                "function": make_function(w, name_kk=f"Функция {i}", name_en=f"Function {i}"),
                "planned_hours": Decimal(10),
            }
        ],
    )


def project_id(w: World) -> str:
    return str(remember("_project", lambda w: project(w, 99))(w).public_id)


# --- the lists ----------------------------------------------------------------------------

CASES: dict[str, Case] = {
    # HTML pages
    "notifications:inbox": Case(named("notifications:inbox"), "erin", notice),
    "partners:list": Case(named("partners:list"), "erin", partner),
    "partners:agreements": Case(named("partners:agreements"), "erin", agreement),
    "needs:list": Case(named("needs:list"), "erin", lambda w, i: published_need(w)),
    "needs:moderation": Case(
        named("needs:moderation"), "erin", lambda w, i: post_need(w["a"], poster=w["dana"])
    ),
    "projects:list": Case(named("projects:list"), "erin", project),
    "volunteering:list": Case(named("volunteering:list"), "erin", opportunity),
    "volunteering:mine": Case(named("volunteering:mine"), "dana", sign_up),
    "volunteering:my_hours": Case(named("volunteering:my_hours"), "dana", logged_hours),
    "volunteering:hours_queue": Case(named("volunteering:hours_queue"), "erin", logged_hours),
    "volunteering:programmes": Case(
        named("volunteering:programmes"),
        "erin",
        lambda w, i: make_programme(w, code=f"6B{i:02}", name_en=f"Programme {i}"),
    ),
    "volunteering:certificates": Case(named("volunteering:certificates"), "dana", verified_hours),
    "research:list": Case(named("research:list"), "erin", study),
    "research:questions": Case(named("research:questions"), "erin", question),
    "coverage:list": Case(named("coverage:list"), "erin", coverage),
    "staff:functions": Case(
        named("staff:functions"),
        "erin",
        lambda w, i: make_function(w, name_kk=f"Функция {i}", name_en=f"Function {i}"),
    ),
    "staff:positions": Case(
        named("staff:positions"),
        "erin",
        lambda w, i: make_position(w, name_kk=f"Лауазым {i}", name_en=f"Position {i}"),
    ),
    "strategy:list": Case(named("strategy:list"), "erin", strategy),
    "accounts:audit": Case(named("accounts:audit"), "alice", partner),
    # portal
    "portal:projects": Case(named("portal:projects", slug=a_slug), None, public_project),
    "portal:needs": Case(named("portal:needs", slug=a_slug), None, lambda w, i: published_need(w)),
    "portal:opportunities": Case(
        named("portal:opportunities", slug=a_slug),
        None,
        lambda w, i: opportunity(w, i, visibility="public"),
    ),
    "portal:partners": Case(
        named("portal:partners", slug=a_slug),
        None,
        lambda w, i: partner(w, i, visibility="public"),
    ),
    "portal:studies": Case(
        named("portal:studies", slug=a_slug), None, lambda w, i: study(w, i, visibility="public")
    ),
    "organisations:universities": Case(named("organisations:universities"), "erin", university),
    "councils:list": Case(named("councils:list"), "erin", council),
    "councils:decisions": Case(named("councils:decisions"), "erin", decision),
    "indicators:snapshots": Case(named("indicators:snapshots"), "erin", snapshot),
    "indicators:packs": Case(named("indicators:packs"), "erin", pack),
    "indicators:entries": Case(named("indicators:entries"), "erin", manual_value),
    "indicators:assessments": Case(named("indicators:assessments"), "erin", assessment),
    "network:members": Case(named("network:members"), "nora", member_university),
    "network:practices": Case(named("network:practices"), "erin", practice, members),
    "network:joint_projects": Case(named("network:joint_projects"), "erin", joint_project, members),
    "network:conferences": Case(named("network:conferences"), "erin", conference, members),
    "reports:list": Case(named("reports:list"), "erin", report),
    "sdg:runs": Case(named("sdg:runs"), "erin", tagging_run),
    "sdg:local_targets": Case(named("sdg:local_targets"), "erin", local_target),
    "portal:network_practices": Case(named("portal:network_practices"), None, practice, members),
    "portal:indicators": Case(
        named("portal:indicators", slug=a_slug), None, lambda w, i: published_value(w, i)
    ),
    # API lists
    "list_universities": Case(fixed("/api/v1/universities"), "erin", university),
    "list_units": Case(
        lambda w: f"/api/v1/universities/{w['a'].slug}/units",
        "erin",
        lambda w, i: make_unit(w["a"], f"Unit {i}", parent=w["a_faculty"]),
    ),
    "list_memberships": Case(fixed("/api/v1/memberships"), "alice", membership),
    "list_partner_contacts": Case(
        lambda w: (
            "/api/v1/partners/"
            f"{remember('_partner', lambda w: partner(w, 99))(w).public_id}/contacts"
        ),
        "erin",
        contact,
    ),
    "list_project_participants": Case(
        lambda w: f"/api/v1/projects/{project_id(w)}/participants", "erin", participant
    ),
    "list_project_updates": Case(
        lambda w: f"/api/v1/projects/{project_id(w)}/updates", "erin", project_update
    ),
    "list_opportunity_shifts": Case(
        lambda w: (
            "/api/v1/volunteering/opportunities/"
            f"{remember('_opportunity', lambda w: opportunity(w, 99))(w).public_id}/shifts"
        ),
        "erin",
        shift,
    ),
    "list_councils": Case(fixed("/api/v1/councils"), "erin", council),
    "list_council_meetings": Case(
        lambda w: (
            f"/api/v1/councils/{remember('_council', lambda w: council(w, 99))(w).public_id}"
            "/meetings"
        ),
        "erin",
        meeting,
    ),
    "list_decisions": Case(fixed("/api/v1/decisions"), "erin", decision),
    "list_staff_assignments": Case(fixed("/api/v1/staff/assignments"), "erin", assignment),
    "list_indicators": Case(fixed("/api/v1/indicators"), "erin", indicator),
    "list_indicator_packs": Case(fixed("/api/v1/indicator-packs"), "erin", pack),
    "list_indicator_values": Case(
        fixed("/api/v1/indicator-values?university=aqtobe-tech&year=2025"), "erin", value_in_use
    ),
    "list_indicator_targets": Case(
        fixed("/api/v1/indicator-targets?university=aqtobe-tech&year=2025"), "erin", target
    ),
    "list_partners": Case(fixed("/api/v1/partners"), "erin", partner),
    "list_agreements": Case(fixed("/api/v1/agreements"), "erin", agreement),
    "list_needs": Case(fixed("/api/v1/needs"), "erin", lambda w, i: published_need(w)),
    "list_projects": Case(fixed("/api/v1/projects"), "erin", project),
    "list_opportunities": Case(fixed("/api/v1/volunteering/opportunities"), "erin", opportunity),
    "list_my_sign_ups": Case(fixed("/api/v1/volunteering/sign-ups/mine"), "dana", sign_up),
    "list_my_hours": Case(fixed("/api/v1/volunteering/hours/mine"), "dana", logged_hours),
    "list_hours_queue": Case(fixed("/api/v1/volunteering/hours/queue"), "erin", logged_hours),
    "list_studies": Case(fixed("/api/v1/studies"), "erin", study),
    "list_questions": Case(fixed("/api/v1/research-questions"), "erin", question),
    "list_coverage": Case(fixed("/api/v1/coverage"), "erin", coverage),
    "list_staff_functions": Case(
        fixed("/api/v1/staff/functions"),
        "erin",
        lambda w, i: make_function(w, name_kk=f"Функция {i}", name_en=f"Function {i}"),
    ),
    "list_strategies": Case(fixed("/api/v1/strategies"), "erin", strategy),
    "list_measures": Case(fixed("/api/v1/strategy-measures"), "erin", measure),
}

# List-like URLs that are not lists of records, with the reason.
NOT_LISTS: dict[str, str] = {
    "notifications:preferences": "a settings form",
    "volunteering:my_progress": "one student's progress per course, bounded by the catalogue",
    "portal:network_feed_rss": "a feed: the same items as the portal lists",
    "portal:network_answered_feed_rss": "a feed: the same items as the portal lists",
    "portal:feed_rss": "a feed: the same items as the portal lists",
    "portal:answered_feed_rss": "a feed: the same items as the portal lists",
}

# Lists classified but not measured yet (issue 11 follow-up): their records are network
# benchmarks, built from shared packs and approved values of several member universities.
NOT_YET_MEASURED: dict[str, str] = {
    "network:benchmarks": "benchmarks of shared packs: records span member universities",
    "network:packs": "packs shared with the network",
    "portal:benchmarks": "public benchmarks of shared packs",
    "list_benchmarks": "benchmarks of shared packs",
}

# --- discovery ----------------------------------------------------------------------------

LIST_LIKE = re.compile(r"(list|s)$")
LIST_VIEW = re.compile(r"list|queue|inbox")


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in {"admin", "api-v1"}:
                continue
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _walk(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", entry


def html_list_like() -> set[str]:
    """Pages of no record (no URL argument but a university's slug) whose URL name or view
    reads like a list."""
    found = set()
    for name, entry in _walk(get_resolver().url_patterns):
        arguments = set(entry.pattern.regex.groupindex)
        if arguments - {"slug"}:
            continue
        view = getattr(entry.callback, "__name__", "")
        if LIST_LIKE.search(name.split(":")[-1]) or LIST_VIEW.search(view):
            found.add(name)
    return found


def api_get_operations() -> dict[str, str]:
    """Every GET operation of the API: its function's name -> its path."""
    found = {}
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                if "GET" in operation.methods:
                    found[operation.view_func.__name__] = path
    return found


def api_list_like() -> set[str]:
    """GET operations that are not one record's (get_…) nor one person's figures."""
    return {
        name
        for name in api_get_operations()
        if not name.startswith("get_") and name not in API_SINGLE_RECORDS
    }


# GET operations that answer one record or one summary, not a list.
API_SINGLE_RECORDS = {"my_staff_activity", "benchmark"}


def test_every_list_url_is_classified():
    listed = set(CASES) | set(NOT_LISTS) | set(NOT_YET_MEASURED)
    html = html_list_like()
    apis = api_list_like()
    assert sorted(html - listed) == []
    assert sorted(apis - listed) == []
    assert sorted(set(CASES) - html - apis) == [
        name for name in sorted(CASES) if name in EXTRA_PAGES
    ]
    print(f"query counts guard {len(CASES)} lists ({len(html & set(CASES))} pages)")


# Lists measured though their names do not read like lists.
EXTRA_PAGES = {"needs:moderation", "volunteering:mine", "accounts:audit"}


# --- the measurement ----------------------------------------------------------------------


def _count(client, url: str) -> tuple[int, list[str], int]:
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return (
        len(captured),
        [query["sql"] for query in captured.captured_queries],
        len(response.content),
    )


def _measure(world, client_for, name: str) -> tuple[int, int, list[str], list[str]]:
    case = CASES[name]
    if case.setup:
        case.setup(world)
    for i in range(FEW):
        case.make(world, i)
    client = client_for(world[case.persona] if case.persona else None)
    url = case.url(world)
    # Each count follows a first reading, so what a first visit does once (a session, content
    # types, marking notices read) is not counted as a row's.
    client.get(url)
    few, few_sql, few_size = _count(client, url)
    for i in range(FEW, MANY):
        case.make(world, i)
    client.get(url)
    many, many_sql, many_size = _count(client, url)
    # The list shows the records: ten more rows make a longer answer.
    assert many_size > few_size, (name, few_size, many_size)
    return few, many, few_sql, many_sql


def _shapes(queries: list[str]) -> Counter:
    """The queries without their values, counted: what the many-records reading repeats."""
    return Counter(re.sub(r"'[^']*'|\b\d+\b", "?", sql)[:300] for sql in queries)


@pytest.mark.parametrize("name", sorted(CASES))
def test_list_answers_without_a_query_per_row(world, client_for, name):
    few, many, few_sql, many_sql = _measure(world, client_for, name)
    extra = list((_shapes(many_sql) - _shapes(few_sql)).elements())[:3]
    assert few == many, f"{name}: {few} queries for {FEW} records, {many} for {MANY}: {extra}"
