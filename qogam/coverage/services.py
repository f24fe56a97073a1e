"""Writes about media coverage: recording a piece, correcting it, removing it."""

from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from qogam.accounts.models import Membership
from qogam.core.enums import STAFF_ROLES, Visibility
from qogam.core.tenancy import university_scope
from qogam.coverage.models import SUBJECT_FIELDS, Coverage
from qogam.coverage.queries import subject_kind_of, unit_of_subject

# The fields a person fills in; the subject, the university and the author come from context.
EDITABLE = (
    "title",
    "outlet",
    "kind",
    "published_on",
    "language",
    "url",
    "reach",
    "summary",
    "visibility",
    "unit",
)


def _apply(coverage: Coverage, values: dict, upload: UploadedFile | None) -> None:
    for name in EDITABLE:
        if name in values:
            value = values[name]
            setattr(coverage, name, value.strip() if isinstance(value, str) else value)
    if upload is not None:
        coverage.file = upload
        coverage.file_name = (upload.name or "").rsplit("/", 1)[-1][:200]


def _check_people(university_id: int, people: Iterable) -> list:
    """The staff who appear in a piece must be staff of its university; the error names them."""
    people = list(people)
    staff = set(
        Membership.objects.with_scopes_disabled()
        .filter(
            university_id=university_id,
            user_id__in=[p.pk for p in people],
            role__in=sorted(STAFF_ROLES),
        )
        .values_list("user_id", flat=True)
    )
    outsiders = [str(p) for p in people if p.pk not in staff]
    if outsiders:
        raise ValidationError(
            {
                "people": _("Only staff of the university can be named as appearing: %(people)s.")
                % {"people": ", ".join(outsiders)}
            },
            code="foreign_person",
        )
    return people


def record_coverage(
    *,
    actor,
    subject,
    values: dict,
    upload: UploadedFile | None = None,
    people: Sequence = (),
) -> Coverage:
    """Record a piece about `subject` (a project, need, study or council).

    The unit defaults to the subject's own (a project's lead unit, a council's unit), so the
    piece counts in that unit's coverage list. Public by default: it was published already.
    `people` are the university's staff who appear in it.
    """
    if actor is None or not actor.has_perm("coverage.record_coverage", subject):
        raise PermissionDenied(_("You may not record coverage of this record."))
    kind = subject_kind_of(subject)
    coverage = Coverage(
        university_id=subject.university_id,
        recorded_by=actor,
        visibility=Visibility.PUBLIC,
        **{SUBJECT_FIELDS[kind]: subject},
    )
    _apply(coverage, values, upload)
    if coverage.unit_id is None:
        coverage.unit = unit_of_subject(subject)
    with transaction.atomic(), university_scope(coverage.university_id):
        coverage.full_clean()
        people = _check_people(coverage.university_id, people)
        coverage.save()
        coverage.people.set(people)
    return coverage


def update_coverage(
    *,
    actor,
    coverage: Coverage,
    values: dict,
    upload: UploadedFile | None = None,
    people: Sequence | None = None,
) -> Coverage:
    """Correct a piece; `people` None leaves the staff who appear as they are."""
    if actor is None or not actor.has_perm("coverage.change_coverage", coverage):
        raise PermissionDenied(_("You may not change this record."))
    with transaction.atomic(), university_scope(coverage.university_id):
        coverage = Coverage.objects.select_for_update().get(pk=coverage.pk)
        _apply(coverage, values, upload)
        coverage.full_clean()
        if people is not None:
            people = _check_people(coverage.university_id, people)
        coverage.save()
        if people is not None:
            coverage.people.set(people)
    return coverage


def delete_coverage(*, actor, coverage: Coverage) -> None:
    if actor is None or not actor.has_perm("coverage.delete_coverage", coverage):
        raise PermissionDenied(_("You may not delete this record."))
    with transaction.atomic(), university_scope(coverage.university_id):
        stored = coverage.file.name if coverage.file else ""
        storage = coverage.file.storage if coverage.file else None
        coverage.delete()
        if stored and storage is not None:
            # The file goes once the row is surely gone.
            transaction.on_commit(lambda: storage.delete(stored))
