"""Writes about projects: the record, its people, its updates and evidence, and its needs.

A project that addresses a need takes it up through the needs workflow
(`needs.services.take_up_need`) in the same transaction as the project itself, so a need
the workflow refuses (not published, closed, not the actor's to take) refuses the whole save
with an error naming the need, and nothing is half-saved.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from qogam.accounts.models import Membership
from qogam.core.enums import NETWORK_MEMBER_ROLES, STAFF_ROLES, Visibility
from qogam.core.i18n import CONTENT_LANGUAGES, require_translations
from qogam.core.tenancy import university_scope
from qogam.needs import services as need_services
from qogam.needs.enums import NeedState
from qogam.needs.models import Need
from qogam.projects.enums import ProjectStatus
from qogam.projects.models import Evidence, Participant, Project, ProjectUpdate, UpdatePhoto

# The most photos one update may carry.
MAX_PHOTOS = 6


def _people_with_roles(university_id: int, user_ids: Iterable[int], roles) -> set[int]:
    return set(
        Membership.objects.with_scopes_disabled()
        .filter(university_id=university_id, user_id__in=list(user_ids), role__in=list(roles))
        .values_list("user_id", flat=True)
    )


def _check_relations(project: Project, *, units, responsible, partners, needs) -> None:
    """Every linked record must be the project's university's; errors name the field."""
    errors: dict[str, str] = {}
    owner = project.university_id
    if units is not None and any(u.university_id != owner for u in units):
        errors["units"] = _("A unit belongs to another university.")
    if responsible is not None:
        people = list(responsible)
        staff = _people_with_roles(owner, [p.pk for p in people], STAFF_ROLES)
        outsiders = [str(p) for p in people if p.pk not in staff]
        if outsiders:
            errors["responsible"] = _(
                "Only staff of the project's university can be responsible: %(people)s."
            ) % {"people": ", ".join(outsiders)}
    if partners is not None and any(p.university_id != owner for p in partners):
        errors["partners"] = _("A partner belongs to another university.")
    if needs is not None:
        foreign = [n.title for n in needs if n.university_id != owner]
        if foreign:
            errors["needs"] = _("The need “%(need)s” was addressed to another university.") % {
                "need": foreign[0]
            }
    if errors:
        raise ValidationError(errors)


def _take_up_note(project: Project) -> dict[str, str]:
    """The note on the need's public timeline; a project not public is not named there."""
    note = {}
    public = project.visibility == Visibility.PUBLIC
    for code in CONTENT_LANGUAGES:
        title = getattr(project, f"title_{code}", "") or getattr(project, "title_kk", "") or ""
        with translation.override(code):
            if public:
                note[code] = _("The project “%(title)s” takes this need up.") % {"title": title}
            else:
                note[code] = _("A project of the university takes this need up.")
    return note


def _take_up(actor, project: Project, needs: Sequence[Need]) -> None:
    for need in needs:
        try:
            need_services.take_up_need(
                actor=actor, need=need, unit=project.lead_unit, note=_take_up_note(project)
            )
        except (ValidationError, PermissionDenied) as exc:
            reason = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            raise ValidationError(
                {
                    "needs": _("The need “%(need)s” cannot be taken up: %(reason)s")
                    % {"need": need.title, "reason": reason}
                },
                code="need_refused",
            ) from exc


def _validate(project: Project) -> None:
    project.full_clean(exclude=["units", "responsible", "partners", "needs"])
    require_translations(project, "title")


def create_project(
    *,
    actor,
    university,
    values: dict[str, Any],
    units: Sequence = (),
    responsible: Sequence = (),
    partners: Sequence = (),
    needs: Sequence[Need] = (),
) -> Project:
    """Record a project; each need it addresses moves to "in progress" in the same transaction."""
    if not actor.has_perm("projects.create_project_at", university):
        raise PermissionDenied(_("You may not add projects to this university."))
    project = Project(university=university, **values)
    with transaction.atomic(), university_scope(university):
        _validate(project)
        if not actor.has_perm("projects.manage_project", project):
            raise PermissionDenied(_("You may add projects led by your own unit only."))
        _check_relations(
            project, units=units, responsible=responsible, partners=partners, needs=needs
        )
        project.save()
        project.units.set(units)
        project.responsible.set(responsible)
        project.partners.set(partners)
        project.needs.set(needs)
        _take_up(actor, project, needs)
    return project


