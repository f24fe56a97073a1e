"""Volunteer hours: logged by students, verified or rejected, corrected, recorded with attendance.

Writes (`log_hours`, `verify_hours`, `reject_hours`, `correct_hours`, `record_attendance`) and
the reads the pages and the API share. Hours count only for a confirmed sign-up on a shift
that has ended, the volunteer not recorded absent, and never more than the shift lasted.

Two verifiers may decide the same entry at once (a coordinator in the queue, the partner from
the e-mailed link). `lock_entry` first UPDATEs the row (so SQLite takes its write lock;
PostgreSQL takes the row lock) and then reads it with select_for_update(); the decision is
taken on the locked row, so the second verifier is told it was already decided.

A verifier without an account decides from a signed link (TimestampSigner, its own salt): the
payload names the entry and the recipient, and the recipient must still be a verifier of the
entry when the link is used.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from qogam.accounts.models import Membership, User
from qogam.core.enums import Role
from qogam.core.i18n import translated
from qogam.core.mail import send_templated_mail
from qogam.core.tenancy import university_scope
from qogam.organisations.queries import units_beneath
from qogam.partners.models import Contact
from qogam.volunteering.enums import Attendance, HoursSource, HoursStatus, SignUpStatus
from qogam.volunteering.models import HoursCorrection, HoursEntry, Opportunity, Shift, SignUp
from qogam.volunteering.rules import OFFICE_ROLES

LINK_SALT = "qogam.volunteering.hours-link"
LINK_MAX_AGE = timedelta(days=14)
_CENT = Decimal("0.01")


def _entries() -> QuerySet[HoursEntry]:
    # A student's hours span universities; every caller narrows by a rule or a record in hand.
    return HoursEntry.objects.with_scopes_disabled()


def _sign_ups() -> QuerySet[SignUp]:
    return SignUp.objects.with_scopes_disabled()


def _when(shift: Shift) -> str:
    return formats.date_format(timezone.localtime(shift.starts_at), "SHORT_DATETIME_FORMAT")


def shift_length(shift: Shift) -> Decimal:
    """How many hours the shift lasted, to the hundredth."""
    seconds = Decimal((shift.ends_at - shift.starts_at).total_seconds())
    return (seconds / 3600).quantize(_CENT, rounding=ROUND_HALF_UP)


def _hours_value(hours, field: str = "hours") -> Decimal:
    try:
        value = Decimal(str(hours).strip().replace(",", "."))
    except (ArithmeticError, ValueError):
        value = None
    if value is None or not value.is_finite():
        raise ValidationError(
            {field: _("“%(value)s” is not a number of hours.") % {"value": hours}},
            code="not_a_number",
        )
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def check_hours(shift: Shift, hours, field: str = "hours") -> Decimal:
    """The hours as a Decimal; ValidationError when not more than 0 or longer than the shift."""
    value = _hours_value(hours, field)
    if value <= 0:
        raise ValidationError({field: _("Give more than 0 hours.")}, code="not_positive")
    length = shift_length(shift)
    if value > length:
        raise ValidationError(
            {
                field: _(
                    "%(hours)s hours is more than the shift lasted (%(length)s hours on %(when)s)."
                )
                % {"hours": value, "length": length, "when": _when(shift)}
            },
            code="longer_than_shift",
        )
    return value


def check_attended(sign_up: SignUp, field: str = "sign_up") -> None:
    """Hours count for a confirmed sign-up on a shift that has ended, not recorded absent."""
    shift = sign_up.shift
    if sign_up.status != SignUpStatus.CONFIRMED:
        raise ValidationError(
            {
                field: _(
                    "Hours count only for a confirmed place on the shift; this sign-up is "
                    "“%(status)s”."
                )
                % {"status": sign_up.get_status_display()}
            },
            code="not_confirmed",
        )
    if sign_up.attendance == Attendance.ABSENT:
        raise ValidationError(
            {field: _("The coordinator recorded that the volunteer did not come to this shift.")},
            code="absent",
        )
    if shift.ends_at > timezone.now():
        raise ValidationError(
            {
                field: _("The shift on %(when)s has not ended yet; hours are logged after it.")
                % {"when": _when(shift)}
            },
            code="not_ended",
        )


def lock_entry(pk: int) -> HoursEntry:
    """The entry, locked until the surrounding transaction.atomic() ends."""
    # The UPDATE comes first on purpose: see the module's docstring.
    _entries().filter(pk=pk).update(updated_at=timezone.now())
    return (
        _entries()
        .select_for_update(of=("self",))
        .select_related("shift__opportunity", "sign_up", "student")
        .get(pk=pk)
    )


def _decided_error(entry: HoursEntry) -> ValidationError:
    who = entry.verifier_name or (entry.verified_by.full_name if entry.verified_by else "")
    when = (
        formats.date_format(timezone.localtime(entry.verified_at), "SHORT_DATETIME_FORMAT")
        if entry.verified_at
        else ""
    )
    return ValidationError(
        {
            "status": _("These hours were already decided: %(decision)s by %(who)s on %(when)s.")
            % {"decision": entry.get_status_display(), "who": who or "—", "when": when or "—"}
        },
        code="decided",
    )


# --- The student logs hours ------------------------------------------------------------------


def log_hours(*, student, sign_up: SignUp, hours, note: str = "") -> HoursEntry:
    """Log (or change) the student's hours for their sign-up; the verifiers are e-mailed.

    The student changes their entry while it is awaiting verification or was rejected (it then
    awaits verification again); verified hours are changed only by a coordinator's correction.
    """
    if not getattr(student, "is_authenticated", False) or sign_up.student_id != student.pk:
        raise PermissionDenied(_("You may log hours only for your own sign-ups."))
    with transaction.atomic(), university_scope(sign_up.university_id):
        sign_up = _sign_ups().select_related("shift__opportunity").get(pk=sign_up.pk)
        check_attended(sign_up)
        value = check_hours(sign_up.shift, hours)
        existing = _entries().filter(sign_up_id=sign_up.pk).values_list("pk", flat=True).first()
        if existing is not None:
            entry = lock_entry(existing)
            if entry.status == HoursStatus.VERIFIED:
                raise ValidationError(
                    {
                        "hours": _(
                            "These hours are verified and cannot be changed; ask the "
                            "coordinator for a correction."
                        )
                    },
                    code="verified",
                )
        else:
            entry = HoursEntry(
                university_id=sign_up.university_id,
                sign_up=sign_up,
                shift=sign_up.shift,
                student=student,
            )
        entry.hours = value
        entry.note = note.strip()
        entry.status = HoursStatus.LOGGED
        entry.source = HoursSource.STUDENT
        entry.logged_by = student
        entry.verified_by = None
        entry.verifier_name = ""
        entry.verified_at = None
        entry.rejection_reason = ""
        entry.full_clean(exclude=["sign_up"])
        try:
            with transaction.atomic():
                entry.save()
        except IntegrityError as exc:  # a second tab logged the same sign-up at the same time
            raise ValidationError(
                {"hours": _("Hours for this shift were just logged; reload the page.")},
                code="duplicate",
            ) from exc
        entry_id = entry.pk
        transaction.on_commit(lambda: send_hours_logged_mail(entry_id=entry_id))
    return entry


# --- Verifying, rejecting, correcting --------------------------------------------------------


def _check_verifier(actor, entry: HoursEntry, verifier_name: str) -> str:
    """The name recorded for the decision; the actor must be a verifier of the entry."""
    if actor is None:
        # Decided from an e-mailed link whose signature and recipient the caller has checked.
        if not verifier_name.strip():
            raise PermissionDenied(_("Who decides must be known."))
        return verifier_name.strip()[:200]
    if actor.pk == entry.student_id:
        raise PermissionDenied(_("You may not verify your own hours."))
    if not actor.has_perm("volunteering.verify_hours", entry):
        raise PermissionDenied(_("You may not verify these hours."))
    return (verifier_name.strip() or actor.full_name or actor.email)[:200]


def verify_hours(*, actor, entry: HoursEntry, verifier_name: str = "") -> HoursEntry:
    """Verify hours awaiting verification. `actor` None: from a signed link (see module doc)."""
    name = _check_verifier(actor, entry, verifier_name)
    with transaction.atomic(), university_scope(entry.university_id):
        entry = lock_entry(entry.pk)
        if entry.status != HoursStatus.LOGGED:
            raise _decided_error(entry)
        entry.status = HoursStatus.VERIFIED
        entry.verified_by = actor
        entry.verifier_name = name
        entry.verified_at = timezone.now()
        entry.rejection_reason = ""
        entry.save()
    return entry


def reject_hours(*, actor, entry: HoursEntry, reason: str, verifier_name: str = "") -> HoursEntry:
    """Reject hours awaiting verification, with a reason the student reads."""
    name = _check_verifier(actor, entry, verifier_name)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why the hours are rejected; the student reads it.")},
            code="no_reason",
        )
    with transaction.atomic(), university_scope(entry.university_id):
        entry = lock_entry(entry.pk)
        if entry.status != HoursStatus.LOGGED:
            raise _decided_error(entry)
        entry.status = HoursStatus.REJECTED
        entry.verified_by = actor
        entry.verifier_name = name
        entry.verified_at = timezone.now()
        entry.rejection_reason = reason
        entry.save()
        entry_id = entry.pk
        transaction.on_commit(lambda: send_hours_rejected_mail(entry_id=entry_id))
    return entry


def correct_hours(*, actor, entry: HoursEntry, hours, reason: str) -> HoursCorrection:
    """A coordinator sets the right number of hours, with a reason kept as a correction.

    The entry ends verified: a verified entry stays verified, and hours awaiting verification
    or rejected are verified by the correction, since the coordinator has decided them.
    """
    if actor is None or not actor.has_perm("volunteering.manage_opportunity", entry.shift):
        raise PermissionDenied(_("Only a coordinator of the opportunity may correct hours."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why the hours are corrected; it is kept with the record.")},
            code="no_reason",
        )
    with transaction.atomic(), university_scope(entry.university_id):
        entry = lock_entry(entry.pk)
        value = check_hours(entry.shift, hours)
        if value == entry.hours and entry.status == HoursStatus.VERIFIED:
            raise ValidationError(
                {"hours": _("The hours are already %(hours)s.") % {"hours": value}},
                code="unchanged",
            )
        correction = HoursCorrection(
            university_id=entry.university_id,
            entry=entry,
            hours_before=entry.hours,
            hours_after=value,
            reason=reason,
            corrected_by=actor,
        )
        correction.full_clean()
        correction.save()
        entry.hours = value
        if entry.status != HoursStatus.VERIFIED:
            entry.status = HoursStatus.VERIFIED
            entry.verified_by = actor
            entry.verifier_name = (actor.full_name or actor.email)[:200]
            entry.verified_at = timezone.now()
            entry.rejection_reason = ""
        entry.full_clean(exclude=["sign_up"])
        entry.save()
    return correction


# --- Attendance ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceResult:
    attended: int
    absent: int
    unchanged: int


def record_attendance(
    *,
    actor,
    shift: Shift,
    attended: Mapping[SignUp, bool] | Iterable[SignUp],
    hours=None,
) -> AttendanceResult:
    """Record who came to a shift that has ended: verified hours for those who came.

    `attended` maps sign-ups to True (came) or False (did not come); a list names those who
    came and every other confirmed volunteer is recorded absent. Those who came get verified
    hours (the shift's length, or `hours`) recorded with attendance; hours already verified
    are kept (a coordinator corrects them instead). Those absent get no hours: hours they
    logged are rejected, and hours already verified stop the whole recording, naming them.
    """
    opportunity = shift.opportunity
    if not actor.has_perm("volunteering.manage_opportunity", opportunity):
        raise PermissionDenied(_("You may not record attendance for this shift."))
    with transaction.atomic(), university_scope(shift.university_id):
        shift = Shift.objects.select_related("opportunity").get(pk=shift.pk)
        if shift.ends_at > timezone.now():
            raise ValidationError(
                {"shift": _("The shift on %(when)s has not ended yet.") % {"when": _when(shift)}},
                code="not_ended",
            )
        value = check_hours(shift, hours if hours is not None else shift_length(shift))
        confirmed = {
            s.pk: s
            for s in _sign_ups()
            .filter(shift_id=shift.pk, status=SignUpStatus.CONFIRMED)
            .select_related("student")
        }
        if isinstance(attended, Mapping):
            wanted = {s.pk: bool(came) for s, came in attended.items()}
        else:
            came_ids = {s.pk for s in attended}
            wanted = {pk: pk in came_ids for pk in confirmed}
        strangers = [pk for pk in wanted if pk not in confirmed]
        if strangers:
            names = ", ".join(
                str(s.student.full_name or s.student.email)
                for s in _sign_ups().filter(pk__in=strangers).select_related("student")
            )
            raise ValidationError(
                {
                    "attended": _("Not confirmed volunteers of this shift: %(names)s.")
                    % {"names": names or "—"}
                },
                code="not_confirmed",
            )
        entry_ids = dict(
            _entries().filter(sign_up_id__in=list(wanted)).values_list("sign_up_id", "pk")
        )
        blocked = [
            confirmed[pk]
            for pk, came in wanted.items()
            if not came
            and pk in entry_ids
            and _entries().filter(pk=entry_ids[pk], status=HoursStatus.VERIFIED).exists()
        ]
        if blocked:
            raise ValidationError(
                {
                    "attended": _(
                        "Verified hours are recorded for %(names)s; correct them instead of "
                        "recording them absent."
                    )
                    % {"names": ", ".join(s.student.full_name or s.student.email for s in blocked)}
                },
                code="verified_absent",
            )
        now = timezone.now()
        name = (actor.full_name or actor.email)[:200]
        counts = {"attended": 0, "absent": 0, "unchanged": 0}
        for pk, came in wanted.items():
            sign_up = confirmed[pk]
            entry = lock_entry(entry_ids[pk]) if pk in entry_ids else None
            attendance = Attendance.ATTENDED if came else Attendance.ABSENT
            changed = sign_up.attendance != attendance
            if changed:
                sign_up.attendance = attendance
                sign_up.save(update_fields=["attendance", "updated_at"])
            if came and (entry is None or entry.status != HoursStatus.VERIFIED):
                entry = entry or HoursEntry(
                    university_id=shift.university_id,
                    sign_up=sign_up,
                    shift=shift,
                    student=sign_up.student,
                    source=HoursSource.ATTENDANCE,
                )
                entry.hours = value
                entry.status = HoursStatus.VERIFIED
                entry.logged_by = entry.logged_by or actor
                entry.verified_by = actor
                entry.verifier_name = name
                entry.verified_at = now
                entry.rejection_reason = ""
                entry.full_clean(exclude=["sign_up"])
                entry.save()
                changed = True
            elif not came and entry is not None and entry.status == HoursStatus.LOGGED:
                entry.status = HoursStatus.REJECTED
                entry.verified_by = actor
                entry.verifier_name = name
                entry.verified_at = now
                entry.rejection_reason = str(
                    _("The coordinator recorded that you did not come to this shift.")
                )
                entry.save()
                changed = True
            if not changed:
                counts["unchanged"] += 1
            elif came:
                counts["attended"] += 1
            else:
                counts["absent"] += 1
    return AttendanceResult(**counts)


# --- Who verifies, and the signed link -------------------------------------------------------


@dataclass(frozen=True)
class Verifier:
    email: str
    name: str
    language: str


def verifiers_of(opportunity: Opportunity) -> list[Verifier]:
    """Who is asked to verify hours of the opportunity, by e-mail.

    The partner organisation's representatives with an e-mail address, and the people who
    manage the opportunity: its project's responsible staff and the coordinators of its unit
    (or a unit above it); when no one manages it that way, the third-mission office, and
    failing that the university's administrators.
    """
    found: dict[str, Verifier] = {}
    default = settings.LANGUAGE_CODE

    def add(email: str, name: str, language: str) -> None:
        if email and email.lower() not in found:
            found[email.lower()] = Verifier(email, name or email, language or default)

    if opportunity.partner_id:
        contacts = (
            Contact.objects.with_scopes_disabled()
            .filter(organisation_id=opportunity.partner_id, is_representative=True)
            .select_related("user")
            .order_by("pk")
        )
        for contact in contacts:
            email = contact.email or (contact.user.email if contact.user else "")
            add(email, contact.full_name, contact.user.language if contact.user else "")
    managers: list[User] = []
    if opportunity.project is not None:
        managers.extend(opportunity.project.responsible.order_by("pk"))
    if opportunity.unit is not None:
        units = [opportunity.unit.pk, *opportunity.unit.ancestor_ids()]
        managers.extend(
            m.user
            for m in Membership.objects.with_scopes_disabled()
            .filter(
                university_id=opportunity.university_id,
                role=Role.UNIT_COORDINATOR,
                unit_id__in=units,
            )
            .select_related("user")
            .order_by("pk")
        )
    for role in (Role.OFFICE, Role.UNIVERSITY_ADMIN):
        if managers:
            break
        managers.extend(
            m.user
            for m in Membership.objects.with_scopes_disabled()
            .filter(university_id=opportunity.university_id, role=role)
            .select_related("user")
            .order_by("pk")
        )
    for user in managers:
        if user.is_active:
            add(user.email, user.full_name, user.language)
    return list(found.values())


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=LINK_SALT)


def make_link_token(entry: HoursEntry, verifier: Verifier) -> str:
    return _signer().sign_object(
        {"e": str(entry.public_id), "m": verifier.email, "n": verifier.name}, compress=True
    )


class LinkInvalid(Exception):
    """The link was altered, or is not a link to hours."""


class LinkExpired(Exception):
    """The link is genuine but older than LINK_MAX_AGE."""


class LinkRevoked(Exception):
    """The link's recipient no longer verifies these hours (e.g. no longer a representative)."""


@dataclass(frozen=True)
class HoursLink:
    entry: HoursEntry
    email: str
    name: str

    @property
    def verifier_name(self) -> str:
        label = f"{self.name} <{self.email}>" if self.name != self.email else self.email
        return label[:200]


def read_link_token(token: str) -> HoursLink:
    """The entry and recipient a link names; raises LinkInvalid, LinkExpired or LinkRevoked."""
    try:
        payload = _signer().unsign_object(token, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except (signing.BadSignature, ValueError) as exc:
        raise LinkInvalid from exc
    if not isinstance(payload, dict) or not {"e", "m", "n"} <= payload.keys():
        raise LinkInvalid
    entry = (
        _entries()
        .filter(public_id=payload["e"])
        .select_related("shift__opportunity", "student", "verified_by")
        .first()
    )
    if entry is None:
        raise LinkInvalid
    emails = {v.email.lower() for v in verifiers_of(entry.shift.opportunity)}
    if str(payload["m"]).lower() not in emails:
        raise LinkRevoked
    return HoursLink(entry=entry, email=str(payload["m"]), name=str(payload["n"]))


# --- E-mail ----------------------------------------------------------------------------------


def send_hours_logged_mail(*, entry_id: int) -> None:
    """Each verifier gets the hours to decide, in their language, with their own signed link."""
    entry = _entries().select_related("shift__opportunity", "student").get(pk=entry_id)
    if entry.status != HoursStatus.LOGGED:
        return
    opportunity = entry.shift.opportunity
    for verifier in verifiers_of(opportunity):
        with translation.override(verifier.language):
            link = settings.SITE_URL + reverse(
                "volunteering:hours_link", kwargs={"token": make_link_token(entry, verifier)}
            )
            when = _when(entry.shift)
        send_templated_mail(
            to=verifier.email,
            template="volunteering/emails/hours_logged",
            context={
                "verifier": verifier,
                "student_name": entry.student.full_name or entry.student.email,
                "title": translated(opportunity, "title", verifier.language).text,
                "when": when,
                "hours": entry.hours,
                "note": entry.note,
                "link": link,
                "days": LINK_MAX_AGE.days,
            },
            language=verifier.language,
        )


def send_hours_rejected_mail(*, entry_id: int) -> None:
    """The student learns why their hours were rejected and that they may log them again."""
    entry = _entries().select_related("shift__opportunity", "student").get(pk=entry_id)
    student = entry.student
    if not student.email:
        return
    language = student.language or settings.LANGUAGE_CODE
    with translation.override(language):
        url = settings.SITE_URL + reverse("volunteering:my_hours")
        when = _when(entry.shift)
    send_templated_mail(
        to=student.email,
        template="volunteering/emails/hours_rejected",
        context={
            "student": student,
            "title": translated(entry.shift.opportunity, "title", language).text,
            "when": when,
            "hours": entry.hours,
            "reason": entry.rejection_reason,
            "url": url,
        },
        language=language,
    )


# --- Reads -----------------------------------------------------------------------------------


def hours_of(student) -> QuerySet[HoursEntry]:
    """The student's own hours, latest shift first."""
    if not getattr(student, "is_authenticated", False):
        return _entries().none()
    return (
        _entries()
        .filter(student=student)
        .select_related("shift__opportunity__university", "sign_up")
        .order_by("-shift__starts_at", "pk")
    )


def hours_by_sign_up(student, sign_ups: Iterable[SignUp]) -> dict[int, HoursEntry]:
    """The student's hours entry for each of `sign_ups`, by sign-up id."""
    ids = [s.pk for s in sign_ups]
    if not ids or not getattr(student, "is_authenticated", False):
        return {}
    return {e.sign_up_id: e for e in _entries().filter(student=student, sign_up_id__in=ids)}


def opportunities_verified_by(user) -> QuerySet[Opportunity]:
    """Opportunities whose hours `user` verifies: the same people as the rule
    `volunteering.verify_hours` (rules.hours_verifier), as one query."""
    from qogam.core.visibility import viewer_of  # noqa: PLC0415 -- kept beside its one use

    opportunities = Opportunity.objects.with_scopes_disabled()
    if not getattr(user, "is_authenticated", False):
        return opportunities.none()
    viewer = viewer_of(user)
    if viewer.is_network_admin:
        return opportunities.all()
    match = Q(project__responsible=user) | Q(
        partner__contacts__user=user, partner__contacts__is_representative=True
    )
    offices = sorted(viewer.university_ids_with(*OFFICE_ROLES))
    if offices:
        match |= Q(university__in=offices)
    for university_id in viewer.university_ids_with(Role.UNIT_COORDINATOR):
        units = units_beneath(viewer.unit_ids_with(university_id, Role.UNIT_COORDINATOR))
        match |= Q(university_id=university_id, unit__in=sorted(units))
    return opportunities.filter(pk__in=opportunities.filter(match).values("pk"))


def hours_awaiting(user, *, opportunity: Opportunity | None = None) -> QuerySet[HoursEntry]:
    """Hours awaiting verification that `user` may verify (not their own), oldest first."""
    qs = _entries().filter(
        status=HoursStatus.LOGGED, shift__opportunity__in=opportunities_verified_by(user)
    )
    if getattr(user, "is_authenticated", False):
        qs = qs.exclude(student=user)
    if opportunity is not None:
        qs = qs.filter(shift__opportunity=opportunity)
    return qs.select_related("shift__opportunity", "student").order_by("created_at", "pk")


def verifiable_entry(user, public_id) -> HoursEntry | None:
    """An entry `user` may verify, reject or correct; None otherwise (the pages answer 404)."""
    entry = (
        _entries()
        .filter(public_id=public_id, shift__opportunity__in=opportunities_verified_by(user))
        .select_related("shift__opportunity", "student", "sign_up")
        .first()
    )
    return entry


def own_sign_up(user, public_id) -> SignUp | None:
    """The person's own sign-up, for logging hours; None otherwise."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        _sign_ups()
        .filter(public_id=public_id, student=user)
        .select_related("shift__opportunity")
        .first()
    )


def attendance_rows(shift: Shift) -> list[tuple[SignUp, HoursEntry | None]]:
    """Each confirmed volunteer of the shift with their hours entry, if any."""
    sign_ups = list(
        _sign_ups()
        .filter(shift=shift, status=SignUpStatus.CONFIRMED)
        .select_related("student")
        .order_by("student__full_name", "pk")
    )
    entries = {e.sign_up_id: e for e in _entries().filter(sign_up__in=sign_ups)}
    return [(s, entries.get(s.pk)) for s in sign_ups]
