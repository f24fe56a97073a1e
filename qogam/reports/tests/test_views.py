import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qogam.core.tenancy import university_scope
from qogam.reports.enums import ReportStatus
from qogam.reports.models import Report
from qogam.reports.tests.records import sdg_records
from qogam.reports.tests.sweep import a_report


def _queued(world, **changes) -> Report:
    values = {
        "university": world["a"],
        "kind": "evidence_pack",
        "period": "2025/26",
        "language": "en",
        "format": "zip",
        "sdgs": [4],
        "requested_by": world["erin"],
    }
    values.update(changes)
    with university_scope(world["a"]):
        return Report.objects.create(**values)


def test_list_shows_university_reports_newest_first(world, client_for):
    done = a_report(world)
    queued = _queued(world, title="Second pack")
    body = client_for(world["bob"]).get(reverse("reports:list")).content.decode()
    assert body.index("Second pack") < body.index("A Department of Physics evidence")
    assert "Alice" in body and "Erin" in body
    assert reverse("reports:download", kwargs={"public_id": done.public_id}) in body
    assert reverse("reports:download", kwargs={"public_id": queued.public_id}) not in body
    assert "Waiting to start" in body


def test_list_filters_by_kind(world, client_for):
    a_report(world)
    _queued(world, kind="annual", format="pdf", sdgs=[], title="Annual 2025/26")
    body = client_for(world["bob"]).get(reverse("reports:list"), {"kind": "annual"}).content
    assert b"Annual 2025/26" in body
    assert b"A Department of Physics evidence" not in body


def test_list_other_university_sees_none_of_a(world, client_for):
    a_report(world)
    response = client_for(world["charlie"]).get(reverse("reports:list"))
    assert response.status_code == 200
    assert b"A Department of Physics evidence" not in response.content
    assert b"No report has been generated yet." in response.content


def test_list_refused_to_students_and_partners(world, client_for):
    for persona in ("dana", "pavel"):
        assert client_for(world[persona]).get(reverse("reports:list")).status_code == 403


def test_list_query_count_does_not_grow_with_reports(world, client_for):
    client = client_for(world["erin"])
    _queued(world)
    client.get(reverse("reports:list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("reports:list"))
    for number in range(8):
        _queued(world, title=f"Pack {number}", requested_by=world["cora"], unit=world["a_faculty"])
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("reports:list"))
    assert response.status_code == 200
    assert len(many) == len(few)


def test_detail_polls_while_queued(world, client_for):
    report = _queued(world)
    url = report.get_absolute_url()
    body = client_for(world["bob"]).get(url).content.decode()
    assert f'hx-get="{url}" hx-trigger="every 2s" hx-swap="outerHTML"' in body
    assert '<progress max="100" value="0"' in body
    assert "<script>" not in body and "style=" not in body


def test_detail_partial_stops_polling_when_done(world, client_for):
    report = a_report(world)
    response = client_for(world["bob"]).get(report.get_absolute_url(), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.startswith('<div id="report-progress" class="report-progress">')
    assert "hx-trigger" not in body
    assert "<html" not in body
    assert reverse("reports:download", kwargs={"public_id": report.public_id}) in body
    assert '<progress max="100" value="100"' in body


def test_detail_failed_says_why(world, client_for):
    report = _queued(world, status=ReportStatus.FAILED, error="The periods module refused it.")
    body = client_for(world["bob"]).get(report.get_absolute_url()).content.decode()
    assert "The report could not be generated." in body
    assert "The periods module refused it." in body
    assert "hx-trigger" not in body


def test_detail_language_fallback_is_shown(world, client_for):
    report = a_report(world)
    with university_scope(world["a"]):
        Report.objects.filter(pk=report.pk).update(language="kk", language_used="ru")
    body = client_for(world["bob"]).get(report.get_absolute_url()).content.decode()
    assert (
        "Asked in Kazakh, written in Russian: the interface translations of Kazakh are missing."
        in body
    )


def test_download_headers(world, client_for):
    report = a_report(world)
    response = client_for(world["bob"]).get(
        reverse("reports:download", kwargs={"public_id": report.public_id})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="pack.zip"'
    assert b"".join(response.streaming_content) == b"PK\x05\x06" + b"\x00" * 18


def test_download_of_unfinished_report_is_404(world, client_for):
    report = _queued(world)
    url = reverse("reports:download", kwargs={"public_id": report.public_id})
    assert client_for(world["alice"]).get(url).status_code == 404


@pytest.mark.parametrize("persona", ["charlie", "bianca", "pavel", "dana"])
def test_detail_and_download_hidden_from_others(world, client_for, persona):
    report = a_report(world)
    client = client_for(world[persona])
    for name in ("reports:detail", "reports:download"):
        url = reverse(name, kwargs={"public_id": report.public_id})
        assert client.get(url).status_code == 404


def test_create_form_proposes_latest_snapshot(world, client_for):
    snapshot = sdg_records(world)["snapshot"]
    body = client_for(world["erin"]).get(reverse("reports:create"), {"period": "2025/26"})
    text = body.content.decode()
    assert f'<option value="{snapshot.pk}" selected>' in text
    assert '<option value="kk"' in text and '<option value="ru"' in text
    assert '<option value="en"' in text


def test_create_posts_and_redirects_to_report(
    world, client_for, django_capture_on_commit_callbacks
):
    sdg_records(world)
    client = client_for(world["erin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:create"),
            {
                "kind": "evidence_pack",
                "period": "2025/26",
                "language": "en",
                "format": "zip",
                "sdgs": ["4"],
                "snapshot": "",
                "unit": "",
            },
        )
    with university_scope(world["a"]):
        report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == report.get_absolute_url()
    assert report.status == ReportStatus.DONE


def test_create_shows_service_errors_on_fields(world, client_for):
    response = client_for(world["erin"]).post(
        reverse("reports:create"),
        {"kind": "evidence_pack", "period": "2025/26", "language": "en", "format": "pdf"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "format": ["The Evidence pack for a ranking is made as ZIP."],
        "sdgs": ["Choose at least one Sustainable Development Goal."],
    }


def test_create_refused_to_staff(world, client_for):
    assert client_for(world["bob"]).get(reverse("reports:create")).status_code == 403


def test_regenerate_and_delete_by_office(world, client_for, django_capture_on_commit_callbacks):
    sdg_records(world)
    report = a_report(world)
    client = client_for(world["erin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:regenerate", kwargs={"public_id": report.public_id})
        )
    with university_scope(world["a"]):
        again = Report.objects.exclude(pk=report.pk).get()
    assert response["Location"] == again.get_absolute_url()
    assert (again.unit, again.sdgs, again.status) == (world["a_department"], [4], "done")
    url = reverse("reports:delete", kwargs={"public_id": report.public_id})
    assert client_for(world["bob"]).post(url).status_code == 403
    assert client_for(world["erin"]).get(url).status_code == 405
    response = client_for(world["erin"]).post(url)
    assert response.status_code == 302
    with university_scope(world["a"]):
        assert list(Report.objects.values_list("pk", flat=True)) == [again.pk]


def test_nav_shows_reports_to_staff_only(world, client_for):
    assert b'data-nav="reports"' in client_for(world["bob"]).get("/en/").content
    assert b'data-nav="reports"' not in client_for(world["dana"]).get("/en/").content


def test_admin_hides_a_report_from_other_university(world, client_for):
    report = a_report(world)
    url = reverse("admin:reports_report_change", args=[report.pk])
    assert client_for(world["charlie"]).get(url).status_code in {403, 404}
    assert client_for(world["alice"]).get(url).status_code == 200
