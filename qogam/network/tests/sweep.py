"""University A's network records for the cross-tenant sweep (core/tests/test_tenant_sweep.py).

RECORD_URLS: URL name -> function(world, extra) giving the kwargs of one of A's private
records (None for a URL open to the network's members by design, with the reason in a
comment). admin_records: function(world) giving {"app.model": record} for each tenant model
registered in the admin. Each part of the network fills its own section.
"""

RECORD_URLS: dict = {}


# MEMBERS, CONSENT AND BENCHMARKS (views/members.py)
def _a_own_indicator(w, x):
    # A's own indicator, private: not a benchmark anyone else may open.
    from qogam.indicators.tests.records import a_indicator_records  # noqa: PLC0415

    return {"public_id": a_indicator_records(w)["indicator"].public_id}


RECORD_URLS.update(
    {
        "network:benchmark": _a_own_indicator,
        "network:benchmark_export": _a_own_indicator,
        # Deciding on A's request to join is for the network's administrators only.
        "network:member_decision": lambda w, x: {
            "public_id": w["a"].public_id,
            "action": "approve",
        },
        # The action's name, not a record: it acts on the viewer's own university
        # (test_members.py checks who may act).
        "network:membership_action": None,
        # A shipped pack's code, not a university's record (test_members.py).
        "network:pack_action": None,
        # A shipped indicator's code; what each reader sees is test_benchmark_leaks.py's.
        "api-v1:network_benchmark": None,
        "portal:benchmark": None,
    }
)


# GOOD PRACTICES AND JOINT PROJECTS (views/practices.py, views/joint_projects.py)
def _practices(name: str):
    def kwargs(w, x):
        from qogam.network.tests.records_practices import a_practice_records  # noqa: PLC0415

        return {"public_id": a_practice_records(w)[name].public_id}

    return kwargs


def _a_part(w, x):
    from qogam.network.tests.records_practices import a_practice_records  # noqa: PLC0415

    records = a_practice_records(w)
    return {"public_id": records["joint"].public_id, "part_id": records["a_part"].public_id}


RECORD_URLS.update(
    {
        # A's private practice: unseen, unchangeable and not adoptable by B.
        "network:practice": _practices("secret"),
        "network:practice_edit": _practices("secret"),
        "network:practice_adopt": _practices("secret"),
        "portal:network_practice": _practices("secret"),
        # A joint project is the network's: every member reads it by design
        # (test_joint_projects.py checks who reads and who writes); only its lead changes it.
        "network:joint_project": None,
        "network:joint_project_edit": _practices("joint"),
        # A's own part of the joint project: B's people may not write it.
        "network:joint_part_edit": _a_part,
    }
)


# CONFERENCES, RESOLUTIONS AND RESPONSES (views/conferences.py)
def _conference(name: str, slug: str | None = None):
    def kwargs(w, x):
        from qogam.network.tests.records_conferences import a_conference_records  # noqa: PLC0415

        found = {"public_id": a_conference_records(w)[name].public_id}
        return {**found, "slug": slug} if slug else found

    return kwargs


RECORD_URLS.update(
    {
        # The network's own records: every member reads them (public ones, everyone) by
        # design; test_conferences.py checks who reads them and that only statuses show.
        "network:conference": None,
        "network:resolution": None,
        "network:resolution_xlsx": None,
        # Written by the network's administrators only.
        "network:conference_edit": _conference("conference"),
        "network:section_create": _conference("conference"),
        "network:participant_create": _conference("conference"),
        "network:resolution_create": _conference("conference"),
        "network:resolution_edit": _conference("resolution"),
        "network:recommendation_create": _conference("resolution"),
        "network:recommendation_edit": _conference("recommendation"),
        # A's responses (notes, evidence) and answering for A: A's people only.
        "network:member_responses": _conference("resolution", "aqtobe-tech"),
        "network:response_edit": _conference("recommendation", "aqtobe-tech"),
    }
)


def admin_records(world) -> dict:
    from qogam.network.tests.records_members import make_membership  # noqa: PLC0415

    return {"network.networkmembership": make_membership(world["a"])}
