"""University A's staff records for the cross-tenant sweep (core/tests/test_tenant_sweep.py)."""

from qogam.staff.tests.records import a_staff_records


def _record(name):
    return lambda w, x: {"public_id": a_staff_records(w)[name].public_id}


def _bob(w, x):
    a_staff_records(w)
    return {"public_id": w["bob"].public_id}


RECORD_URLS: dict = {
    "staff:function": _record("mentoring"),
    "staff:function_edit": _record("mentoring"),
    "staff:function_delete": _record("mentoring"),
    "staff:position": _record("position"),
    "staff:position_edit": _record("position"),
    "staff:position_delete": _record("position"),
    "staff:assignment": _record("assignment"),
    "staff:assignment_edit": _record("assignment"),
    "staff:assignment_agree": _record("assignment"),
    "staff:assignment_delete": _record("assignment"),
    "staff:person": _bob,
    "staff:report_pdf": _bob,
    "staff:report_xlsx": _bob,
    "staff:unit": lambda w, x: {"public_id": w["a_department"].public_id},
    "api-v1:get_staff_assignment": _record("assignment"),
}


def admin_records(world) -> dict:
    records = a_staff_records(world)
    return {
        "staff.function": records["mentoring"],
        "staff.position": records["position"],
        "staff.expectedfunction": records["expected"],
        "staff.assignment": records["assignment"],
        "staff.assignmentline": records["line"],
    }
