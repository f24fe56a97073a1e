"""University A's volunteering records for the cross-tenant sweep (core/tests/test_tenant_sweep.py).

RECORD_URLS: URL name -> function(world, extra) giving the kwargs of one of A's private
records. admin_records: function(world) giving {"app.model": record} for each model
registered in the admin.
"""

from qogam.volunteering.tests.records import a_volunteering_records


def _opportunity(w, x):
    return {"public_id": a_volunteering_records(w)["opportunity"].public_id}


def _shift(w, x):
    return {"public_id": a_volunteering_records(w)["shift"].public_id}


def _sign_up(w, x):
    return {"public_id": a_volunteering_records(w)["sign_up"].public_id}


RECORD_URLS: dict = {
    "volunteering:detail": _opportunity,
    "volunteering:edit": _opportunity,
    "volunteering:shift_create": _opportunity,
    "volunteering:shift_edit": _shift,
    "volunteering:roster": _shift,
    "volunteering:sign_up": _shift,
    "volunteering:shift_ics": _shift,
    "volunteering:cancel": _sign_up,
    "api-v1:get_opportunity": _opportunity,
    "api-v1:list_opportunity_shifts": _opportunity,
    "api-v1:create_sign_up": _shift,
    "api-v1:cancel_sign_up": _sign_up,
}


def admin_records(world) -> dict:
    records = a_volunteering_records(world)
    return {
        "volunteering.opportunity": records["opportunity"],
        "volunteering.shift": records["shift"],
        "volunteering.signup": records["sign_up"],
    }