def update_project(
    *,
    actor,
    project: Project,
    values: dict[str, Any],
    units: Sequence | None = None,
    responsible: Sequence | None = None,
    partners: Sequence | None = None,
    needs: Sequence[Need] | None = None,
) -> Project:
    """Change a project. Needs newly linked are taken up; unlinking one leaves it as it is."""
    if not actor.has_perm("projects.manage_project", project):
        raise PermissionDenied(_("You may not change this project."))
    with transaction.atomic(), university_scope(project.university_id):
        locked = (
            Project.objects.with_scopes_disabled()
            .select_for_update()
            .select_related("lead_unit")
            .get(pk=project.pk)
        )
        for name, value in values.items():
            setattr(locked, name, value)
        _validate(locked)
        # A coordinator may not hand the project to a unit outside their own.
        if not actor.has_perm("projects.manage_project", locked):
            raise PermissionDenied(_("You may not move the project to this unit."))
        _check_relations(
            locked, units=units, responsible=responsible, partners=partners, needs=needs
        )
        locked.save()
        if units is not None:
            locked.units.set(units)
        if responsible is not None:
            locked.responsible.set(responsible)
        if partners is not None:
            locked.partners.set(partners)
        if needs is not None:
            before = set(locked.needs.values_list("pk", flat=True))
            locked.needs.set(needs)
            _take_up(actor, locked, [n for n in needs if n.pk not in before])
    return locked


def delete_project(*, actor, project: Project) -> None:
    if not actor.has_perm("projects.delete_project", project):
        raise PermissionDenied(_("You may not delete this project."))
    with transaction.atomic(), university_scope(project.university_id):
        project.delete()


# --- participants --------------------------------------------------------------------------


def add_participant(
    *, actor, project: Project, user, role: str, hours: Decimal | int = 0
) -> Participant:
    """A person of the project's university (staff or student) takes part."""
    if not actor.has_perm("projects.manage_project", project):
        raise PermissionDenied(_("You may not change this project's participants."))
    if not _people_with_roles(project.university_id, [user.pk], NETWORK_MEMBER_ROLES):
        raise ValidationError(
            {
                "user": _(
                    "%(person)s is not a member of the project's university; add people from "
                    "outside as external participants (a number on the project)."
                )
                % {"person": user}
            },
            code="foreign_participant",
        )
    participant = Participant(
        university_id=project.university_id, project=project, user=user, role=role, hours=hours
    )
    with transaction.atomic(), university_scope(project.university_id):
        participant.full_clean()
        try:
            participant.save()
        except IntegrityError as exc:  # a race with the same person added twice
            raise ValidationError(
                {"user": _("This person already takes part in the project.")}
            ) from exc
    return participant


def update_participant(
    *, actor, participant: Participant, role: str, hours: Decimal | int
) -> Participant:
    if not actor.has_perm("projects.manage_project", participant.project):
        raise PermissionDenied(_("You may not change this project's participants."))
    with transaction.atomic(), university_scope(participant.university_id):
        participant.role = role
        participant.hours = hours
        participant.full_clean()
        participant.save()
    return participant


def remove_participant(*, actor, participant: Participant) -> None:
    if not actor.has_perm("projects.manage_project", participant.project):
        raise PermissionDenied(_("You may not change this project's participants."))
    with transaction.atomic(), university_scope(participant.university_id):
        participant.delete()


# --- updates and evidence ------------------------------------------------------------------


