"""Writes about joint projects: the lead university's office (or the network's admins)
creates one and invites members as partners; each member then writes only its own part.
"""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from qogam.core.i18n import require_translations
from qogam.core.tenancy import all_universities, university_scope
from qogam.network.models import JointProject, JointProjectPart
from qogam.network.queries import active_member_ids
from qogam.projects.models import Project

JOINT_FIELDS = frozenset(
    {
        *(f"{base}_{code}" for base in ("title", "description") for code in ("kk", "ru", "en")),
        "visibility",
        "sdgs",
        "starts_on",
        "ends_on",
    }
)


def _check_values(values: dict[str, Any]) -> None:
    unknown = sorted(set(values) - JOINT_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields are not a joint project's: %(fields)s.")
            % {"fields": ", ".join(unknown)}
        )


def _validate(joint: JointProject) -> None:
    joint.full_clean(exclude=["created_by"])
    require_translations(joint, "title")
    if joint.starts_on and joint.ends_on and joint.ends_on < joint.starts_on:
        raise ValidationError({"ends_on": _("The joint project ends before it starts.")})


def _check_members(universities: Sequence) -> None:
    members = active_member_ids()
    outside = [u for u in universities if u.pk not in members]
    if outside:
        raise ValidationError(
            {
                "partners": _("%(university)s is not a member of the network.")
                % {"university": outside[0]}
            },
            code="not_a_member",
        )


def _add_parts(joint: JointProject, universities: Sequence) -> None:
    have = set(
        JointProjectPart.objects.with_scopes_disabled()
        .filter(joint=joint)
        .values_list("university_id", flat=True)
    )
    for university in universities:
        if university.pk not in have:
            JointProjectPart.objects.with_scopes_disabled().create(
                joint=joint, university=university
            )
            have.add(university.pk)


def create_joint_project(
    *, actor, lead_university, values: dict[str, Any], partners: Sequence = ()
) -> JointProject:
    """A joint project led by `lead_university` with a part for it and for each partner."""
    _check_values(values)
    joint = JointProject(lead_university=lead_university, created_by=actor, **values)
    if not actor.has_perm("network.change_jointproject", joint):
        raise PermissionDenied(_("You may not start joint projects for this university."))
    universities = [lead_university, *[u for u in partners if u.pk != lead_university.pk]]
    with transaction.atomic(), all_universities():
        _validate(joint)
        _check_members(universities)
        joint.save()
        _add_parts(joint, universities)
    return joint


def update_joint_project(
    *, actor, joint: JointProject, values: dict[str, Any], partners: Sequence | None = None
) -> JointProject:
    """Change the joint project; partners only ever join (a part, once written, is kept)."""
    if not actor.has_perm("network.change_jointproject", joint):
        raise PermissionDenied(_("You may not change this joint project."))
    _check_values(values)
    with transaction.atomic(), all_universities():
        locked = JointProject.objects.select_for_update().get(pk=joint.pk)
        for name, value in values.items():
            setattr(locked, name, value)
        _validate(locked)
        locked.save()
        if partners is not None:
            _check_members(partners)
            _add_parts(locked, partners)
    return locked


def save_part(
    *,
    actor,
    part: JointProjectPart,
    contribution: str,
    project: Project | None,
) -> JointProjectPart:
    """A member writes its own part: its contribution, through one of its own projects."""
    if not actor.has_perm("network.change_jointprojectpart", part):
        raise PermissionDenied(_("Only the partner's own office writes its part."))
    if project is not None and project.university_id != part.university_id:
        raise ValidationError(
            {"project": _("Choose a project of your own university.")}, code="foreign_project"
        )
    with transaction.atomic(), university_scope(part.university_id):
        locked = JointProjectPart.objects.select_for_update().get(pk=part.pk)
        locked.contribution = contribution
        locked.project = project
        locked.full_clean()
        locked.save()
    return locked
