"""University A's indicator records for the cross-tenant sweep (core/tests/test_tenant_sweep.py).

RECORD_URLS: URL name -> function(world, extra) giving the kwargs of one of A's private
records. admin_records: function(world) giving {"app.model": record} for each tenant model
registered in the admin.
"""

from qogam.indicators.tests.records import a_indicator_records


def _record(name):
    return lambda w, x: {"public_id": a_indicator_records(w)[name].public_id}


RECORD_URLS: dict = {}

# ENTRIES: entered values, their evidence and self-assessments.
RECORD_URLS.update(
    {
        "indicators:manual_value": _record("value"),
        "indicators:manual_value_edit": _record("value"),
        "indicators:manual_value_submit": _record("value"),
        "indicators:manual_value_approve": _record("value"),
        "indicators:manual_value_return": _record("value"),
        "indicators:evidence_add": _record("value"),
        "indicators:evidence_suggest": _record("value"),
        "indicators:evidence_remove": _record("evidence"),
        "indicators:evidence_file": _record("evidence"),
        "indicators:assessment": _record("assessment"),
        "indicators:assessment_edit": _record("assessment"),
        "indicators:assessment_agree": _record("assessment"),
    }
)


# DASHBOARD: an indicator's page, its records and charts, targets and snapshots.
RECORD_URLS.update(
    {
        "indicators:indicator": _record("indicator"),
        "indicators:provenance": _record("indicator"),
        "indicators:chart": lambda w, x: {
            "public_id": a_indicator_records(w)["indicator"].public_id,
            "kind": "trend",
        },
        "indicators:target_set": _record("indicator"),
        "indicators:target_delete": _record("target"),
        "indicators:snapshot": _record("snapshot"),
    }
)


# DEFINITIONS: packs (A's own pack by code), A's own indicator's form, own-pack and publish
# switches, and the API's definition by code.
RECORD_URLS.update(
    {
        "indicators:pack": lambda w, x: {"code": a_indicator_records(w)["pack"].code},
        "indicators:pack_switch": lambda w, x: {"code": a_indicator_records(w)["pack"].code},
        "indicators:own_indicator_edit": _record("indicator"),
        "indicators:own_pack_toggle": _record("indicator"),
        "indicators:indicator_publish": _record("indicator"),
        "api-v1:get_indicator": lambda w, x: {"code": a_indicator_records(w)["indicator"].code},
    }
)


def admin_records(world) -> dict:
    records = a_indicator_records(world)
    return {
        "indicators.indicator": records["indicator"],
        "indicators.pack": records["pack"],
        "indicators.packactivation": records["activation"],
        "indicators.indicatorvisibility": records["visibility"],
        "indicators.target": records["target"],
        "indicators.manualvalue": records["value"],
        "indicators.snapshot": records["snapshot"],
        "indicators.snapshotvalue": records["snapshot_value"],
        "indicators.selfassessment": records["assessment"],
        "indicators.assessmentscore": records["score"],
    }
