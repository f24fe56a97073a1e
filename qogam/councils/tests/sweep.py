"""University A's councils records for the cross-tenant sweep (core/tests/test_tenant_sweep.py).

RECORD_URLS: URL name -> function(world, extra) giving the kwargs of one of A's private
records (None: covered elsewhere, with the reason in a comment). ADMIN_RECORDS: function(world)
giving {"app.model": record} for each model registered in the admin.
"""

from qogam.councils.tests.records import a_council_records


def _council(w, x):
    return {"public_id": a_council_records(w)["council"].public_id}


def _meeting(w, x):
    return {"public_id": a_council_records(w)["meeting"].public_id}


def _decision(w, x):
    return {"public_id": a_council_records(w)["decision"].public_id}


def _member(w, x):
    return {"public_id": a_council_records(w)["external"].public_id}


RECORD_URLS: dict = {
    "councils:detail": _council,
    "councils:edit": _council,
    "councils:member_add": _council,
    "councils:meeting_create": _council,
    "councils:member_remove": _member,
    "councils:meeting": _meeting,
    "councils:meeting_edit": _meeting,
    "councils:meeting_invite": _meeting,
    "councils:meeting_attendance": _meeting,
    "councils:meeting_minutes": _meeting,
    "councils:decision_create": _meeting,
    "councils:decision": _decision,
    "councils:decision_progress": _decision,
    "councils:answer": None,  # a secret token, not a record id: councils/tests/test_invitations
    "api-v1:get_council": _council,
    "api-v1:list_council_meetings": _council,
    "api-v1:get_meeting": _meeting,
    "api-v1:get_decision": _decision,
    # PATCH shares get_decision's path; charlie's PATCH is tried in councils/tests/test_api.
    "api-v1:update_decision": _decision,
}


def admin_records(world) -> dict:
    records = a_council_records(world)
    return {
        "councils.council": records["council"],
        "councils.councilmember": records["external"],
        "councils.meeting": records["meeting"],
        "councils.agendaitem": records["agenda_item"],
        "councils.attendance": records["attendance"],
        "councils.decision": records["decision"],
        "councils.decisionnote": records["note"],
    }
