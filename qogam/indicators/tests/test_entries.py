"""Entered values: draft → submitted → approved, evidence, who may do what, and the pages."""

import io
from decimal import Decimal

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qogam.core.tenancy import all_universities, university_scope
from qogam.indicators import compute
from qogam.indicators.enums import ValueStatus
from qogam.indicators.models import ManualValue, ValueEvidence
from qogam.indicators.periods import parse_period
from qogam.indicators.services import entries
from qogam.indicators.tests.records import make_indicator

PERIOD = "2025/26"
PDF = b"%PDF-1.4\n% test evidence\n"


@pytest.fixture
def indicator(world):
    return make_indicator(world["a"], code="A-M-1", name_en="Schools visited")


def _draft(world, indicator, *, unit="a_department", value="7", actor="cora"):
    return entries.save_value(
        actor=world[actor],
        university=world["a"],
        indicator=indicator,
        period=PERIOD,
        unit=world[unit] if unit else None,
        value=value,
        explanation="Counted from the visit reports.",
    )


def _with_evidence(world, entry, actor="cora"):
    entries.add_evidence(
        actor=world[actor], entry=entry, title="Visit reports", url="https://example.kz/r"
    )
    return entry


def _submitted(world, indicator):
    entry = _with_evidence(world, _draft(world, indicator))
    return entries.submit_value(actor=world["cora"], entry=entry)


def _fresh(entry) -> ManualValue:
    with all_universities():
        return ManualValue.objects.get(pk=entry.pk)


# --- Services ---------------------------------------------------------------------------------


def test_save_value_cora_beneath_her_unit_creates_draft(world, indicator):
    entry = _draft(world, indicator)
    saved = _fresh(entry)
    assert (saved.status, saved.value, saved.unit_id, saved.period, saved.entered_by_id) == (
        ValueStatus.DRAFT,
        Decimal("7.00"),
        world["a_department"].pk,
        PERIOD,
        world["cora"].pk,
    )


def test_save_value_cora_other_unit_refused(world, indicator):
    with pytest.raises(PermissionDenied):
        _draft(world, indicator, unit="a_network_unit")
    with pytest.raises(PermissionDenied):
        _draft(world, indicator, unit=None)
    with all_universities():
        assert ManualValue.objects.count() == 0


def test_save_value_bob_staff_refused(world, indicator):
    with pytest.raises(PermissionDenied):
        _draft(world, indicator, actor="bob")


def test_save_value_charlie_refused_at_a(world, indicator):
    with pytest.raises(PermissionDenied):
        _draft(world, indicator, unit=None, actor="charlie")


def test_save_value_bad_period_names_the_field(world, indicator):
    with pytest.raises(ValidationError) as exc:
        entries.save_value(
            actor=world["erin"],
            university=world["a"],
            indicator=indicator,
            period="2025",
            value="3",
        )
    assert exc.value.message_dict == {"period": ["Write an academic year as 2026/27."]}


def test_save_value_manual_without_value_refused(world, indicator):
    with pytest.raises(ValidationError) as exc:
        _draft(world, indicator, value="")
    assert exc.value.message_dict == {"value": ["Enter the value."]}


def test_save_value_same_key_updates_the_one_row(world, indicator):
    first = _draft(world, indicator, value="7")
    second = _draft(world, indicator, value="9")
    with all_universities():
        assert list(ManualValue.objects.values_list("pk", "value")) == [(first.pk, Decimal("9.00"))]
    assert second.pk == first.pk


def test_submit_value_without_evidence_refused_and_nothing_changed(world, indicator):
    entry = _draft(world, indicator)
    with pytest.raises(ValidationError) as exc:
        entries.submit_value(actor=world["cora"], entry=entry)
    assert list(exc.value.message_dict) == ["evidence"]
    assert exc.value.message_dict["evidence"][0].startswith("A value needs evidence")
    saved = _fresh(entry)
    assert (saved.status, saved.submitted_at) == (ValueStatus.DRAFT, None)


def test_submit_value_with_evidence_is_submitted(world, indicator):
    entry = _submitted(world, indicator)
    saved = _fresh(entry)
    assert saved.status == ValueStatus.SUBMITTED
    assert saved.submitted_at is not None


def test_approve_value_cora_refused(world, indicator):
    entry = _submitted(world, indicator)
    with pytest.raises(PermissionDenied):
        entries.approve_value(actor=world["cora"], entry=entry)
    assert _fresh(entry).status == ValueStatus.SUBMITTED


def test_return_value_without_note_refused(world, indicator):
    entry = _submitted(world, indicator)
    with pytest.raises(ValidationError) as exc:
        entries.return_value(actor=world["erin"], entry=entry, note=" ")
    assert list(exc.value.message_dict) == ["note"]
    assert _fresh(entry).status == ValueStatus.SUBMITTED