def post_update(
    *,
    actor,
    project: Project,
    on: date,
    title: dict[str, str],
    body: dict[str, str] | None = None,
    photos: Sequence[UploadedFile] = (),
) -> ProjectUpdate:
    """A dated progress post with photos; it shows on the timeline of the project's needs."""
    if not actor.has_perm("projects.manage_project", project):
        raise PermissionDenied(_("You may not post updates on this project."))
    if len(photos) > MAX_PHOTOS:
        raise ValidationError(
            {"photos": _("At most %(count)d photos per update.") % {"count": MAX_PHOTOS}}
        )
    update = ProjectUpdate(
        university_id=project.university_id, project=project, on=on, author=actor
    )
    for code in CONTENT_LANGUAGES:
        setattr(update, f"title_{code}", ((title or {}).get(code) or "").strip())
        setattr(update, f"body_{code}", ((body or {}).get(code) or "").strip())
    with transaction.atomic(), university_scope(project.university_id):
        update.full_clean()
        require_translations(update, "title")
        if project.starts_on and on < project.starts_on:
            raise ValidationError(
                {"on": _("An update cannot be dated before the project starts.")},
                code="before_start",
            )
        update.save()
        for upload in photos:
            photo = UpdatePhoto(
                university_id=project.university_id,
                update=update,
                file=upload,
                name=upload.name or "photo",
            )
            try:
                photo.full_clean()
            except ValidationError as exc:
                raise ValidationError(
                    {"photos": [f"{upload.name}: {m}" for m in exc.messages]}
                ) from exc
            photo.save()
    return update


def delete_update(*, actor, update: ProjectUpdate) -> None:
    if not actor.has_perm("projects.manage_project", update.project):
        raise PermissionDenied(_("You may not change this project's updates."))
    with transaction.atomic(), university_scope(update.university_id):
        update.delete()


def add_evidence(
    *, actor, project: Project, title: str, file: UploadedFile | None = None, url: str = ""
) -> Evidence:
    """A file (PDF or image) or a link that shows what was done."""
    if not actor.has_perm("projects.manage_project", project):
        raise PermissionDenied(_("You may not add evidence to this project."))
    evidence = Evidence(
        university_id=project.university_id,
        project=project,
        title=title,
        file=file or "",
        url=url or "",
    )
    with transaction.atomic(), university_scope(project.university_id):
        evidence.full_clean()
        evidence.save()
    return evidence


def remove_evidence(*, actor, evidence: Evidence) -> None:
    if not actor.has_perm("projects.manage_project", evidence.project):
        raise PermissionDenied(_("You may not change this project's evidence."))
    with transaction.atomic(), university_scope(evidence.university_id):
        evidence.delete()


# --- closing the loop on needs -------------------------------------------------------------


def address_project_needs(
    *, actor, project: Project, needs: Sequence[Need], report: dict[str, str]
) -> list[Need]:
    """After a finished project: mark the chosen needs addressed with one public report.

    All or none: a need the workflow refuses refuses the lot, naming the need.
    """
    if project.status != ProjectStatus.FINISHED:
        raise ValidationError(
            _("Needs are marked addressed once the project has finished."), code="not_finished"
        )
    done = []
    with transaction.atomic(), university_scope(project.university_id):
        linked = set(project.needs.values_list("pk", flat=True))
        # Read again: the caller's copies may predate the project taking them up.
        fresh = Need.objects.with_scopes_disabled().in_bulk([n.pk for n in needs])
        for need in (fresh.get(n.pk, n) for n in needs):
            if need.pk not in linked:
                raise ValidationError(
                    {
                        "needs": _("The need “%(need)s” is not one this project addresses.")
                        % {"need": need.title}
                    }
                )
            if need.state != NeedState.IN_PROGRESS:
                continue
            try:
                done.append(need_services.address_need(actor=actor, need=need, report=report))
            except (ValidationError, PermissionDenied) as exc:
                reason = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                raise ValidationError(
                    {
                        "needs": _("The need “%(need)s” cannot be marked addressed: %(reason)s")
                        % {"need": need.title, "reason": reason}
                    }
                ) from exc
    return done
