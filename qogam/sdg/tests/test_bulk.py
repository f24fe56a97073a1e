"""Bulk SDG tagging: runs in the background, their progress, and the review queue."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qogam.core.tenancy import all_universities, university_scope
from qogam.needs.tests.factories import post_need
from qogam.projects.models import Project
from qogam.projects.tests.factories import make_project
from qogam.sdg import bulk, tagger
from qogam.sdg.enums import RunStatus, TagSource, TagStatus
from qogam.sdg.models import RecordGoal, TaggingRun

SOLAR = "Solar panels and energy efficiency for rural schools: renewable energy"
WATER = "Clean drinking water and sanitation for villages; wastewater treatment"
HUNGER = "Ending hunger and improving food security and nutrition for smallholder farmers"
BOTH = (
    "Renewable solar energy for clean water pumping and sanitation in villages: "
    "energy efficiency, wastewater treatment, drinking water"
)
WEAK = "Repairing playgrounds with residents and students, a safe place for children"


def project(world, text: str, *, sdgs=(), actor="erin", unit="a_faculty", **values):
    return make_project(
        world,
        actor,
        lead_unit=world[unit],
        title_kk=text[:60],
        title_ru="",
        title_en=text[:60],
        description_en=text,
        sdgs=list(sdgs),
        **values,
    )


@pytest.fixture
def run_now(world, django_capture_on_commit_callbacks):
    """`run_now(actor="erin", kinds=..., only_untagged=True, university="a")`: start a run as
    the person would; once committed, the immediate task backend runs it."""

    def start(actor="erin", *, kinds=None, only_untagged=True, university="a"):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            run, created = bulk.start_tagging_run(
                actor=world[actor],
                university=world[university],
                kinds=kinds or ["projects.project"],
                only_untagged=only_untagged,
            )
        assert created and len(callbacks) == 1
        return run

    return start


def rows_of(record) -> dict[int, RecordGoal]:
    with all_universities():
        rows = RecordGoal.objects.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )
        return {row.goal: row for row in rows}


def fresh(run) -> TaggingRun:
    with all_universities():
        return TaggingRun.objects.get(pk=run.pk)


def test_run_started_by_the_office_suggests_for_own_records_only(
    world, client_for, django_capture_on_commit_callbacks
):
    solar = project(world, SOLAR)
    water = project(world, WATER)
    b_solar = project(world, SOLAR, actor="charlie", unit="b_public")
    client = client_for(world["erin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/sdg/runs/",
            {"kinds": ["projects.project", "needs.need"], "only_untagged": "on"},
        )
    with all_universities():
        run = TaggingRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == run.get_absolute_url()
    assert run.university_id == world["a"].pk
    assert run.requested_by == world["erin"]
    assert run.kinds == ["projects.project", "needs.need"]
    assert (run.status, run.total, run.done) == (RunStatus.DONE, 2, 2)
    assert run.started_at is not None and run.finished_at is not None
    assert sorted(rows_of(solar)) == [7]
    assert sorted(rows_of(water)) == [6]
    assert rows_of(b_solar) == {}
    assert run.suggested == 2
    row = rows_of(solar)[7]
    assert (row.status, row.source, row.language) == (
        TagStatus.SUGGESTED,
        TagSource.SUGGESTION,
        "en",
    )
    assert row.university_id == world["a"].pk
    assert row.score > tagger.CONFIDENT
    assert "solar panels" in row.evidence["terms"]
    assert row.evidence["model_probability"] > 0
    # The record itself is unchanged until someone accepts.
    with all_universities():
        assert Project.objects.get(pk=solar.pk).sdgs == []
    page = client.get(run.get_absolute_url())
    assert page.status_code == 200
    body = page.content.decode()
    assert "2 of 2 records read" in body
    assert 'hx-trigger="every 2s"' not in body
    assert reverse("sdg:review") in body


def test_run_skips_goals_on_the_record_and_rejected_ones(world, run_now):
    # The tagger suggests 6 and 7 for this text.
    carries_seven = project(world, BOTH, sdgs=[7])
    rejected_six = project(world, BOTH)
    with all_universities():
        RecordGoal.objects.create(
            university=world["a"],
            content_type=ContentType.objects.get_for_model(Project),
            object_id=rejected_six.pk,
            goal=6,
            status=TagStatus.REJECTED,
            source=TagSource.SUGGESTION,
            decided_by=world["erin"],
        )
    run = run_now(only_untagged=False)
    assert sorted(rows_of(carries_seven)) == [6]
    assert rows_of(carries_seven)[6].status == TagStatus.SUGGESTED
    assert sorted(rows_of(rejected_six)) == [6, 7]
    assert rows_of(rejected_six)[6].status == TagStatus.REJECTED
    assert rows_of(rejected_six)[7].status == TagStatus.SUGGESTED
    assert fresh(run).suggested == 2
    # A second run suggests nothing already waiting.
    again = run_now(only_untagged=False)
    assert (fresh(again).status, fresh(again).suggested) == (RunStatus.DONE, 0)


def test_run_only_untagged_leaves_tagged_records_unread(world, run_now):
    project(world, SOLAR, sdgs=[4])
    untagged = project(world, WATER)
    run = fresh(run_now())
    assert (run.total, run.done) == (1, 1)
    assert sorted(rows_of(untagged)) == [6]


def test_run_counts_unreadable_texts_as_read(world, run_now):
    unreadable = project(world, "12345 67890 111")
    greek = project(world, "Λόρεμ ίψουμ δολορ σιτ αμετ")
    solar = project(world, SOLAR)
    run = fresh(run_now())
    assert (run.status, run.total, run.done, run.suggested) == (RunStatus.DONE, 3, 3, 1)
    assert rows_of(unreadable) == {} and rows_of(greek) == {}
    assert sorted(rows_of(solar)) == [7]


def test_run_progress_is_recorded_batch_by_batch(world, monkeypatch, run_now):
    monkeypatch.setattr(bulk, "BATCH_SIZE", 2)
    records = [project(world, text) for text in (SOLAR, WATER, HUNGER, SOLAR, WATER)]
    seen = []
    real_tag = tagger.tag

    def tag_and_watch(text):
        # What the run's page would read while the run goes on.
        with all_universities():
            seen.append(TaggingRun.objects.values_list("done", "total").get())
        return real_tag(text)

    monkeypatch.setattr(tagger, "tag", tag_and_watch)
    run = fresh(run_now())
    assert (run.status, run.total, run.done, run.progress) == (RunStatus.DONE, 5, 5, 100)
    assert seen == [(0, 5), (0, 5), (2, 5), (2, 5), (4, 5)]
    assert run.suggested == sum(len(rows_of(r)) for r in records) == 5


def test_run_failure_marks_it_failed_and_keeps_whole_batches(world, monkeypatch, run_now):
    monkeypatch.setattr(bulk, "BATCH_SIZE", 2)
    records = [project(world, text) for text in (SOLAR, WATER, HUNGER, SOLAR)]
    calls = []
    real_tag = tagger.tag

    def tag_then_break(text):
        calls.append(text)
        if len(calls) == 4:
            raise RuntimeError("The tagger's model file is unreadable")
        return real_tag(text)

    monkeypatch.setattr(tagger, "tag", tag_then_break)
    run = fresh(run_now())
    assert run.status == RunStatus.FAILED
    assert run.error == "The tagger's model file is unreadable"
    assert run.finished_at is not None
    # The first batch is kept whole; the second, broken half-way, wrote nothing.
    assert (run.total, run.done, run.suggested) == (4, 2, 2)
    assert [sorted(rows_of(r)) for r in records] == [[7], [6], [], []]


def test_second_run_while_one_runs_returns_the_running_one(world, client_for, run_now):
    with university_scope(world["a"]):
        running = TaggingRun.objects.create(
            university=world["a"],
            kinds=["projects.project"],
            status=RunStatus.RUNNING,
            requested_by=world["alice"],
        )
    client = client_for(world["erin"])
    response = client.post("/en/sdg/runs/", {"kinds": ["projects.project"]}, follow=True)
    assert response.redirect_chain == [(running.get_absolute_url(), 302)]
    assert "A run is already under way" in response.content.decode()
    with all_universities():
        assert TaggingRun.objects.count() == 1
    # B's office is not held up by A's run.
    b_run = run_now("charlie", university="b")
    assert fresh(b_run).status == RunStatus.DONE


def test_run_form_bad_input_is_refused_with_a_message(world, client_for):
    client = client_for(world["erin"])
    response = client.post("/en/sdg/runs/", {"kinds": ["auth.user"]})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    response = client.post("/en/sdg/runs/", {})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    with all_universities():
        assert TaggingRun.objects.count() == 0


def test_run_list_offers_every_kind_ticked_and_lists_runs(world, client_for, run_now):
    run = run_now()
    response = client_for(world["alice"]).get("/en/sdg/runs/")
    body = response.content.decode()
    assert response.status_code == 200
    for key in ("projects.project", "needs.need", "research.study", "network.goodpractice"):
        assert f'value="{key}"' in body
    assert body.count('name="kinds"') == body.count('name="kinds" value') >= 6
    assert body.count("checked") >= 7  # every kind and "only records without goals"
    assert run.get_absolute_url() in body
    assert "Erin" in body


def test_run_progress_partial_polls_while_running(world, client_for, run_now):
    with university_scope(world["a"]):
        run = TaggingRun.objects.create(
            university=world["a"], kinds=["projects.project"], status=RunStatus.RUNNING, total=8
        )
        TaggingRun.objects.filter(pk=run.pk).update(done=2)
    client = client_for(world["erin"])
    url = reverse("sdg:run_progress", kwargs={"public_id": run.public_id})
    body = client.get(url).content.decode()
    assert 'hx-trigger="every 2s"' in body
    assert f'hx-get="{url}"' in body
    assert 'value="25"' in body
    assert "2 of 8 records read" in body
    with all_universities():
        TaggingRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, error="Disk full", done=2
        )
    body = client.get(url).content.decode()
    assert 'hx-trigger="every 2s"' not in body
    assert "Disk full" in body


def _one_suggestion(world, run_now, text=SOLAR):
    record = project(world, text)
    run_now()
    (row,) = rows_of(record).values()
    return record, row


def test_accept_adds_the_goal_and_stores_who_and_when(world, client_for, run_now):
    record, row = _one_suggestion(world, run_now)
    client = client_for(world["erin"])
    response = client.post(
        reverse("sdg:decide", kwargs={"public_id": row.public_id}),
        {"decision": "accept", "next": "/en/sdg/review/?goal=7"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/sdg/review/?goal=7"
    with all_universities():
        assert Project.objects.get(pk=record.pk).sdgs == [7]
        row.refresh_from_db()
    assert (row.status, row.source, row.decided_by) == (
        TagStatus.ACCEPTED,
        TagSource.SUGGESTION,
        world["erin"],
    )
    assert row.decided_at is not None


def test_reject_is_remembered_and_not_suggested_again(world, client_for, run_now):
    record, row = _one_suggestion(world, run_now)
    client = client_for(world["erin"])
    response = client.post(
        reverse("sdg:decide", kwargs={"public_id": row.public_id}),
        {"decision": "reject", "next": "https://evil.example/"},
        follow=True,
    )
    assert response.redirect_chain == [("/en/sdg/review/", 302)]
    assert "it will not be made again" in response.content.decode()
    assert rows_of(record)[7].status == TagStatus.REJECTED
    with all_universities():
        assert Project.objects.get(pk=record.pk).sdgs == []
    again = fresh(run_now())
    assert (again.done, again.suggested) == (1, 0)
    assert list(rows_of(record)) == [7]


def test_deciding_twice_gives_a_message_not_an_error(world, client_for, run_now):
    _record, row = _one_suggestion(world, run_now)
    client = client_for(world["erin"])
    url = reverse("sdg:decide", kwargs={"public_id": row.public_id})
    client.post(url, {"decision": "accept"})
    response = client.post(url, {"decision": "reject"}, follow=True)
    assert response.status_code == 200
    assert "This suggestion has already been decided." in response.content.decode()
    row.refresh_from_db()
    assert row.status == TagStatus.ACCEPTED
    # With htmx, the row comes back with the message in it.
    response = client.post(url, {"decision": "reject"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "This suggestion has already been decided." in body
    assert f'id="suggestion-{row.public_id}"' in body
    assert "Accepted: the goal is on the record." in body
    response = client.post(url, {"decision": "maybe"}, follow=True)
    assert "Choose whether to accept or reject" in response.content.decode()


def test_decide_with_htmx_swaps_the_decided_row(world, client_for, run_now):
    record, row = _one_suggestion(world, run_now)
    response = client_for(world["alice"]).post(
        reverse("sdg:decide", kwargs={"public_id": row.public_id}),
        {"decision": "accept"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(
        f'<li class="review-suggestion" id="suggestion-{row.public_id}"'
    )
    assert "Accepted: the goal is on the record." in body
    assert 'name="decision"' not in body
    with all_universities():
        assert Project.objects.get(pk=record.pk).sdgs == [7]


def test_foreign_university_cannot_see_or_decide(world, client_for, run_now):
    record, row = _one_suggestion(world, run_now)
    with all_universities():
        run = TaggingRun.objects.get()
    client = client_for(world["charlie"])
    url = reverse("sdg:decide", kwargs={"public_id": row.public_id})
    assert client.post(url, {"decision": "accept"}).status_code == 404
    assert client.get(run.get_absolute_url()).status_code == 404
    progress = reverse("sdg:run_progress", kwargs={"public_id": run.public_id})
    assert client.get(progress).status_code == 404
    # charlie's own queue and runs list show none of A's.
    body = client.get("/en/sdg/review/").content.decode()
    assert str(record) not in body and "No suggestion is waiting" in body
    assert run.get_absolute_url() not in client.get("/en/sdg/runs/").content.decode()
    # ?university= cannot point at a university where charlie has no office role.
    body = client.get("/en/sdg/review/?university=aqtobe-tech").content.decode()
    assert str(record) not in body
    assert rows_of(record)[7].status == TagStatus.SUGGESTED


@pytest.mark.parametrize("persona", ["bob", "dana", "pavel", "cora"])
def test_people_without_the_office_role_are_refused(world, client_for, persona, run_now):
    _record, row = _one_suggestion(world, run_now)
    with all_universities():
        run = TaggingRun.objects.get()
    client = client_for(world[persona])
    assert client.get("/en/sdg/runs/").status_code == 403
    assert client.post("/en/sdg/runs/", {"kinds": ["projects.project"]}).status_code == 403
    assert client.get("/en/sdg/review/").status_code == 403
    assert client.get(run.get_absolute_url()).status_code == 404
    url = reverse("sdg:decide", kwargs={"public_id": row.public_id})
    assert client.post(url, {"decision": "accept"}).status_code == 404
    assert rows_of(_record)[7].status == TagStatus.SUGGESTED
    with all_universities():
        assert TaggingRun.objects.count() == 1


def test_anonymous_is_sent_to_sign_in(world, client):
    for url in ("/en/sdg/runs/", "/en/sdg/review/"):
        response = client.get(url)
        assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_review_shows_records_with_their_evidence_and_filters(world, client_for, run_now):
    solar = project(world, SOLAR)
    weak = project(world, WEAK)
    need = post_need(world["a"], poster=world["bob"], title=WATER, description=WATER, sdgs=[])
    run_now(kinds=["projects.project", "needs.need"])
    client = client_for(world["erin"])
    body = client.get("/en/sdg/review/").content.decode()
    assert solar.get_absolute_url() in body and need.get_absolute_url() in body
    assert weak.get_absolute_url() in body
    assert "Community needs" in body and "Projects" in body
    assert "SDG 7: Affordable and clean energy" in body
    assert "solar panels" in body and "Model probability" in body
    # Only the weak suggestion is marked.
    assert [r.score < tagger.CONFIDENT for r in rows_of(weak).values()] == [True]
    assert [r.score < tagger.CONFIDENT for r in rows_of(solar).values()] == [False]
    assert body.count("low confidence") == 1
    assert "3 records with waiting suggestions" in body
    only_needs = client.get("/en/sdg/review/?kind=needs.need").content.decode()
    assert need.get_absolute_url() in only_needs
    assert solar.get_absolute_url() not in only_needs
    only_seven = client.get("/en/sdg/review/?goal=7").content.decode()
    assert solar.get_absolute_url() in only_seven
    assert need.get_absolute_url() not in only_seven
    assert weak.get_absolute_url() not in only_seven


def _review_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/sdg/review/")
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_review_page_query_count_does_not_grow_with_the_page(world, client_for, run_now):
    project(world, SOLAR)
    post_need(world["a"], poster=world["bob"], title=WATER, description=WATER, sdgs=[])
    run_now(kinds=["projects.project", "needs.need"])
    client = client_for(world["erin"])
    _review_queries(client)  # warm caches (content types, the session)
    few, _body = _review_queries(client)
    for text in [SOLAR, WATER, HUNGER] * 8:
        project(world, text)
    for _n in range(4):
        post_need(world["a"], poster=world["bob"], title=WATER, description=WATER, sdgs=[])
    run_now(kinds=["projects.project", "needs.need"])
    many, body = _review_queries(client)
    assert body.count('class="review-record"') == 20
    assert many == few
    assert many <= 16