def test_return_value_with_note_can_be_resubmitted(world, indicator):
    entry = _submitted(world, indicator)
    entries.return_value(actor=world["erin"], entry=entry, note="Count only this year.")
    returned = _fresh(entry)
    assert (returned.status, returned.review_note, returned.reviewed_by_id) == (
        ValueStatus.RETURNED,
        "Count only this year.",
        world["erin"].pk,
    )
    entries.submit_value(actor=world["cora"], entry=returned)
    assert _fresh(entry).status == ValueStatus.SUBMITTED


def test_edit_approved_value_returns_it_to_draft(world, indicator):
    entry = _submitted(world, indicator)
    entries.approve_value(actor=world["erin"], entry=entry)
    _draft(world, indicator, value="8")
    saved = _fresh(entry)
    assert (saved.status, saved.value, saved.reviewed_by_id) == (
        ValueStatus.DRAFT,
        Decimal("8.00"),
        None,
    )


def test_add_evidence_needs_link_or_file(world, indicator):
    entry = _draft(world, indicator)
    with pytest.raises(ValidationError) as exc:
        entries.add_evidence(actor=world["cora"], entry=entry, title="Reports")
    assert list(exc.value.message_dict) == ["url"]


def test_add_evidence_script_named_pdf_refused_and_nothing_saved(world, indicator):
    entry = _draft(world, indicator)
    upload = SimpleUploadedFile("report.pdf", b"#!/bin/sh\necho hello\n")
    with pytest.raises(ValidationError) as exc:
        entries.add_evidence(actor=world["cora"], entry=entry, title="Reports", file=upload)
    assert list(exc.value.message_dict) == ["file"]
    with all_universities():
        assert ValueEvidence.objects.count() == 0


def test_add_evidence_pdf_keeps_its_name(world, indicator):
    entry = _draft(world, indicator)
    upload = SimpleUploadedFile("visits.pdf", PDF)
    item = entries.add_evidence(actor=world["cora"], entry=entry, title="Reports", file=upload)
    assert (item.file_name, item.is_public) == ("visits.pdf", False)


def _workbook() -> bytes:
    book = openpyxl.Workbook()
    book.active["A1"] = "Visits"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_add_evidence_spreadsheet_accepted_and_streamed_as_xlsx(world, indicator, client_for):
    entry = _draft(world, indicator)
    data = _workbook()
    item = entries.add_evidence(
        actor=world["cora"],
        entry=entry,
        title="Register of visits",
        file=SimpleUploadedFile("visits.xlsx", data),
    )
    url = reverse("indicators:evidence_file", kwargs={"public_id": item.public_id})
    response = client_for(world["bob"]).get(url)
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert b"".join(response.streaming_content) == data


def test_add_evidence_spreadsheet_named_docx_refused(world, indicator):
    entry = _draft(world, indicator)
    upload = SimpleUploadedFile("visits.docx", _workbook())
    with pytest.raises(ValidationError) as exc:
        entries.add_evidence(actor=world["cora"], entry=entry, title="Visits", file=upload)
    assert exc.value.message_dict["file"] == [
        "The file's name ends in “.docx” but it is a XLSX file."
    ]


def test_remove_evidence_of_approved_value_returns_it_to_draft(world, indicator):
    entry = _submitted(world, indicator)
    entries.approve_value(actor=world["erin"], entry=entry)
    with all_universities():
        item = ValueEvidence.objects.get(value=entry)
    entries.remove_evidence(actor=world["cora"], evidence=item)
    with all_universities():
        assert ValueEvidence.objects.filter(value=entry).count() == 0
    assert _fresh(entry).status == ValueStatus.DRAFT


def test_approved_value_feeds_evaluate_one(world, indicator):
    entry = _submitted(world, indicator)
    period = parse_period(indicator.period_type, PERIOD)
    with university_scope(world["a"]):
        before = compute.evaluate_one(
            indicator, university_id=world["a"].pk, period=period, unit=world["a_department"]
        )
    entries.approve_value(actor=world["erin"], entry=entry)
    with university_scope(world["a"]):
        after = compute.evaluate_one(
            indicator, university_id=world["a"].pk, period=period, unit=world["a_department"]
        )
    assert (before.value, after.value, after.entry.pk) == (None, Decimal("7.00"), entry.pk)


# --- Pages ------------------------------------------------------------------------------------


