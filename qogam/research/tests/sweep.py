"""University A's research records for the cross-tenant sweep (core/tests/test_tenant_sweep.py).

RECORD_URLS: URL name -> function(world, extra) giving the kwargs of one of A's private
records (None: covered elsewhere, with the reason in a comment). ADMIN_RECORDS: function(world)
giving {"app.model": record} for each model registered in the admin.
"""

from qogam.needs.tests.factories import sweep_records
from qogam.research.tests.records import a_research_records


def _study(w, x):
    return {"public_id": a_research_records(w)["study"].public_id}


def _output(w, x):
    records = a_research_records(w)
    return {"public_id": records["study"].public_id, "output_id": records["output"].public_id}


def _question(w, x):
    return {"public_id": a_research_records(w)["question"].public_id}


RECORD_URLS: dict = {
    "research:study": _study,
    "research:study_edit": _study,
    "research:uptake": _study,
    "research:output_create": _study,
    "research:output_delete": _output,
    "research:output_file": _output,
    "research:question": _question,
    "research:question_edit": _question,
    "research:question_take": _question,
    "research:question_complete": _question,
    "research:question_withdraw": _question,
    "research:question_confirm": lambda w, x: {
        **_question(w, x),
        "taker_id": a_research_records(w)["taker"].public_id,
    },
    # A need of A that is not published: nobody outside A may turn it into a topic.
    "research:question_create": lambda w, x: {"need_id": sweep_records(w)["need"].public_id},
    "api-v1:get_study": _study,
    "api-v1:update_study": _study,
    "api-v1:get_question": _question,
    # POST-only create whose payload differs from a unit's: research/tests/test_api.py checks
    # that charlie cannot create studies at A.
    "api-v1:create_study": None,
}


def admin_records(world) -> dict:
    records = a_research_records(world)
    return {
        "research.study": records["study"],
        "research.studyoutput": records["output"],
        "research.researchquestion": records["question"],
        "research.questiontaker": records["taker"],
    }
