"""University A's councils records for the cross-tenant sweep (core/tests/test_tenant_sweep.py).

RECORD_URLS: URL name -> function(world, extra) giving the kwargs of one of A's private
records (None: covered elsewhere, with the reason in a comment). ADMIN_RECORDS: function(world)
giving {"app.model": record} for each model registered in the admin.
"""

RECORD_URLS: dict = {}


def admin_records(world) -> dict:
    return {}