def test_approve_page_audited_with_the_office_as_actor(world, indicator, client_for):
    entry = _submitted(world, indicator)
    response = client_for(world["erin"]).post(
        reverse("indicators:manual_value_approve", kwargs={"public_id": entry.public_id}),
        {"note": "Checked against the reports."},
    )
    assert response.status_code == 302
    saved = _fresh(entry)
    assert (saved.status, saved.reviewed_by_id, saved.review_note) == (
        ValueStatus.APPROVED,
        world["erin"].pk,
        "Checked against the reports.",
    )
    assert saved.reviewed_at is not None
    log = LogEntry.objects.get_for_object(saved).order_by("-timestamp", "-pk").first()
    assert (log.actor_id, log.changes_dict["status"]) == (
        world["erin"].pk,
        ["submitted", "approved"],
    )


def test_approve_page_cora_forbidden(world, indicator, client_for):
    entry = _submitted(world, indicator)
    response = client_for(world["cora"]).post(
        reverse("indicators:manual_value_approve", kwargs={"public_id": entry.public_id})
    )
    assert response.status_code == 403
    assert _fresh(entry).status == ValueStatus.SUBMITTED


def test_entry_detail_shows_evidence_and_history(world, indicator, client_for):
    entry = _submitted(world, indicator)
    response = client_for(world["bob"]).get(entry.get_absolute_url())
    assert response.status_code == 200
    assert [item.title for item in response.context["evidence"]] == ["Visit reports"]
    assert [row["log"].action for row in response.context["history"]] == [
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,
    ]
    assert response.context["can_change"] is False


@pytest.mark.parametrize("persona", ["charlie", "bianca", "pavel"])
def test_entry_detail_other_university_and_partner_404(world, indicator, client_for, persona):
    entry = _submitted(world, indicator)
    response = client_for(world[persona]).get(entry.get_absolute_url())
    assert response.status_code == 404


def test_entry_submit_page_without_evidence_shows_error(world, indicator, client_for):
    entry = _draft(world, indicator)
    client = client_for(world["cora"])
    response = client.post(
        reverse("indicators:manual_value_submit", kwargs={"public_id": entry.public_id}),
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "A value needs evidence: add a document or a link first."
    ]
    assert _fresh(entry).status == ValueStatus.DRAFT


def test_entry_create_page_cora_other_unit_refused(world, indicator, client_for):
    url = reverse("indicators:manual_value_create")
    response = client_for(world["cora"]).post(
        url,
        {
            "indicator": str(indicator.public_id),
            "unit": world["a_network_unit"].pk,
            "period": PERIOD,
            "value": "4",
        },
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["unit"]
    with all_universities():
        assert ManualValue.objects.count() == 0


def test_entry_create_page_cora_saves_draft(world, indicator, client_for):
    response = client_for(world["cora"]).post(
        reverse("indicators:manual_value_create"),
        {
            "indicator": str(indicator.public_id),
            "unit": world["a_faculty"].pk,
            "period": PERIOD,
            "value": "4",
        },
    )
    with all_universities():
        entry = ManualValue.objects.get()
    assert response["Location"] == entry.get_absolute_url()
    assert (entry.unit_id, entry.value) == (world["a_faculty"].pk, Decimal("4.00"))


def test_entry_list_cora_sees_her_units_only(world, indicator, client_for):
    response = client_for(world["cora"]).get(reverse("indicators:entries") + "?year=2025")
    assert response.status_code == 200
    assert sorted(row["unit"].pk for row in response.context["rows"]) == sorted(
        [world["a_faculty"].pk, world["a_department"].pk]
    )
    assert response.context["queue"] == []


def test_entry_list_office_queue_lists_submitted(
    world, indicator, client_for, django_assert_max_num_queries
):
    entry = _submitted(world, indicator)
    client = client_for(world["erin"])
    with django_assert_max_num_queries(20):
        response = client.get(reverse("indicators:entries") + "?year=2025")
    assert [e.pk for e in response.context["queue"]] == [entry.pk]
    entered = [row for row in response.context["rows"] if row["entry"] is not None]
    assert [row["entry"].pk for row in entered] == [entry.pk]


def test_entry_list_charlie_sees_no_values_of_a(world, indicator, client_for):
    _submitted(world, indicator)
    response = client_for(world["charlie"]).get(reverse("indicators:entries"))
    assert response.status_code == 200
    assert (response.context["university"], response.context["queue"]) == (world["b"], [])
    assert b"Schools visited" not in response.content


def test_evidence_file_staff_downloads_charlie_404(world, indicator, client_for):
    entry = _draft(world, indicator)
    item = entries.add_evidence(
        actor=world["cora"],
        entry=entry,
        title="Reports",
        file=SimpleUploadedFile("visits.pdf", PDF),
    )
    url = reverse("indicators:evidence_file", kwargs={"public_id": item.public_id})
    response = client_for(world["bob"]).get(url)
    assert (response.status_code, b"".join(response.streaming_content)) == (200, PDF)
    assert client_for(world["charlie"]).get(url).status_code == 404
