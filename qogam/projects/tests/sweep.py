"""University A's projects records for the cross-tenant sweep (core/tests/test_tenant_sweep.py).

RECORD_URLS: URL name -> function(world, extra) giving the kwargs of one of A's private
records (None: covered elsewhere, with the reason in a comment). ADMIN_RECORDS: function(world)
giving {"app.model": record} for each model registered in the admin.
"""

from qogam.projects.tests.factories import a_project_records


def _project(w, x):
    return {"public_id": a_project_records(w)["project"].public_id}


def _with(key: str, name: str):
    def kwargs(w, x):
        records = a_project_records(w)
        return {"public_id": records["project"].public_id, key: records[name].public_id}

    return kwargs


RECORD_URLS: dict = {
    "projects:detail": _project,
    "projects:edit": _project,
    "projects:delete": _project,
    "projects:address_needs": _project,
    "projects:participant_add": _project,
    "projects:participant_remove": _with("participant_id", "participant"),
    "projects:update_create": _project,
    "projects:update_delete": _with("update_id", "update"),
    "projects:evidence_add": _project,
    "projects:evidence_remove": _with("evidence_id", "evidence"),
    "projects:photo": lambda w, x: {"public_id": a_project_records(w)["photo"].public_id},
    "projects:evidence": lambda w, x: {"public_id": a_project_records(w)["evidence"].public_id},
    "api-v1:get_project": _project,
    "api-v1:update_project": _project,
    # These lists share their path with a POST whose payload differs from the sweep's (a
    # unit's), which ninja answers 422 before the view runs; test_api.py's
    # test_api_other_university_cannot_read_or_write_children tries GET and POST on them.
    "api-v1:list_project_participants": None,
    "api-v1:list_project_updates": None,
    # POSTs whose payload differs from the sweep's: tried with real payloads in test_api.py.
    "api-v1:create_project": None,
    "api-v1:add_project_participant": None,
    "api-v1:create_project_update": None,
}


def admin_records(world) -> dict:
    records = a_project_records(world)
    return {
        "projects.project": records["project"],
        "projects.participant": records["participant"],
        "projects.projectupdate": records["update"],
        "projects.updatephoto": records["photo"],
        "projects.evidence": records["evidence"],
    }
