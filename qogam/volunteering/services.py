"""Writes about volunteering: opportunities, shifts, sign-ups and their cancellation.

Places are given out under a lock on the shift's row. `_lock_shift` first UPDATEs the row (a
write, so SQLite takes its database write lock before anything is counted; PostgreSQL takes the
row lock) and then reads it with select_for_update(); every sign-up, cancellation and change of
capacity of the shift runs behind that lock, so two students can never both take the last
place and a freed place goes to exactly one person on the waiting list.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from qogam.core.enums import Role, Visibility
from qogam.core.i18n import require_translations, translated
from qogam.core.mail import send_templated_mail
from qogam.core.tenancy import university_scope
from qogam.core.visibility import viewer_of
from qogam.notifications.services import notify
from qogam.volunteering.enums import ACTIVE_STATUSES, OpportunityStatus, SignUpStatus
from qogam.volunteering.ics import calendar_for_shift
from qogam.volunteering.models import Opportunity, Shift, SignUp
from qogam.volunteering.notices import SIGN_UP_PROMOTED


def _shifts():
    # Shifts are reached by primary key from a record the caller already holds.
    return Shift.objects.with_scopes_disabled()


def _sign_ups():
    # A student's sign-ups span universities (network and public opportunities).
    return SignUp.objects.with_scopes_disabled()


# --- Opportunities and shifts ----------------------------------------------------------------


def save_opportunity(
    *, actor, values: dict[str, Any], university=None, opportunity: Opportunity | None = None
) -> Opportunity:
    """Create an opportunity at `university`, or change `opportunity` with `values`."""
    if opportunity is None:
        if university is None or not actor.has_perm(
            "volunteering.create_opportunity_at", university
        ):
            raise PermissionDenied(_("You may not add opportunities to this university."))
        opportunity = Opportunity(university=university)
    elif not actor.has_perm("volunteering.manage_opportunity", opportunity):
        raise PermissionDenied(_("You may not change this opportunity."))
    for name, value in values.items():
        setattr(opportunity, name, value)
    with transaction.atomic(), university_scope(opportunity.university_id):
        opportunity.full_clean()
        require_translations(opportunity, "title")
        # Checked again with the new values: a coordinator keeps to their own units.
        if not actor.has_perm("volunteering.manage_opportunity", opportunity):
            raise PermissionDenied(_("You may add opportunities of your own units only."))
        opportunity.save()
    return opportunity


def save_shift(
    *,
    actor,
    values: dict[str, Any],
    opportunity: Opportunity | None = None,
    shift: Shift | None = None,
) -> Shift:
    """Add a shift to `opportunity`, or change `shift`; new places go to those waiting."""
    target = shift.opportunity if shift is not None else opportunity
    if target is None or not actor.has_perm("volunteering.manage_opportunity", target):
        raise PermissionDenied(_("You may not change the shifts of this opportunity."))
    with transaction.atomic(), university_scope(target.university_id):
        if shift is None:
            shift = Shift(university_id=target.university_id, opportunity=target)
        else:
            shift = _lock_shift(shift.pk)
        for name, value in values.items():
            setattr(shift, name, value)
        shift.full_clean()
        if shift.pk:
            confirmed = _confirmed_count(shift)
            if shift.capacity < confirmed:
                raise ValidationError(
                    {
                        "capacity": _(
                            "%(count)s volunteers are already confirmed; the shift cannot "
                            "have fewer places."
                        )
                        % {"count": confirmed}
                    },
                    code="below_confirmed",
                )
        shift.save()
        _fill_places(shift)
    return shift


# --- Signing up ------------------------------------------------------------------------------


def _lock_shift(pk: int) -> Shift:
    # The UPDATE comes first on purpose: see the module's docstring.
    _shifts().filter(pk=pk).update(updated_at=timezone.now())
    return _shifts().select_for_update(of=("self",)).select_related("opportunity").get(pk=pk)


def _confirmed_count(shift: Shift) -> int:
    return _sign_ups().filter(shift_id=shift.pk, status=SignUpStatus.CONFIRMED).count()


def _check_may_sign_up(student, opportunity: Opportunity) -> None:
    """Students of the university; for network and public ones, students of the network;
    for public ones anyone with an account."""
    if not getattr(student, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to volunteer."))
    viewer = viewer_of(student)
    if viewer.has_role(opportunity.university_id, Role.STUDENT):
        return
    if opportunity.visibility == Visibility.PUBLIC:
        return
    if opportunity.visibility == Visibility.NETWORK and viewer.university_ids_with(Role.STUDENT):
        return
    raise PermissionDenied(_("Only students of the university may sign up for this opportunity."))


def _when(shift: Shift) -> str:
    start = timezone.localtime(shift.starts_at)
    return formats.date_format(start, "SHORT_DATETIME_FORMAT")


def sign_up(*, student, shift: Shift) -> SignUp:
    """Give `student` a place on `shift`, or a place on its waiting list when it is full.

    Refuses a draft or closed opportunity, a shift that has started, a second active sign-up
    and a shift that overlaps another of the student's active sign-ups (the error names it).
    The student is e-mailed, in their language, after commit, with the shift as an .ics file.
    """
    _check_may_sign_up(student, shift.opportunity)
    with transaction.atomic(), university_scope(shift.university_id):
        shift = _lock_shift(shift.pk)
        opportunity = shift.opportunity
        if opportunity.status != OpportunityStatus.OPEN:
            raise ValidationError(
                {"shift": _("This opportunity is not open for sign-ups.")}, code="not_open"
            )
        now = timezone.now()
        if shift.starts_at <= now:
            raise ValidationError({"shift": _("This shift has already started.")}, code="started")
        mine = _sign_ups().filter(student=student, status__in=ACTIVE_STATUSES)
        if mine.filter(shift_id=shift.pk).exists():
            raise ValidationError(
                {"shift": _("You have already signed up for this shift.")}, code="duplicate"
            )
        clash = (
            mine.filter(shift__starts_at__lt=shift.ends_at, shift__ends_at__gt=shift.starts_at)
            .select_related("shift__opportunity")
            .first()
        )
        if clash is not None:
            raise ValidationError(
                {
                    "shift": _("This shift overlaps your sign-up for “%(title)s” on %(when)s.")
                    % {
                        "title": translated(clash.shift.opportunity, "title").text,
                        "when": _when(clash.shift),
                    }
                },
                code="overlap",
            )
        has_place = _confirmed_count(shift) < shift.capacity
        record = SignUp(
            university_id=shift.university_id,
            shift=shift,
            student=student,
            status=SignUpStatus.CONFIRMED if has_place else SignUpStatus.WAITLISTED,
            confirmed_at=now if has_place else None,
        )
        try:
            with transaction.atomic():
                record.save()
        except IntegrityError as exc:  # the database's own guard against a second sign-up
            raise ValidationError(
                {"shift": _("You have already signed up for this shift.")}, code="duplicate"
            ) from exc
        transaction.on_commit(lambda: send_sign_up_mail(sign_up_id=record.pk))
    return record


def cancel_sign_up(*, actor, sign_up: SignUp) -> SignUp:
    """Cancel a sign-up: the student until the shift's cut-off, a coordinator at any time.

    A place freed this way goes, in the same transaction, to the first on the waiting list,
    who is told by a notice and an e-mail.
    """
    shift = sign_up.shift
    manages = actor.has_perm("volunteering.manage_opportunity", shift.opportunity)
    if not manages and actor.pk != sign_up.student_id:
        raise PermissionDenied(_("You may not cancel this sign-up."))
    with transaction.atomic(), university_scope(shift.university_id):
        shift = _lock_shift(shift.pk)
        sign_up = _sign_ups().select_related("student").get(pk=sign_up.pk)
        if not sign_up.is_active:
            raise ValidationError(
                {"status": _("This sign-up is already cancelled.")}, code="cancelled"
            )
        if not manages and timezone.now() > shift.cancel_deadline:
            raise ValidationError(
                {
                    "status": _(
                        "Sign-ups for this shift could be cancelled until %(deadline)s; ask the "
                        "coordinator."
                    )
                    % {
                        "deadline": formats.date_format(
                            timezone.localtime(shift.cancel_deadline), "SHORT_DATETIME_FORMAT"
                        )
                    }
                },
                code="too_late",
            )
        sign_up.status = SignUpStatus.CANCELLED
        sign_up.cancelled_at = timezone.now()
        sign_up.save(update_fields=["status", "cancelled_at", "updated_at"])
        _fill_places(shift)
    return sign_up


def _fill_places(shift: Shift) -> list[SignUp]:
    """Confirm the first on the waiting list while places are free; the caller holds the lock."""
    free = shift.capacity - _confirmed_count(shift)
    if free <= 0:
        return []
    waiting = list(
        _sign_ups()
        .filter(shift_id=shift.pk, status=SignUpStatus.WAITLISTED)
        .select_related("student")
        .order_by("created_at", "pk")[:free]
    )
    now = timezone.now()
    for record in waiting:
        record.status = SignUpStatus.CONFIRMED
        record.confirmed_at = now
        record.save(update_fields=["status", "confirmed_at", "updated_at"])
        _tell_promoted(record, shift)
    return waiting


def _tell_promoted(record: SignUp, shift: Shift) -> None:
    student = record.student
    language = student.language or settings.LANGUAGE_CODE
    opportunity = shift.opportunity
    with translation.override(language):
        url = opportunity.get_absolute_url()
        notify(
            user=student,
            kind=SIGN_UP_PROMOTED,
            context={
                "title": translated(opportunity, "title", language).text,
                "when": _when(shift),
            },
            url=url,
        )
    transaction.on_commit(lambda: send_sign_up_mail(sign_up_id=record.pk))


# --- E-mail ----------------------------------------------------------------------------------


def send_sign_up_mail(*, sign_up_id: int) -> None:
    """The student's confirmation (with the shift as an .ics file) or waiting-list message."""
    record = _sign_ups().select_related("student", "shift__opportunity").get(pk=sign_up_id)
    student, shift = record.student, record.shift
    if not student.email:
        return
    language = student.language or settings.LANGUAGE_CODE
    with translation.override(language):
        opportunity_url = settings.SITE_URL + shift.opportunity.get_absolute_url()
        calendar_url = settings.SITE_URL + reverse(
            "volunteering:shift_ics", kwargs={"public_id": shift.public_id}
        )
        when = _when(shift)
    confirmed = record.status == SignUpStatus.CONFIRMED
    attachments = []
    if confirmed:
        attachments.append(
            ("shift.ics", calendar_for_shift(shift, language=language), "text/calendar")
        )
    send_templated_mail(
        to=student.email,
        template="volunteering/emails/sign_up",
        context={
            "student": student,
            "title": translated(shift.opportunity, "title", language).text,
            "location": shift.opportunity.location,
            "when": when,
            "confirmed": confirmed,
            "opportunity_url": opportunity_url,
            "calendar_url": calendar_url,
        },
        language=language,
        attachments=attachments,
    )
