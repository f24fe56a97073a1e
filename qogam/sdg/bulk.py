"""Bulk SDG tagging: a run reads a university's existing records in the background and
leaves suggestions for a person to accept or reject in the review queue.

A run never changes a record's goals; it only writes RecordGoal rows with the status
"suggested". Accepting one (services.decide_suggestion) is what puts the goal on the record.
"""

import logging
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import F, Max, Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from qogam.core.tenancy import all_universities, university_scope
from qogam.organisations.models import University
from qogam.sdg import registry, tagger
from qogam.sdg.enums import RunStatus, TagSource, TagStatus
from qogam.sdg.models import RecordGoal, TaggingRun

logger = logging.getLogger(__name__)

# Records read (and suggestions written) per transaction: small enough for the run's page
# to move steadily, large enough that the writes cost little next to the tagging.
BATCH_SIZE = 50
REVIEW_PER_PAGE = 20
UNFINISHED = (RunStatus.QUEUED, RunStatus.RUNNING)
READABLE_LANGUAGES = ("kk", "ru", "en")


# --- Starting a run ---------------------------------------------------------------------------


def start_tagging_run(
    *, actor, university: University, kinds: list[str], only_untagged: bool
) -> tuple[TaggingRun, bool]:
    """Queue a run over the university's records of `kinds`; tag them once it is committed.

    Returns (run, True) for a new run, or (the unfinished run, False) when one is already
    queued or running for the university: two runs at once would suggest the same goals.
    """
    if actor is None or not actor.has_perm("sdg.run_tagging", university):
        raise PermissionDenied(_("You may not tag this university's records."))
    known = [kind.key for kind in registry.taggables()]
    unknown = sorted(set(kinds) - set(known))
    if unknown or not kinds:
        raise ValidationError(
            {"kinds": [_("Choose at least one kind of record from the list.")]}, code="kinds"
        )
    with transaction.atomic(), university_scope(university):
        # The university's row is the lock: two requests at once cannot both start a run.
        University.objects.select_for_update().filter(pk=university.pk).first()
        running = (
            TaggingRun.objects.filter(university=university, status__in=UNFINISHED)
            .order_by("created_at", "pk")
            .first()
        )
        if running is not None:
            return running, False
        run = TaggingRun(
            university=university,
            kinds=[key for key in known if key in kinds],
            only_untagged=only_untagged,
            requested_by=actor,
        )
        run.full_clean()
        run.save()
        _schedule(run)
    return run, True


def _schedule(run: TaggingRun) -> None:
    from qogam.sdg.tasks import tag_records  # noqa: PLC0415 -- the task module imports us

    run_id = run.pk
    transaction.on_commit(lambda: tag_records.enqueue(run_id=run_id))


# --- The run itself ---------------------------------------------------------------------------


def run_tagging(*, run_id: int) -> TaggingRun | None:
    """Read a queued run's records and write suggestions: running → done, or failed.

    Called by the task, outside any transaction. Each batch is written in one transaction
    with the run's counters, so a failure leaves whole batches (they are only suggestions)
    and counters that match them. A run another worker took, or a deleted one, is left
    alone (None).
    """
    with all_universities():
        university_id = (
            TaggingRun.objects.filter(pk=run_id).values_list("university_id", flat=True).first()
        )
    if university_id is None:
        return None
    with university_scope(university_id):
        now = timezone.now()
        # One conditional UPDATE takes the run, so two workers never read it twice.
        taken = TaggingRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
            status=RunStatus.RUNNING, started_at=now, updated_at=now, error=""
        )
        if not taken:
            return None
        run = TaggingRun.objects.get(pk=run_id)
        try:
            _read_records(run)
        except Exception as exc:
            logger.exception("SDG tagging run %s failed", run.public_id)
            TaggingRun.objects.filter(pk=run_id).update(
                status=RunStatus.FAILED,
                error=(str(exc) or exc.__class__.__name__)[:2000],
                finished_at=timezone.now(),
                updated_at=timezone.now(),
            )
        else:
            TaggingRun.objects.filter(pk=run_id).update(
                status=RunStatus.DONE, finished_at=timezone.now(), updated_at=timezone.now()
            )
        run.refresh_from_db()
    return run


def _kinds_of(run: TaggingRun) -> list[registry.Taggable]:
    kinds = []
    for key in run.kinds:
        kind = registry.taggable(key)
        if kind is None:
            raise ValueError(_("%(kind)s is not a kind of record Qogam can tag.") % {"kind": key})
        kinds.append(kind)
    return kinds


def records_to_read(kind: registry.Taggable, run: TaggingRun) -> QuerySet:
    records = kind.records_of(run.university_id)
    if run.only_untagged:
        name = kind.sdgs_field
        records = records.filter(Q(**{name: []}) | Q(**{f"{name}__isnull": True}))
    return records


