"""The demo's SDG suggestions: each university's office has run the tagger over its records
once, so the review queue holds suggestions to accept or reject.

The run is the real one (qogam.sdg.bulk), read synchronously here instead of by a worker.
At benchmark sizes the records are too many to tag while the demo loads; those universities
are left for their office to run from the page. A university that has a run is skipped, so a
second load writes nothing.
"""

from collections import Counter

from qogam.core.tenancy import university_scope
from qogam.demo.network_members import admin_of
from qogam.sdg import bulk, registry
from qogam.sdg.models import TaggingRun

# Above this many records a university's run is left to its office (about 6 ms a record).
MAX_RECORDS = 3_000


def build_sdg_suggestions(*, universities, created: Counter) -> None:
    kinds = [kind.key for kind in registry.taggables()]
    for university in universities:
        with university_scope(university):
            if TaggingRun.objects.filter(university=university).exists():
                continue
            records = sum(kind.records_of(university.pk).count() for kind in registry.taggables())
            if records > MAX_RECORDS:
                continue
            run = TaggingRun.objects.create(
                university=university,
                kinds=kinds,
                only_untagged=False,
                requested_by=admin_of(university),
            )
        finished = bulk.run_tagging(run_id=run.pk)
        if finished is not None:
            created["SDG suggestions"] += finished.suggested
