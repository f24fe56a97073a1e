"""University A's coverage records for the cross-tenant sweep (core/tests/test_tenant_sweep.py)."""

from qogam.coverage.tests.records import a_coverage_records


def _piece(w, x):
    return {"public_id": a_coverage_records(w)["coverage"].public_id}


RECORD_URLS: dict = {
    "coverage:detail": _piece,
    "coverage:edit": _piece,
    "coverage:delete": _piece,
    "coverage:file": _piece,
    "coverage:create": lambda w, x: {
        "subject_kind": "need",
        "public_id": a_coverage_records(w)["need"].public_id,
    },
    "api-v1:get_coverage": _piece,
}


def admin_records(world) -> dict:
    return {"coverage.coverage": a_coverage_records(world)["coverage"]}
