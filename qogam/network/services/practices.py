"""Writes about good practices: publishing one from a university's projects, and another
member adopting it with a project of its own.

A practice and an adoption link only projects of their own university; a project of another
university is refused with an error on the `projects` / `project` field, and nothing is saved.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qogam.core.i18n import require_translations
from qogam.core.tenancy import university_scope
from qogam.network.models import GoodPractice, PracticeAdoption
from qogam.network.queries import is_active_member
from qogam.projects.models import Project

PRACTICE_FIELDS = frozenset(
    {
        *(
            f"{base}_{code}"
            for base in ("title", "summary", "audience", "results")
            for code in ("kk", "ru", "en")
        ),
        "contact",
        "theme",
        "sdgs",
        "components",
        "visibility",
    }
)


def _check_values(values: dict[str, Any]) -> None:
    unknown = sorted(set(values) - PRACTICE_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields are not a practice's: %(fields)s.") % {"fields": ", ".join(unknown)}
        )


def _check_own_projects(university_id: int, projects: Sequence[Project]) -> None:
    foreign = [p for p in projects if p.university_id != university_id]
    if foreign:
        raise ValidationError(
            {
                "projects": _(
                    "A practice comes from its own university's projects; “%(project)s” is "
                    "another university's."
                )
                % {"project": foreign[0].title}
            },
            code="foreign_project",
        )


def _validate(practice: GoodPractice) -> None:
    practice.full_clean(exclude=["projects", "published_by"])
    require_translations(practice, "title", "summary")


def publish_practice(
    *,
    actor,
    university,
    values: dict[str, Any],
    projects: Sequence[Project] = (),
) -> GoodPractice:
    """Publish a practice of `university` from some of its projects."""
    _check_values(values)
    practice = GoodPractice(university=university, published_by=actor, **values)
    if not actor.has_perm("network.change_goodpractice", practice):
        raise PermissionDenied(_("You may not publish practices of this university."))
    with transaction.atomic(), university_scope(university):
        _validate(practice)
        _check_own_projects(university.pk, projects)
        practice.save()
        practice.projects.set(projects)
    return practice


def update_practice(
    *,
    actor,
    practice: GoodPractice,
    values: dict[str, Any],
    projects: Sequence[Project] | None = None,
) -> GoodPractice:
    if not actor.has_perm("network.change_goodpractice", practice):
        raise PermissionDenied(_("You may not change this practice."))
    _check_values(values)
    with transaction.atomic(), university_scope(practice.university_id):
        locked = GoodPractice.objects.select_for_update().get(pk=practice.pk)
        for name, value in values.items():
            setattr(locked, name, value)
        _validate(locked)
        if projects is not None:
            _check_own_projects(locked.university_id, projects)
        locked.save()
        if projects is not None:
            locked.projects.set(projects)
    return locked


def delete_practice(*, actor, practice: GoodPractice) -> None:
    if not actor.has_perm("network.delete_goodpractice", practice):
        raise PermissionDenied(_("You may not delete this practice."))
    with transaction.atomic(), university_scope(practice.university_id):
        practice.delete()


def adopt_practice(
    *,
    actor,
    practice: GoodPractice,
    university,
    project: Project | None,
    note: str = "",
    adopted_on: date | None = None,
) -> PracticeAdoption:
    """`university` takes up another member's practice, carried by one of its own projects.

    One adoption per university and practice: a second one is refused, naming the practice.
    """
    adoption = PracticeAdoption(
        practice=practice,
        university=university,
        project=project,
        note=note,
        adopted_on=adopted_on or timezone.localdate(),
        adopted_by=actor,
    )
    if not actor.has_perm("network.change_practiceadoption", adoption):
        raise PermissionDenied(_("You may not record adoptions for this university."))
    if practice.university_id == university.pk:
        raise ValidationError(
            _("A university does not adopt its own practice."), code="own_practice"
        )
    if not is_active_member(university.pk):
        raise ValidationError(
            _("Only a member of the network adopts its practices."), code="not_a_member"
        )
    if project is not None and project.university_id != university.pk:
        raise ValidationError(
            {"project": _("Choose a project of your own university.")}, code="foreign_project"
        )
    with transaction.atomic(), university_scope(university):
        taken = PracticeAdoption.objects.select_for_update().filter(
            practice=practice, university=university
        )
        if taken.exists():
            raise ValidationError(
                _("Your university has already adopted “%(practice)s”.")
                % {"practice": practice.title},
                code="already_adopted",
            )
        adoption.full_clean(exclude=["adopted_by"])
        adoption.save()
    return adoption


def withdraw_adoption(*, actor, adoption: PracticeAdoption) -> None:
    if not actor.has_perm("network.delete_practiceadoption", adoption):
        raise PermissionDenied(_("You may not withdraw this adoption."))
    with transaction.atomic(), university_scope(adoption.university_id):
        adoption.delete()
