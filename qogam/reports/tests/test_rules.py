import pytest

from qogam.reports.models import Report


def _probe(world, unit=None, university="a") -> Report:
    return Report(university=world[university], unit=unit)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("alice", True),
        ("erin", True),
        ("cora", True),
        ("bob", True),
        ("dana", False),
        ("pavel", False),
        ("charlie", False),
        ("bianca", False),
        ("nora", True),
    ],
)
def test_rules_view_report_of_a(world, persona, expected):
    assert world[persona].has_perm("reports.view_report", _probe(world)) is expected


@pytest.mark.parametrize(
    ("persona", "unit", "expected"),
    [
        ("erin", None, True),
        ("cora", None, False),
        ("cora", "a_faculty", True),
        ("cora", "a_department", True),
        ("cora", "a_network_unit", False),
        ("bob", "a_department", False),
        ("charlie", None, False),
    ],
)
def test_rules_change_report_by_unit(world, persona, unit, expected):
    probe = _probe(world, world[unit] if unit else None)
    assert world[persona].has_perm("reports.change_report", probe) is expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("alice", True), ("erin", True), ("cora", False), ("bob", False), ("charlie", False)],
)
def test_rules_delete_report_office_only(world, persona, expected):
    probe = _probe(world, world["a_faculty"])
    assert world[persona].has_perm("reports.delete_report", probe) is expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("bob", True), ("dana", False), ("pavel", False), ("charlie", True), ("nora", True)],
)
def test_rules_view_reports_list(world, persona, expected):
    assert world[persona].has_perm("reports.view_reports") is expected
