"""Writes for the SDG app."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qogam.core.i18n import require_translations
from qogam.core.tenancy import university_scope
from qogam.sdg import registry
from qogam.sdg.enums import TagSource, TagStatus
from qogam.sdg.models import Goal, LocalTarget, RecordGoal, Target
from qogam.sdg.tagger import tag
from qogam.sdg.tagger.training import taxonomy

LANGUAGES = ("kk", "ru", "en")


@dataclass(frozen=True)
class SyncSummary:
    goals_created: int
    targets_created: int
    updated: int


def _position(code: str) -> int:
    part = code.split(".")[1]
    # Numbered targets first, then the lettered "means of implementation" (a=101, b=102 …).
    return int(part) if part.isdigit() else 100 + ord(part[0]) - ord("a") + 1


@transaction.atomic
def sync_taxonomy(
    *, goal_model: type[Goal] = Goal, target_model: type[Target] = Target
) -> SyncSummary:
    """Create or update the 17 goals and 169 targets from data/taxonomy.json (idempotent).

    The taxonomy is the UN's, shared by every university, so there is no actor to audit.
    The data migration passes its historical models.
    """
    data = taxonomy()
    goals_created = targets_created = updated = 0
    goals: dict[int, Goal] = {}
    for g in data["goals"]:
        values = {"colour": g["colour"]}
        for lang in LANGUAGES:
            values[f"short_title_{lang}"] = g["short"][lang]
            values[f"title_{lang}"] = g["title"][lang]
        values["short_title"], values["title"] = g["short"]["en"], g["title"]["en"]
        goal, created = goal_model.objects.get_or_create(number=g["number"], defaults=values)
        if created:
            goals_created += 1
        elif any(getattr(goal, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(goal, k, v)
            goal.save()
            updated += 1
        goals[goal.number] = goal
    for t in data["targets"]:
        if not re.fullmatch(r"\d{1,2}\.[0-9a-z]{1,2}", t["code"]):
            raise ValueError(f"Bad target code in taxonomy.json: {t['code']!r}")
        values = {"goal": goals[t["goal"]], "position": _position(t["code"])}
        for lang in LANGUAGES:
            values[f"title_{lang}"] = t["title"][lang]
        values["title"] = t["title"]["en"]
        target, created = target_model.objects.get_or_create(code=t["code"], defaults=values)
        if created:
            targets_created += 1
        elif any(getattr(target, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(target, k, v)
            target.save()
            updated += 1
    return SyncSummary(goals_created, targets_created, updated)


def _record_rows(record) -> dict[tuple[int, str], RecordGoal]:
    content_type = ContentType.objects.get_for_model(record)
    rows = RecordGoal.objects.with_scopes_disabled().filter(
        content_type=content_type, object_id=record.pk
    )
    return {(row.goal, row.target): row for row in rows}


def _suggestion_facts(result: dict, goal: int, target: str = "") -> dict:
    """Score and evidence of a goal (or target) in a tagger result, if it was suggested."""
    if target:
        scores = {t["target"]: t["score"] for t in result.get("targets", [])}
        facts: dict = {"score": scores.get(target)}
    else:
        scores = {g["goal"]: g["score"] for g in result.get("goals", [])}
        facts = {"score": scores.get(goal)}
    facts["evidence"] = result.get("evidence", {}).get(str(goal), {}) if facts["score"] else {}
    facts["language"] = result.get("language", "") if facts["score"] is not None else ""
    return facts


@transaction.atomic
def record_goal_choices(
    *,
    actor,
    record,
    accepted: Iterable[int] = (),
    rejected: Iterable[int] = (),
    targets: Iterable[str] | None = None,
) -> None:
    """Say how each of a just-saved record's goals got there, and remember rejections.

    `record.sdgs` holds the goals as saved. A goal among them is "suggested and accepted"
    when it is in `accepted` or had a waiting suggestion, otherwise "chosen by hand". A
    goal in `rejected` that the record does not carry is remembered as rejected. A goal the
    record no longer carries loses its accepted row (and its targets). `targets`, when
    given, is the whole set of accepted target codes; None leaves the targets as they are.
    """
    kind = registry.taggable_for(record)
    if kind is None:
        raise ValueError(f"{record._meta.label} is not a taggable record")
    goals = {int(g) for g in getattr(record, kind.sdgs_field) or []}
    accepted, rejected = set(accepted), set(rejected) - goals
    rows = _record_rows(record)
    result = tag(registry.text_of(record))
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(record)

    def put(goal: int, target: str, status: str, source: str) -> None:
        row = rows.get((goal, target))
        if row is not None and row.status == status and status != TagStatus.SUGGESTED:
            return
        if row is None:
            row = RecordGoal(
                university_id=record.university_id,
                content_type=content_type,
                object_id=record.pk,
                goal=goal,
                target=target,
            )
        was_suggested = row.pk is not None and row.status == TagStatus.SUGGESTED
        row.status = status
        row.source = TagSource.SUGGESTION if was_suggested else source
        facts = _suggestion_facts(result, goal, target)
        if facts["score"] is not None or row.score is None:
            row.score, row.evidence, row.language = (
                facts["score"],
                facts["evidence"],
                facts["language"],
            )
        row.decided_by, row.decided_at = actor, now
        row.save()
        rows[(goal, target)] = row

    for goal in sorted(goals):
        source = TagSource.SUGGESTION if goal in accepted else TagSource.MANUAL
        put(goal, "", TagStatus.ACCEPTED, source)
    for goal in sorted(rejected):
        put(goal, "", TagStatus.REJECTED, TagSource.SUGGESTION)
    if targets is not None:
        wanted = {code for code in targets if code.split(".")[0].isdigit()}
        for code in sorted(wanted):
            goal = int(code.split(".")[0])
            if goal in goals:
                put(goal, code, TagStatus.ACCEPTED, TagSource.SUGGESTION)
        stale_targets = [
            row.pk
            for (goal, target), row in rows.items()
            if target and row.status == TagStatus.ACCEPTED and target not in wanted
        ]
        RecordGoal.objects.with_scopes_disabled().filter(pk__in=stale_targets).delete()
    removed = [
        row.pk
        for (goal, _target), row in rows.items()
        if goal not in goals and row.status == TagStatus.ACCEPTED
    ]
    RecordGoal.objects.with_scopes_disabled().filter(pk__in=removed).delete()


def rejected_goals(record) -> set[int]:
    """Goals suggested for a record and rejected by a person: not offered again."""
    return {
        goal
        for (goal, target), row in _record_rows(record).items()
        if not target and row.status == TagStatus.REJECTED
    }


def accepted_targets(record) -> list[str]:
    return sorted(
        target
        for (_goal, target), row in _record_rows(record).items()
        if target and row.status == TagStatus.ACCEPTED
    )


@transaction.atomic
def decide_suggestion(*, actor, row: RecordGoal, accept: bool) -> RecordGoal:
    """Accept (the goal joins the record's goals) or reject a waiting suggestion."""
    if row.status != TagStatus.SUGGESTED:
        raise ValidationError(_("This suggestion has already been decided."), code="decided")
    record = row.content_type.get_object_for_this_type(pk=row.object_id)
    kind = registry.taggable_for(record)
    if kind is None:
        raise ValidationError(_("This kind of record cannot be tagged."), code="kind")
    if kind.change_perm and not actor.has_perm(kind.change_perm, record):
        raise PermissionDenied(_("You may not change this record's goals."))
    row.status = TagStatus.ACCEPTED if accept else TagStatus.REJECTED
    row.source = TagSource.SUGGESTION
    row.decided_by, row.decided_at = actor, timezone.now()
    row.save(update_fields=["status", "source", "decided_by", "decided_at", "updated_at"])
    if accept:
        goals = sorted({*(getattr(record, kind.sdgs_field) or []), row.goal})
        setattr(record, kind.sdgs_field, goals)
        record.save(update_fields=[kind.sdgs_field, "updated_at"])
    return row


# A local target's code: letters, digits, dots and dashes, beginning with its UN target's code
# and a dot ("7.2.KZ-1"), so a reader of any list sees at once which target it serves.
LOCAL_CODE_MAX = 32
_LOCAL_CODE = re.compile(r"(?:[^\W_]|[.-])+")


def local_target_code_errors(code: str, target_code: str) -> list[str]:
    """What is wrong with a local target's code under the UN target `target_code`."""
    errors = []
    if len(code) > LOCAL_CODE_MAX or not _LOCAL_CODE.fullmatch(code):
        errors.append(
            _("Use only letters, digits, dots and dashes, up to %(max)d characters.")
            % {"max": LOCAL_CODE_MAX}
        )
    prefix = f"{target_code}."
    if target_code and (not code.startswith(prefix) or len(code) == len(prefix)):
        errors.append(
            _(
                "The code must begin with the UN target's code and a dot, "
                "then your own part: %(example)s"
            )
            % {"example": f"{prefix}KZ-1"}
        )
    return errors


def save_local_target(
    *, actor, university, values: dict, local_target: LocalTarget | None = None
) -> LocalTarget:
    """Create a university's local target (local_target=None) or change one.

    The office or an administrator of the university only. A code already used by another
    local target of the university is refused on `code`, as is one that does not begin with
    its UN target's code; the audit trail records the change (the model is registered).
    """
    local_target = local_target or LocalTarget(university=university)
    for name, value in values.items():
        setattr(local_target, name, value.strip() if isinstance(value, str) else value)
    if not actor.has_perm("sdg.run_tagging", local_target):
        raise PermissionDenied(_("You may not manage this university's local targets."))
    errors: dict = {}
    try:
        # The unique constraint is checked below, so that its error names the code.
        local_target.full_clean(validate_constraints=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    try:
        require_translations(local_target, "title")
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if local_target.code and local_target.target_id and "code" not in errors:
        problems = local_target_code_errors(local_target.code, local_target.target.code)
        if problems:
            errors["code"] = problems
    with transaction.atomic(), university_scope(local_target.university_id):
        if "code" not in errors and _local_code_taken(local_target):
            errors["code"] = [_duplicate_code_message(local_target.code)]
        if errors:
            raise ValidationError(errors)
        try:
            with transaction.atomic():
                local_target.save()
        except IntegrityError:
            # Someone else took the code between the check and the save.
            raise ValidationError(
                {"code": _duplicate_code_message(local_target.code)}, code="duplicate"
            ) from None
    return local_target


def _local_code_taken(local_target: LocalTarget) -> bool:
    # Case-blind, so "7.2.KZ-1" and "7.2.kz-1" never name two different targets.
    return (
        LocalTarget.objects.filter(
            university_id=local_target.university_id, code__iexact=local_target.code
        )
        .exclude(pk=local_target.pk)
        .exists()
    )


def _duplicate_code_message(code: str) -> str:
    return _("The university already has a local target with the code %(code)s.") % {"code": code}


def delete_local_target(*, actor, local_target: LocalTarget) -> None:
    if not actor.has_perm("sdg.run_tagging", local_target):
        raise PermissionDenied(_("You may not manage this university's local targets."))
    with transaction.atomic(), university_scope(local_target.university_id):
        local_target.delete()
