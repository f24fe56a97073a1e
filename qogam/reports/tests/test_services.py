import logging

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage

from qogam.core.tenancy import all_universities, university_scope
from qogam.reports import services
from qogam.reports.enums import ReportStatus
from qogam.reports.models import Report
from qogam.reports.tests.records import sdg_records


def _pack(world, actor, **changes):
    values = {
        "actor": actor,
        "university": world["a"],
        "kind": "evidence_pack",
        "period": "2025/26",
        "language": "en",
        "format": "zip",
        "sdgs": [4],
    }
    values.update(changes)
    return services.request_report(**values)


def _errors(excinfo) -> dict:
    return {field: list(messages) for field, messages in excinfo.value.message_dict.items()}


def test_request_report_queues_and_runs_with_immediate_backend(
    world, django_capture_on_commit_callbacks
):
    sdg_records(world)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = _pack(world, world["erin"], sdgs=[17, 4, 4])
    assert len(callbacks) == 1
    with university_scope(world["a"]):
        report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    assert report.progress == 100
    assert report.sdgs == [4, 17]
    assert report.requested_by == world["erin"]
    assert report.title == "Evidence pack, SDG 4, 17, 2025/26"
    assert report.language_used == "en"
    assert report.started_at is not None and report.finished_at >= report.started_at
    assert report.file.name.endswith("/evidence-pack-aqtobe-tech-2025-26-sdg-4-17.zip")
    assert report.size == default_storage.size(report.file.name)


def test_request_report_before_commit_is_queued(world):
    sdg_records(world)
    report = _pack(world, world["erin"])
    assert report.status == ReportStatus.QUEUED
    assert report.progress == 0
    assert not report.file


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"kind": "yearbook"}, "kind", "Choose the kind of report."),
        ({"format": "pdf"}, "format", "The Evidence pack for a ranking is made as ZIP."),
        (
            {"kind": "annual", "format": "zip"},
            "format",
            "The Annual third-mission report is made as PDF, XLSX.",
        ),
        ({"language": "de"}, "language", "Choose Kazakh, Russian or English."),
        (
            {"period": "2025/27"},
            "period",
            "Write the period as an academic year (2025/26), a calendar year (2025) "
            "or a quarter (2025-Q3).",
        ),
        ({"period": "1990"}, "period", "A report covers 2000 or later."),
        (
            {"period": "2090/91"},
            "period",
            "The period 2090/91 has not begun yet; there is nothing to report.",
        ),
        ({"sdgs": []}, "sdgs", "Choose at least one Sustainable Development Goal."),
        ({"sdgs": [4, 18]}, "sdgs", "“18” is not a goal; the goals are numbered 1 to 17."),
    ],
)
def test_request_report_bad_input_names_the_field(world, changes, field, message):
    with pytest.raises(ValidationError) as excinfo:
        _pack(world, world["erin"], **changes)
    assert _errors(excinfo) == {field: [message]}
    with all_universities():
        assert Report.objects.count() == 0


def test_request_report_unit_of_other_university_is_refused(world):
    with pytest.raises(ValidationError) as excinfo:
        _pack(world, world["erin"], unit=world["b_public"])
    assert _errors(excinfo) == {"unit": ["The unit belongs to another university."]}


def test_request_report_snapshot_must_match_period_and_unit(world):
    snapshot = sdg_records(world)["snapshot"]
    with pytest.raises(ValidationError) as excinfo:
        _pack(world, world["erin"], period="2024/25", snapshot=snapshot)
    assert _errors(excinfo) == {"snapshot": ["The snapshot is of 2025/26, not of 2024/25."]}
    with pytest.raises(ValidationError) as excinfo:
        _pack(world, world["erin"], unit=world["a_faculty"], snapshot=snapshot)
    assert _errors(excinfo) == {
        "snapshot": ["The snapshot was taken for another unit than the one chosen."]
    }


def test_request_report_snapshot_of_other_university_is_refused(world):
    snapshot = sdg_records(world)["snapshot"]
    with pytest.raises(ValidationError) as excinfo:
        _pack(world, world["charlie"], university=world["b"], snapshot=snapshot)
    assert _errors(excinfo) == {"snapshot": ["The snapshot belongs to another university."]}


def test_request_report_coordinator_only_for_her_unit(world):
    report = _pack(world, world["cora"], unit=world["a_department"])
    assert report.unit == world["a_department"]
    with pytest.raises(PermissionDenied):
        _pack(world, world["cora"])
    with pytest.raises(PermissionDenied):
        _pack(world, world["cora"], unit=world["a_network_unit"])


@pytest.mark.parametrize("persona", ["bob", "dana", "pavel", "charlie", "bianca", None])
def test_request_report_refused_to_others(world, persona):
    with pytest.raises(PermissionDenied):
        _pack(world, world[persona] if persona else None)
    with all_universities():
        assert Report.objects.count() == 0