def _read_records(run: TaggingRun) -> None:
    # The records there were when the run started: the last pk of each kind is fixed now,
    # so records added meanwhile do not push "read" past "to read".
    plan = []
    for kind in _kinds_of(run):
        records = records_to_read(kind, run)
        last_pk = records.aggregate(last=Max("pk"))["last"]
        if last_pk is not None:
            plan.append((kind, records.filter(pk__lte=last_pk)))
    total = sum(records.count() for _kind, records in plan)
    TaggingRun.objects.filter(pk=run.pk).update(total=total, updated_at=timezone.now())
    done = suggested = 0
    for kind, records in plan:
        content_type = ContentType.objects.get_for_model(kind.model)
        after = 0
        while True:
            batch = list(records.filter(pk__gt=after).order_by("pk")[:BATCH_SIZE])
            if not batch:
                break
            after = batch[-1].pk
            rows = _suggestions(kind, content_type, batch, run.university_id)
            done += len(batch)
            suggested += len(rows)
            with transaction.atomic():
                # A goal chosen by hand for the same record a moment ago wins: the conflict
                # on (record, goal, target) skips the suggestion instead of failing the run.
                RecordGoal.objects.bulk_create(rows, ignore_conflicts=True)
                TaggingRun.objects.filter(pk=run.pk).update(
                    done=done, suggested=suggested, updated_at=timezone.now()
                )


def _suggestions(
    kind: registry.Taggable, content_type: ContentType, batch: list[Model], university_id: int
) -> list[RecordGoal]:
    """New suggested rows for a batch: no goal the record carries, none already suggested,
    accepted or rejected for it. Texts the tagger cannot read are skipped."""
    taken = set(
        RecordGoal.objects.filter(
            content_type=content_type, object_id__in=[record.pk for record in batch], target=""
        ).values_list("object_id", "goal")
    )
    rows = []
    for record in batch:
        text = registry.text_of(record)
        if not text.strip():
            continue
        result = tagger.tag(text)
        if result.get("language") not in READABLE_LANGUAGES:
            continue
        carried = {int(goal) for goal in getattr(record, kind.sdgs_field) or []}
        for suggestion in result.get("goals", []):
            goal = int(suggestion["goal"])
            if goal in carried or (record.pk, goal) in taken:
                continue
            rows.append(
                RecordGoal(
                    university_id=university_id,
                    content_type=content_type,
                    object_id=record.pk,
                    goal=goal,
                    target="",
                    status=TagStatus.SUGGESTED,
                    source=TagSource.SUGGESTION,
                    score=suggestion["score"],
                    evidence=result.get("evidence", {}).get(str(goal), {}),
                    language=result["language"],
                )
            )
            taken.add((record.pk, goal))
    return rows


# --- The review queue -------------------------------------------------------------------------


@dataclass
class ReviewItem:
    """One record on the review page with its waiting suggestions, best first."""

    record: Model
    kind: registry.Taggable
    suggestions: list[RecordGoal] = field(default_factory=list)


def _kinds_by_content_type(kind_key: str = "") -> dict[int, registry.Taggable]:
    kinds = [k for k in registry.taggables() if not kind_key or k.key == kind_key]
    types = ContentType.objects.get_for_models(*(k.model for k in kinds))
    return {types[k.model].pk: k for k in kinds}


def waiting_suggestions(
    *, university_id: int, kind_key: str = "", goal: int | None = None
) -> QuerySet[RecordGoal]:
    """The university's suggestions waiting for a decision, of registered kinds only."""
    rows = RecordGoal.objects.filter(
        university_id=university_id,
        status=TagStatus.SUGGESTED,
        target="",
        content_type_id__in=list(_kinds_by_content_type(kind_key)),
    )
    if goal:
        rows = rows.filter(goal=goal)
    return rows


def review_page(
    *, university_id: int, kind_key: str = "", goal: int | None = None, page_number=None
) -> tuple[Page, list[ReviewItem]]:
    """A page of records with waiting suggestions, the most confident first.

    The number of queries does not grow with the page: the page of records (and its count),
    their suggestions in one query, and the records in one query per kind on the page.
    """
    rows = waiting_suggestions(university_id=university_id, kind_key=kind_key, goal=goal)
    records = (
        rows.values("content_type_id", "object_id")
        .annotate(best=Max("score"))
        .order_by(F("best").desc(nulls_last=True), "content_type_id", "object_id")
    )
    page = Paginator(records, REVIEW_PER_PAGE).get_page(page_number)
    keys = [(entry["content_type_id"], entry["object_id"]) for entry in page.object_list]
    if not keys:
        return page, []
    kinds = _kinds_by_content_type(kind_key)
    wanted = set(keys)
    by_key: dict[tuple[int, int], list[RecordGoal]] = {}
    page_rows = rows.filter(
        content_type_id__in={ct for ct, _pk in keys}, object_id__in={pk for _ct, pk in keys}
    ).order_by("-score", "goal")
    for row in page_rows:
        if (row.content_type_id, row.object_id) in wanted:
            by_key.setdefault((row.content_type_id, row.object_id), []).append(row)
    found: dict[tuple[int, int], Model] = {}
    for content_type_id in sorted({ct for ct, _pk in keys}):
        ids = [pk for ct, pk in keys if ct == content_type_id]
        for record in kinds[content_type_id].records_of(university_id).filter(pk__in=ids):
            found[(content_type_id, record.pk)] = record
    items = [
        ReviewItem(record=found[key], kind=kinds[key[0]], suggestions=by_key.get(key, []))
        for key in keys
        # A record deleted since the run leaves its suggestions behind; they are not shown.
        if key in found
    ]
    return page, items


def suggestion_of(*, university_ids, public_id) -> RecordGoal | None:
    return (
        RecordGoal.objects.filter(university_id__in=university_ids, public_id=public_id)
        .select_related("content_type")
        .first()
    )
