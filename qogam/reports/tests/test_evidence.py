import csv
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from qogam.core.tenancy import university_scope
from qogam.indicators.models import ValueEvidence
from qogam.reports import evidence
from qogam.reports.models import Report
from qogam.reports.tests.records import MINUTES, POLICY, sdg_records


def _report(world, **changes) -> Report:
    values = {
        "university": world["a"],
        "kind": "evidence_pack",
        "period": "2025/26",
        "language": "en",
        "format": "zip",
        "sdgs": [4, 17],
    }
    values.update(changes)
    with university_scope(world["a"]):
        report = Report(**values)
        report.save()
    return report


def _render(report):
    steps = []
    with university_scope(report.university_id):
        name, content = evidence.render(report, lambda percent, stage: steps.append(percent))
    return name, zipfile.ZipFile(io.BytesIO(content)), steps


def _index(book) -> list[dict]:
    text = book.read("index.csv").decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_evidence_pack_index_lists_every_file(world):
    records = sdg_records(world)
    name, book, steps = _render(_report(world))
    assert name == "evidence-pack-aqtobe-tech-2025-26-sdg-4-17.zip"
    minutes = f"indicators/A-SDG4-1/evidence/{records['minutes'].pk}-minutes-2025.pdf"
    policy = f"indicators/A-THE-17.2.1/evidence/{records['policy'].pk}-policy.pdf"
    assert sorted(book.namelist()) == sorted(
        ["index.csv", "index.html", "indicators/A-STAFF/records.csv", minutes, policy]
    )
    rows = _index(book)
    listed = {row["File in the pack or address"] for row in rows}
    files = [n for n in book.namelist() if n.startswith("indicators/")]
    assert set(files) <= listed
    html = book.read("index.html").decode()
    for path in files:
        assert f'href="{path}"' in html
    assert steps[0] == 5 and steps[-1] == 92 and steps == sorted(steps)


def test_evidence_pack_files_are_copied_byte_for_byte(world):
    records = sdg_records(world)
    _name, book, _steps = _render(_report(world))
    assert book.read(f"indicators/A-SDG4-1/evidence/{records['minutes'].pk}-minutes-2025.pdf") == (
        MINUTES
    )
    assert book.read(f"indicators/A-THE-17.2.1/evidence/{records['policy'].pk}-policy.pdf") == (
        POLICY
    )


def test_evidence_pack_index_rows_per_goal(world):
    sdg_records(world)
    _name, book, _steps = _render(_report(world))
    rows = [
        (
            row["Goal"],
            row["Indicator code"],
            row["Kind of evidence"],
            row["Evidence"],
            row["Public link"],
            row["Answer"],
        )
        for row in _index(book)
        if row["Indicator code"] != "A-STAFF"
    ]
    assert rows == [
        ("4", "A-SDG4-1", "Document", "Council minutes", "", ""),
        ("4", "A-THE-17.2.1", "Document", "Open-access policy", "", "Yes"),
        ("4", "A-THE-17.2.1", "Link", "Open-access policy", "yes", "Yes"),
        ("4", "A-THE-17.2.1", "Link", "Akimat's letter", "no", "Yes"),
        ("17", "A-THE-17.2.1", "Document", "Open-access policy", "", "Yes"),
        ("17", "A-THE-17.2.1", "Link", "Open-access policy", "yes", "Yes"),
        ("17", "A-THE-17.2.1", "Link", "Akimat's letter", "no", "Yes"),
    ]
    links = {row["File in the pack or address"] for row in _index(book)}
    assert {"https://aqtobe-tech.example.kz/policy", "https://akimat.example.kz/letter"} <= links


def test_evidence_pack_values_computed_and_records_listed(world):
    sdg_records(world)
    _name, book, _steps = _render(_report(world, sdgs=[17]))
    rows = {row["Indicator code"]: row for row in _index(book)}
    assert sorted(rows) == ["A-STAFF", "A-THE-17.2.1"]
    staff = rows["A-STAFF"]
    listed = list(
        csv.reader(io.StringIO(book.read(staff["File in the pack or address"]).decode("utf-8-sig")))
    )
    assert listed[0] == ["Record", "Address", "Date", "Detail", "Counted"]
    assert staff["Value"] == str(len(listed) - 1) == "4"
    assert staff["Evidence"] == f"{len(listed) - 1} records behind the value"
    # alice, erin, cora and bob are A's staff; the item is only submitted, so it has no value.
    assert rows["A-THE-17.2.1"]["Value"] == "No approved value for this period."
    assert rows["A-THE-17.2.1"]["Status of the entry"] == "Submitted for approval"


def test_evidence_pack_uses_the_snapshot_figures(world):
    records = sdg_records(world)
    _name, book, _steps = _render(_report(world, sdgs=[4], snapshot=records["snapshot"]))
    rows = {row["Indicator code"]: row for row in _index(book)}
    # The records say 12; the snapshot froze 9 against a target of 10.
    assert (rows["A-SDG4-1"]["Value"], rows["A-SDG4-1"]["Target"]) == ("9", "10")
    assert rows["A-THE-17.2.1"]["Value"] == "Not in the snapshot."


def test_evidence_pack_without_records_says_so(world):
    sdg_records(world)
    _name, book, _steps = _render(_report(world, sdgs=[13]))
    assert book.namelist() == ["index.csv", "index.html"]
    assert _index(book) == []
    assert (
        "No indicator of the university is tagged with the goals chosen."
        in book.read("index.html").decode()
    )


def test_evidence_pack_unit_reads_the_unit_entries(world):
    sdg_records(world)
    _name, book, _steps = _render(_report(world, sdgs=[4], unit=world["a_faculty"]))
    kinds = {(row["Indicator code"], row["Kind of evidence"]) for row in _index(book)}
    assert kinds == {("A-SDG4-1", "No evidence"), ("A-THE-17.2.1", "No evidence")}


def test_evidence_pack_over_the_limit_while_made_fails(world, monkeypatch):
    records = sdg_records(world)
    with university_scope(world["a"]):
        extra = ValueEvidence(
            university=world["a"], value=records["value"], title="Photos", file_name="a.pdf"
        )
        extra.file.save("a.pdf", ContentFile(b"%PDF-1.4 photos"), save=False)
        extra.save()
    monkeypatch.setattr(evidence, "MAX_FILES", 2)
    with pytest.raises(ValidationError) as excinfo:
        _render(_report(world))
    assert excinfo.value.messages == [
        "The pack would copy 3 evidence files; one pack holds at most 2. "
        "Choose fewer goals, or a unit."
    ]


def test_evidence_pack_files_counted_before_asking(world):
    sdg_records(world)
    with university_scope(world["a"]):
        count, size = evidence.files_of(university_id=world["a"].pk, year=2025, sdgs=[4, 17])
    assert (count, size) == (2, len(MINUTES) + len(POLICY))