def test_request_report_same_request_running_returns_it(world):
    first = _pack(world, world["erin"], sdgs=[4, 17])
    again = _pack(world, world["alice"], sdgs=[17, 4])
    other_language = _pack(world, world["erin"], sdgs=[4, 17], language="kk")
    assert again.pk == first.pk
    assert other_language.pk != first.pk
    with university_scope(world["a"]):
        Report.objects.filter(pk=first.pk).update(status=ReportStatus.DONE)
    assert _pack(world, world["erin"], sdgs=[4, 17]).pk != first.pk


def test_request_report_oversized_pack_refused(world, monkeypatch):
    sdg_records(world)
    monkeypatch.setattr("qogam.reports.evidence.MAX_FILES", 1)
    with pytest.raises(ValidationError) as excinfo:
        _pack(world, world["erin"], sdgs=[4, 17])
    assert _errors(excinfo) == {
        "sdgs": [
            "The pack would copy 2 evidence files; one pack holds at most 1. "
            "Choose fewer goals, or a unit."
        ]
    }


def test_generate_report_failure_leaves_no_file_and_a_message(world, monkeypatch, caplog):
    report = _pack(world, world["erin"])

    def broken(report, progress):
        progress(40, "Half way")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("qogam.reports.evidence.render", broken)
    with caplog.at_level(logging.ERROR, logger="qogam.reports.services"):
        done = services.generate_report(report_id=report.pk)
    assert done.status == ReportStatus.FAILED
    assert done.error == (
        "The report could not be generated because of an error on our side. It has been "
        "logged; try again later or tell the office."
    )
    assert not done.file
    assert done.size == 0
    assert done.progress == 40
    assert "disk on fire" in caplog.text
    assert not default_storage.exists(f"reports/{world['a'].pk}")


def test_generate_report_validation_error_is_the_message(world, monkeypatch):
    report = _pack(world, world["erin"])

    def refuses(report, progress):
        raise ValidationError("No indicator of the university has data for 2025/26.")

    monkeypatch.setattr("qogam.reports.evidence.render", refuses)
    done = services.generate_report(report_id=report.pk)
    assert (done.status, done.error) == (
        ReportStatus.FAILED,
        "No indicator of the university has data for 2025/26.",
    )


def test_generate_report_runs_a_report_once(world):
    sdg_records(world)
    report = _pack(world, world["erin"])
    assert services.generate_report(report_id=report.pk).status == ReportStatus.DONE
    assert services.generate_report(report_id=report.pk) is None
    assert services.generate_report(report_id=999_999) is None


def test_generate_report_missing_translations_fall_back_visibly(world, settings, tmp_path):
    sdg_records(world)
    # Only a Russian catalogue is installed: a report asked in Kazakh is written in Russian.
    (tmp_path / "locale" / "ru" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "locale" / "ru" / "LC_MESSAGES" / "django.mo").write_bytes(
        (settings.BASE_DIR / "locale" / "ru" / "LC_MESSAGES" / "django.mo").read_bytes()
    )
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    report = _pack(world, world["erin"], language="kk")
    done = services.generate_report(report_id=report.pk)
    assert (done.language, done.language_used) == ("kk", "ru")
    assert services.interface_language("en") == "en"


def test_regenerate_report_keeps_the_snapshot(world, django_capture_on_commit_callbacks):
    snapshot = sdg_records(world)["snapshot"]
    with django_capture_on_commit_callbacks(execute=True):
        first = _pack(world, world["erin"], snapshot=snapshot, sdgs=[4])
    with django_capture_on_commit_callbacks(execute=True):
        again = services.regenerate_report(actor=world["alice"], report=first)
    with university_scope(world["a"]):
        again.refresh_from_db()
    assert again.pk != first.pk
    assert (again.snapshot, again.sdgs, again.period, again.kind) == (
        snapshot,
        [4],
        "2025/26",
        "evidence_pack",
    )
    assert again.requested_by == world["alice"]
    assert again.status == ReportStatus.DONE


def test_delete_report_removes_row_and_file(world, django_capture_on_commit_callbacks):
    sdg_records(world)
    with django_capture_on_commit_callbacks(execute=True):
        report = _pack(world, world["erin"])
    with university_scope(world["a"]):
        report.refresh_from_db()
    name = report.file.name
    assert default_storage.exists(name)
    with pytest.raises(PermissionDenied):
        services.delete_report(actor=world["bob"], report=report)
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_report(actor=world["erin"], report=report)
    assert not default_storage.exists(name)
    with all_universities():
        assert Report.objects.filter(pk=report.pk).exists() is False


@pytest.mark.parametrize("format", ["pdf", "xlsx"])
def test_generate_report_annual_runs_the_annual_renderer(world, format):
    sdg_records(world)
    report = services.request_report(
        actor=world["erin"],
        university=world["a"],
        kind="annual",
        period="2025/26",
        language="kk",
        format=format,
    )
    done = services.generate_report(report_id=report.pk)
    assert (done.status, done.error) == (ReportStatus.DONE, "")
    with default_storage.open(done.file.name, "rb") as stored:
        head = stored.read(4)
    assert head == {"pdf": b"%PDF", "xlsx": b"PK\x03\x04"}[format]
    assert done.file.name.endswith(f".{format}")
    assert done.size == default_storage.size(done.file.name)
