"""University A's SDG tagging records for the cross-tenant sweep (core/tests/test_tenant_sweep.py).

RECORD_URLS: URL name -> function(world, extra) giving the kwargs of one of A's records.
admin_records: function(world) giving {"app.model": record} for each tenant model registered
in the admin (the SDG app registers none).
"""

from django.contrib.contenttypes.models import ContentType

from qogam.core.tenancy import university_scope
from qogam.projects.models import Project
from qogam.projects.tests.factories import make_project
from qogam.sdg.enums import RunStatus, TagSource, TagStatus
from qogam.sdg.models import LocalTarget, RecordGoal, TaggingRun, Target


def a_tagging_records(world) -> dict:
    """A finished run of A and a suggestion waiting on A's private project; built once."""
    if "_sdg_tagging_records" in world:
        return world["_sdg_tagging_records"]
    project = make_project(
        world,
        title_kk="A Department of Physics solar roof",
        title_en="A Department of Physics solar roof",
        lead_unit=world["a_department"],
        sdgs=[],
    )
    with university_scope(world["a"]):
        run = TaggingRun.objects.create(
            university=world["a"],
            kinds=["projects.project"],
            status=RunStatus.DONE,
            total=1,
            done=1,
            suggested=1,
            requested_by=world["erin"],
        )
        suggestion = RecordGoal.objects.create(
            university=world["a"],
            content_type=ContentType.objects.get_for_model(Project),
            object_id=project.pk,
            goal=7,
            status=TagStatus.SUGGESTED,
            source=TagSource.SUGGESTION,
            score=0.9,
            evidence={"terms": ["solar"], "queries": [], "model_probability": 0.8},
            language="en",
        )
    world["_sdg_tagging_records"] = {"project": project, "run": run, "suggestion": suggestion}
    return world["_sdg_tagging_records"]


def a_local_target(world) -> LocalTarget:
    """A local target of A whose title is the sweep's canary; built once."""
    if "_sdg_local_target" not in world:
        with university_scope(world["a"]):
            world["_sdg_local_target"] = LocalTarget.objects.create(
                university=world["a"],
                target=Target.objects.get(code="7.2"),
                code="7.2.KZ-1",
                title_kk="A Department of Physics solar roofs",
                title_en="A Department of Physics solar roofs",
            )
    return world["_sdg_local_target"]


def _local(w, x):
    return {"public_id": a_local_target(w).public_id}


def _run(w, x):
    return {"public_id": a_tagging_records(w)["run"].public_id}


RECORD_URLS: dict = {
    "sdg:run": _run,
    "sdg:run_progress": _run,
    "sdg:decide": lambda w, x: {"public_id": a_tagging_records(w)["suggestion"].public_id},
    "sdg:local_target_edit": _local,
    "sdg:local_target_delete": _local,
}


def admin_records(world) -> dict:
    return {}
