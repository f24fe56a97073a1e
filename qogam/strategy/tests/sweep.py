"""University A's strategy records for the cross-tenant sweep (core/tests/test_tenant_sweep.py).

RECORD_URLS: URL name -> function(world, extra) giving the kwargs of one of A's private
records. admin_records: function(world) giving {"app.model": record} for each model
registered in the admin.
"""

from qogam.strategy.tests.records import a_strategy_records


def _record(name):
    return lambda w, x: {"public_id": a_strategy_records(w)[name].public_id}


RECORD_URLS: dict = {
    "strategy:detail": _record("strategy"),
    "strategy:edit": _record("strategy"),
    "strategy:delete": _record("strategy"),
    "strategy:timeline": _record("strategy"),
    "strategy:export_xlsx": _record("strategy"),
    "strategy:export_pdf": _record("strategy"),
    "strategy:direction_create": _record("strategy"),
    "strategy:direction_edit": _record("direction"),
    "strategy:direction_delete": _record("direction"),
    "strategy:goal_create": _record("direction"),
    "strategy:goal_edit": _record("goal"),
    "strategy:goal_delete": _record("goal"),
    "strategy:measure_create": _record("goal"),
    "strategy:measure": _record("measure"),
    "strategy:measure_edit": _record("measure"),
    "strategy:measure_delete": _record("measure"),
    "strategy:note_create": _record("measure"),
    "api-v1:get_strategy": _record("strategy"),
    "api-v1:get_measure": _record("measure"),
    "api-v1:create_progress_note": _record("measure"),
}


def admin_records(world) -> dict:
    records = a_strategy_records(world)
    return {
        "strategy.strategy": records["strategy"],
        "strategy.direction": records["direction"],
        "strategy.goal": records["goal"],
        "strategy.measure": records["measure"],
        "strategy.progressnote": records["note"],
    }
