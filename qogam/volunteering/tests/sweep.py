"""University A's volunteering records for the cross-tenant sweep (core/tests/test_tenant_sweep.py).

RECORD_URLS: URL name -> function(world, extra) giving the kwargs of one of A's private
records. admin_records: function(world) giving {"app.model": record} for each model
registered in the admin.
"""

from qogam.volunteering.tests.records import a_volunteering_records
from qogam.volunteering.tests.records_academic import a_academic_records


def _opportunity(w, x):
    return {"public_id": a_volunteering_records(w)["opportunity"].public_id}


def _shift(w, x):
    return {"public_id": a_volunteering_records(w)["shift"].public_id}


def _sign_up(w, x):
    return {"public_id": a_volunteering_records(w)["sign_up"].public_id}


# Each part of the app adds its URLs and admin models in its own section below.
BASE_URLS: dict = {
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


# --- Hours (hours entries, verification, attendance, import, coordinator and partner views) ---
def _hours(w, x):
    from qogam.volunteering.tests.records_hours import a_hours_records  # noqa: PLC0415

    return a_hours_records(w)


HOURS_URLS: dict = {
    "volunteering:log_hours": lambda w, x: {"public_id": _hours(w, x)["sign_up"].public_id},
    "volunteering:hours_verify": lambda w, x: {"public_id": _hours(w, x)["entry"].public_id},
    "volunteering:hours_reject": lambda w, x: {"public_id": _hours(w, x)["entry"].public_id},
    "volunteering:hours_correct": lambda w, x: {"public_id": _hours(w, x)["entry"].public_id},
    "volunteering:attendance": lambda w, x: {"public_id": _hours(w, x)["shift"].public_id},
    "volunteering:hours_link": None,  # a signed token, not a record id: test_hours_views
    "api-v1:log_hours": lambda w, x: {"public_id": _hours(w, x)["sign_up"].public_id},
    "api-v1:verify_hours": lambda w, x: {"public_id": _hours(w, x)["entry"].public_id},
    "api-v1:reject_hours": lambda w, x: {"public_id": _hours(w, x)["entry"].public_id},
}


def hours_admin_records(world) -> dict:
    records = _hours(world, None)
    return {
        "volunteering.hoursentry": records["entry"],
        "volunteering.hourscorrection": records["correction"],
    }


# --- Coordinator overview and partner view ---
# Neither page takes a record in its URL; tests/test_overview.py checks that charlie sees none
# of A's records there, even when he asks for one of A's opportunities by its id.
OVERVIEW_URLS: dict = {}


# --- Academic link (programmes, courses, enrolments, registrar export) ---
def _programme(w, x):
    return {"public_id": a_academic_records(w)["programme"].public_id}


def _course(w, x):
    return {"public_id": a_academic_records(w)["course"].public_id}


def _enrolment(w, x):
    return {"public_id": a_academic_records(w)["enrolment"].public_id}


ACADEMIC_URLS: dict = {
    "volunteering:programme": _programme,
    "volunteering:programme_edit": _programme,
    "volunteering:course": _course,
    "volunteering:course_edit": _course,
    "volunteering:enrol": _course,
    "volunteering:enrolment_remove": _enrolment,
}


def academic_admin_records(world) -> dict:
    records = a_academic_records(world)
    return {
        "volunteering.programme": records["programme"],
        "volunteering.course": records["course"],
        "volunteering.enrolment": records["enrolment"],
    }


# --- Recognition (certificates, credentials, signing keys, co-curricular record) ---
def _recognition(w) -> dict:
    from qogam.volunteering.tests import records_recognition  # noqa: PLC0415 -- this section's

    return records_recognition.a_recognition_records(w)


def _certificate(w, x):
    return {"public_id": _recognition(w)["certificate"].public_id}


RECOGNITION_URLS: dict = {
    "volunteering:certificate_pdf": _certificate,
    "volunteering:credential": _certificate,
    # Public by design, with only what the certificate states: test_recognition.py checks it.
    "volunteering:verify_certificate": None,
    # A university's public keys (its issuer profile), public by design: test_recognition.py.
    "volunteering:issuer": None,
}


def recognition_admin_records(world) -> dict:
    records = _recognition(world)
    return {
        "volunteering.certificate": records["certificate"],
        "volunteering.signingkey": records["signing_key"],
    }


RECORD_URLS: dict = {
    **BASE_URLS,
    **HOURS_URLS,
    **OVERVIEW_URLS,
    **ACADEMIC_URLS,
    **RECOGNITION_URLS,
}


def admin_records(world) -> dict:
    records = a_volunteering_records(world)
    return {
        **hours_admin_records(world),
        **academic_admin_records(world),
        **recognition_admin_records(world),
        "volunteering.opportunity": records["opportunity"],
        "volunteering.shift": records["shift"],
        "volunteering.signup": records["sign_up"],
    }
