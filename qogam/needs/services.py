"""Writes about community needs: posting, moderation, the public answer and the dialogue.

Every change of state locks the need's row, checks that the step is allowed from the current
state, writes a dated timeline entry and tells the followers after commit. E-mail to an
anonymous poster goes in the language they wrote in.
"""

import re
from collections.abc import Sequence
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from qogam.accounts.models import Membership
from qogam.core.enums import Role, Visibility
from qogam.core.i18n import CONTENT_LANGUAGES, require_translations, translated
from qogam.core.mail import send_templated_mail
from qogam.core.tenancy import university_scope
from qogam.core.tokens import hash_secret, new_secret
from qogam.core.visibility import viewer_of
from qogam.needs.enums import PUBLIC_STATES, EventKind, NeedState, ReportReason
from qogam.needs.models import (
    CONFIRMATION_VALID_DAYS,
    Comment,
    Follow,
    Need,
    NeedAttachment,
    NeedEvent,
    Report,
    Support,
)
from qogam.needs.notices import NEED_REPORTED, NEED_TO_MODERATE, NEED_UPDATED
from qogam.needs.rules import MODERATOR_ROLES
from qogam.notifications.services import notify
from qogam.partners.rules import represents

# Rate limits per hour, applied by the pages and the API. Per person (or per address when
# signed out), and per address, since a campus or a village often shares one address among
# many honest people.
NEEDS_PER_PERSON = "5/h"
NEEDS_PER_ADDRESS = "20/h"
COMMENTS_PER_PERSON = "20/h"
COMMENTS_PER_ADDRESS = "60/h"
REPORTS_PER_PERSON = "10/h"
SUPPORTS_PER_ADDRESS = "30/h"

# The most files one need may carry.
MAX_ATTACHMENTS = 5

_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")


def guess_language(text: str) -> str:
    """Kazakh if it has letters only Kazakh uses, Russian if Cyrillic, else English.

    Good enough to put the right `lang` on a resident's text; the form lets them choose.
    """
    if _KAZAKH_LETTERS.search(text):
        return "kk"
    if _CYRILLIC.search(text):
        return "ru"
    return "en"


# --- helpers --------------------------------------------------------------------------------


def _lock(need: Need) -> Need:
    return (
        Need.objects.with_scopes_disabled()
        .select_for_update()
        .select_related("university")
        .get(pk=need.pk)
    )


def _require_state(need: Need, *allowed: str) -> None:
    if need.state not in allowed:
        raise ValidationError(
            _("Not possible while the need is “%(state)s”.")
            % {"state": NeedState(need.state).label},
            code="invalid_transition",
        )


def _require(actor, perm: str, need: Need) -> None:
    if actor is None or not actor.has_perm(perm, need):
        raise PermissionDenied(_("You may not do this with this need."))


def _texts(obj, field: str, texts: dict[str, str] | None) -> None:
    for code in CONTENT_LANGUAGES:
        setattr(obj, f"{field}_{code}", ((texts or {}).get(code) or "").strip())


def _record(
    need: Need, kind: str, *, actor=None, unit=None, note: dict[str, str] | None = None
) -> NeedEvent:
    event = NeedEvent(
        university_id=need.university_id, need=need, kind=kind, actor=actor, unit=unit
    )
    _texts(event, "note", note)
    event.save()
    return event


def _moderators(university_id: int) -> list:
    memberships = (
        Membership.objects.with_scopes_disabled()
        .filter(university_id=university_id, role__in=MODERATOR_ROLES, user__is_active=True)
        .select_related("user")
        .order_by("user_id")
    )
    seen: dict[int, object] = {}
    for membership in memberships:
        seen.setdefault(membership.user_id, membership.user)
    return list(seen.values())


def _url(need: Need, language: str) -> str:
    with translation.override(language):
        return need.get_absolute_url()


def _tell_moderators(need: Need) -> None:
    for user in _moderators(need.university_id):
        notify(
            user=user,
            kind=NEED_TO_MODERATE,
            context={
                "need": need,
                "university": need.university,
                "category": need.get_category_display(),
            },
            url=_url(need, user.language),
        )


def _tell_followers(need: Need, event: NeedEvent, *, actor=None) -> None:
    """Notices to followers; an e-mail to an anonymous poster, after commit."""
    follows = Follow.objects.with_scopes_disabled().filter(need=need).select_related("user")
    for follow in follows:
        user = follow.user
        if actor is not None and user.pk == actor.pk:
            continue
        notify(
            user=user,
            kind=NEED_UPDATED,
            context={
                "need": need,
                "event_label": EventKind(event.kind).label,
                "state_label": NeedState(need.state).label,
                "note": translated(event, "note", user.language).text,
            },
            url=_url(need, user.language),
        )
    if need.poster_email and need.email_confirmed_at:
        email, language, need_id, event_id = need.poster_email, need.language, need.pk, event.pk
        transaction.on_commit(lambda: _email_poster(need_id, event_id, email, language))


def _email_poster(need_id: int, event_id: int, email: str, language: str) -> None:
    need = Need.objects.with_scopes_disabled().select_related("university").get(pk=need_id)
    event = NeedEvent.objects.with_scopes_disabled().get(pk=event_id)
    send_templated_mail(
        to=email,
        template="needs/emails/need_updated",
        context={
            "need": need,
            "event_label": EventKind(event.kind).label,
            "state_label": NeedState(need.state).label,
            "note": translated(event, "note", language).text,
            "rejection_reason": need.rejection_reason if event.kind == EventKind.REJECTED else "",
            "url": settings.SITE_URL + _url(need, language),
        },
        language=language,
    )


# --- posting --------------------------------------------------------------------------------


def submit_need(
    *,
    university,
    values: dict,
    poster=None,
    email: str = "",
    attachments: Sequence[UploadedFile] = (),
    partner_organisation=None,
) -> Need:
    """Post a need to `university`.

    A signed-in poster's need goes straight to moderation (and they follow it); an anonymous
    one waits until the link e-mailed to `email` is opened. Files are checked before anything
    is written, so a refused file leaves no half-posted need behind.
    """
    if poster is not None and not poster.is_authenticated:
        poster = None
    email = (email or "").strip().lower()
    if poster is None and not email:
        raise ValidationError(
            {"email": _("Give an e-mail address to confirm the need, or sign in.")},
            code="no_poster",
        )
    if not university.is_active:
        raise ValidationError(_("This university does not take needs."), code="inactive")
    if partner_organisation is not None and (
        poster is None or not represents(poster, partner_organisation)
    ):
        raise PermissionDenied(
            _("Only a representative of %(organisation)s may post on its behalf.")
            % {"organisation": partner_organisation}
        )
    if len(attachments) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": _("Attach at most %(count)d files.") % {"count": MAX_ATTACHMENTS}},
            code="too_many_files",
        )
    values = dict(values)
    if not values.get("language"):
        values["language"] = guess_language(
            f"{values.get('title', '')} {values.get('description', '')}"
        )
    need = Need(
        university=university,
        posted_by=poster,
        poster_email="" if poster else email,
        partner_organisation=partner_organisation,
        state=NeedState.IN_MODERATION if poster else NeedState.SUBMITTED,
        visibility=Visibility.PRIVATE,
        **values,
    )
    raw_token = ""
    if poster is None:
        raw_token, need.email_token_hash = new_secret()
        need.email_token_expires_at = timezone.now() + timedelta(days=CONFIRMATION_VALID_DAYS)
    need.full_clean()
    files = [
        NeedAttachment(university=university, file=upload, name=(upload.name or "")[-200:])
        for upload in attachments
    ]
    file_errors = []
    for attachment in files:
        try:
            attachment.full_clean(exclude=["need"])
        except ValidationError as exc:
            messages = exc.message_dict.get("file") or exc.messages
            for message in messages:
                file_errors.append(
                    _("“%(name)s”: %(error)s") % {"name": attachment.name, "error": message}
                )
    if file_errors:
        raise ValidationError({"attachments": file_errors}, code="bad_file")

    with transaction.atomic(), university_scope(university):
        need.save()
        for attachment in files:
            attachment.need = need
            attachment.save()
        _record(need, EventKind.SUBMITTED, actor=poster)
        if poster is not None:
            Follow.objects.create(university=university, need=need, user=poster)
            _tell_moderators(need)
        else:
            language = need.language
            transaction.on_commit(lambda: _send_need_confirmation(need, raw_token, language))
    return need


def _send_need_confirmation(need: Need, raw_token: str, language: str) -> None:
    with translation.override(language):
        path = reverse("needs:confirm", kwargs={"token": raw_token})
    send_templated_mail(
        to=need.poster_email,
        template="needs/emails/confirm_need",
        context={
            "need": need,
            "university": need.university,
            "confirm_url": f"{settings.SITE_URL}{path}",
            "days": CONFIRMATION_VALID_DAYS,
        },
        language=language,
    )


def confirm_need_email(*, raw_token: str) -> Need:
    """Open the anonymous poster's link: the need goes to moderation. A second click is a no-op."""
    token_hash = hash_secret(raw_token)
    with transaction.atomic():
        need = (
            Need.objects.with_scopes_disabled()
            .select_for_update()
            .filter(email_token_hash=token_hash)
            .first()
        )
        if need is None:
            raise ValidationError(
                _("This confirmation link is not valid. Check that it was copied whole."),
                code="unknown",
            )
        if need.email_confirmed_at is not None:
            return need
        if need.email_token_expires_at and need.email_token_expires_at < timezone.now():
            raise ValidationError(
                _("This confirmation link expired. Post the need again, please."), code="expired"
            )
        _require_state(need, NeedState.SUBMITTED)
        with university_scope(need.university_id):
            need.email_confirmed_at = timezone.now()
            need.state = NeedState.IN_MODERATION
            need.save(update_fields=["email_confirmed_at", "state", "updated_at"])
            _record(need, EventKind.EMAIL_CONFIRMED)
            _tell_moderators(need)
    return need


# --- moderation and the university's answer ---------------------------------------------


def moderate_need(*, actor, need: Need, publish: bool, reason: str = "") -> Need:
    """Publish a need, or refuse it with a reason sent to the poster (never shown in public)."""
    _require(actor, "needs.moderate_need", need)
    reason = (reason or "").strip()
    if not publish and not reason:
        raise ValidationError(
            {"reason": _("Say why the need is not published; the poster reads it.")},
            code="reason_required",
        )
    with transaction.atomic(), university_scope(need.university_id):
        need = _lock(need)
        _require_state(need, NeedState.IN_MODERATION)
        if publish:
            need.state = NeedState.PUBLISHED
            need.visibility = Visibility.PUBLIC
            need.published_at = timezone.now()
            kind = EventKind.PUBLISHED
        else:
            need.state = NeedState.REJECTED
            need.rejection_reason = reason
            kind = EventKind.REJECTED
        need.save()
        event = _record(need, kind, actor=actor)
        _tell_followers(need, event, actor=actor)
    return need


def accept_need(*, actor, need: Need, unit, note: dict[str, str] | None = None) -> Need:
    """A unit takes the need on. A coordinator accepts for their own unit only."""
    _require(actor, "needs.decide_need", need)
    viewer = viewer_of(actor)
    if not actor.has_perm("needs.moderate_need", need) and unit.pk not in viewer.unit_ids_with(
        need.university_id, Role.UNIT_COORDINATOR
    ):
        raise PermissionDenied(_("You may accept needs for your own unit only."))
    with transaction.atomic(), university_scope(need.university_id):
        need = _lock(need)
        _require_state(need, NeedState.PUBLISHED)
        need.state = NeedState.ACCEPTED
        need.unit = unit
        need.answered_at = timezone.now()
        need.full_clean()
        need.save()
        event = _record(need, EventKind.ACCEPTED, actor=actor, unit=unit, note=note)
        _tell_followers(need, event, actor=actor)
    return need


def decline_need(*, actor, need: Need, reason: dict[str, str]) -> Need:
    """Decline in public: the reason is shown on the need, in the required languages."""
    _require(actor, "needs.decide_need", need)
    with transaction.atomic(), university_scope(need.university_id):
        need = _lock(need)
        _require_state(need, NeedState.PUBLISHED)
        _texts(need, "decline_reason", reason)
        require_translations(need, "decline_reason")
        need.state = NeedState.DECLINED
        need.answered_at = timezone.now()
        need.save()
        event = _record(need, EventKind.DECLINED, actor=actor, note=reason)
        _tell_followers(need, event, actor=actor)
    return need


def start_need(*, actor, need: Need, note: dict[str, str] | None = None) -> Need:
    _require(actor, "needs.work_on_need", need)
    with transaction.atomic(), university_scope(need.university_id):
        need = _lock(need)
        _require_state(need, NeedState.ACCEPTED)
        need.state = NeedState.IN_PROGRESS
        need.save()
        event = _record(need, EventKind.STARTED, actor=actor, unit=need.unit, note=note)
        _tell_followers(need, event, actor=actor)
    return need


def address_need(*, actor, need: Need, report: dict[str, str]) -> Need:
    """Close the loop: “you said — we did”. The public report is required."""
    _require(actor, "needs.work_on_need", need)
    with transaction.atomic(), university_scope(need.university_id):
        need = _lock(need)
        _require_state(need, NeedState.IN_PROGRESS)
        _texts(need, "report", report)
        require_translations(need, "report")
        need.state = NeedState.ADDRESSED
        need.addressed_at = timezone.now()
        need.save()
        event = _record(need, EventKind.ADDRESSED, actor=actor, unit=need.unit, note=report)
        _tell_followers(need, event, actor=actor)
    return need


def take_up_need(*, actor, need: Need, unit, note: dict[str, str] | None = None) -> Need:
    """Work on the need starts because a project answers it: the need goes to "in progress".

    A published need is first accepted for `unit` (the project's lead unit), so its timeline
    shows both steps; an accepted one just starts; one already in progress gets `note` on its
    timeline (a second project joins). Other states refuse: an unpublished need cannot be
    answered in public, a declined or addressed one is closed.
    """
    if need.state == NeedState.PUBLISHED:
        need = accept_need(actor=actor, need=need, unit=unit, note=note)
        return start_need(actor=actor, need=need)
    if need.state == NeedState.ACCEPTED:
        return start_need(actor=actor, need=need, note=note)
    if need.state == NeedState.IN_PROGRESS:
        if note:
            add_public_note(actor=actor, need=need, note=note)
        return need
    raise ValidationError(
        _("Not possible while the need is “%(state)s”.") % {"state": NeedState(need.state).label},
        code="invalid_transition",
    )


def add_public_note(*, actor, need: Need, note: dict[str, str]) -> NeedEvent:
    """A dated note on the public timeline (a meeting held, a project started…)."""
    if not (
        actor.has_perm("needs.work_on_need", need) or actor.has_perm("needs.decide_need", need)
    ):
        raise PermissionDenied(_("You may not do this with this need."))
    with transaction.atomic(), university_scope(need.university_id):
        need = _lock(need)
        _require_state(need, *PUBLIC_STATES)
        event = NeedEvent(university_id=need.university_id, need=need, kind=EventKind.NOTE)
        _texts(event, "note", note)
        require_translations(event, "note")
        event.actor = actor
        event.save()
        _tell_followers(need, event, actor=actor)
    return event


def hide_need(*, actor, need: Need, reason: str) -> Need:
    _require(actor, "needs.moderate_need", need)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why it is hidden.")}, code="reason_required")
    with transaction.atomic(), university_scope(need.university_id):
        need = _lock(need)
        if need.is_hidden:
            raise ValidationError(_("The need is hidden already."), code="already_hidden")
        need.is_hidden = True
        need.hidden_reason = reason
        need.visibility = Visibility.PRIVATE
        need.save()
        _record(need, EventKind.HIDDEN, actor=actor, note={"kk": reason, "ru": "", "en": ""})
    return need


def restore_need(*, actor, need: Need) -> Need:
    _require(actor, "needs.moderate_need", need)
    with transaction.atomic(), university_scope(need.university_id):
        need = _lock(need)
        if not need.is_hidden:
            raise ValidationError(_("The need is not hidden."), code="not_hidden")
        need.is_hidden = False
        need.hidden_reason = ""
        if need.state in PUBLIC_STATES:
            need.visibility = Visibility.PUBLIC
        need.save()
        _record(need, EventKind.RESTORED, actor=actor)
    return need


# --- dialogue -------------------------------------------------------------------------------


def _require_public(need: Need) -> None:
    if not need.is_public:
        raise ValidationError(
            _("Not possible while the need is “%(state)s”.")
            % {"state": NeedState(need.state).label},
            code="not_public",
        )


def post_comment(*, author, need: Need, body: str, parent: Comment | None = None) -> Comment:
    if author is None or not author.is_authenticated:
        raise PermissionDenied(_("Sign in to comment."))
    _require_public(need)
    comment = Comment(
        university_id=need.university_id, need=need, author=author, parent=parent, body=body.strip()
    )
    with transaction.atomic(), university_scope(need.university_id):
        comment.full_clean()
        comment.save()
    return comment


def hide_comment(*, actor, comment: Comment, reason: str) -> Comment:
    _require(actor, "needs.moderate_need", comment.need)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why it is hidden.")}, code="reason_required")
    with transaction.atomic(), university_scope(comment.university_id):
        comment = Comment.objects.with_scopes_disabled().select_for_update().get(pk=comment.pk)
        comment.is_hidden = True
        comment.hidden_reason = reason
        comment.hidden_at = timezone.now()
        comment.hidden_by = actor
        comment.save()
        # Hiding answers the reports about it.
        Report.objects.with_scopes_disabled().filter(comment=comment, resolved_at=None).update(
            resolved_at=timezone.now(), resolved_by=actor
        )
    return comment


def restore_comment(*, actor, comment: Comment) -> Comment:
    _require(actor, "needs.moderate_need", comment.need)
    with transaction.atomic(), university_scope(comment.university_id):
        comment = Comment.objects.with_scopes_disabled().select_for_update().get(pk=comment.pk)
        comment.is_hidden = False
        comment.hidden_reason = ""
        comment.hidden_at = None
        comment.hidden_by = None
        comment.save()
    return comment


def report_item(
    *, reporter, need: Need, reason: str, comment: Comment | None = None, details: str = ""
) -> Report:
    if reporter is None or not reporter.is_authenticated:
        raise PermissionDenied(_("Sign in to report."))
    report = Report(
        university_id=need.university_id,
        need=need,
        comment=comment,
        reporter=reporter,
        reason=reason,
        details=details.strip(),
    )
    with transaction.atomic(), university_scope(need.university_id):
        report.full_clean()
        report.save()
        for user in _moderators(need.university_id):
            notify(
                user=user,
                kind=NEED_REPORTED,
                context={
                    "need": need,
                    "reason": ReportReason(reason).label,
                    "is_comment": comment is not None,
                },
                url=_moderation_url(user.language),
            )
    return report


def _moderation_url(language: str) -> str:
    with translation.override(language):
        return reverse("needs:moderation")


def resolve_report(*, actor, report: Report) -> Report:
    _require(actor, "needs.moderate_need", report.need)
    with transaction.atomic(), university_scope(report.university_id):
        report = Report.objects.with_scopes_disabled().select_for_update().get(pk=report.pk)
        if report.resolved_at is None:
            report.resolved_at = timezone.now()
            report.resolved_by = actor
            report.save()
    return report


def support_need(*, need: Need, user=None, email: str = "", language: str = "kk") -> Support:
    """“I have this need too”, once per person or per e-mail address.

    A signed-in person's support counts at once; an e-mail one when its link is opened. The
    database's unique constraints settle a double click or a race: the second one is refused.
    """
    _require_public(need)
    if user is not None and not user.is_authenticated:
        user = None
    email = "" if user else (email or "").strip().lower()
    if user is None and not email:
        raise ValidationError(
            {"email": _("Give an e-mail address to confirm your support, or sign in.")},
            code="no_supporter",
        )
    raw_token = ""
    support = Support(university_id=need.university_id, need=need, user=user, email=email)
    if user is not None:
        support.confirmed_at = timezone.now()
    else:
        raw_token, support.token_hash = new_secret()
    try:
        with transaction.atomic(), university_scope(need.university_id):
            existing = None
            if email:
                existing = (
                    Support.objects.with_scopes_disabled()
                    .select_for_update()
                    .filter(need=need, email=email)
                    .first()
                )
            if existing is not None and existing.confirmed_at is None:
                # Not confirmed yet: a new link replaces the old one.
                existing.token_hash = support.token_hash
                existing.save(update_fields=["token_hash", "updated_at"])
                support = existing
            elif existing is not None:
                raise IntegrityError("support_once_per_email")
            else:
                support.save()
            if raw_token:
                transaction.on_commit(
                    lambda: _send_support_confirmation(need, email, raw_token, language)
                )
    except IntegrityError:
        raise ValidationError(
            _("You already support this need.")
            if user
            else _("This e-mail address already supports this need."),
            code="already_supported",
        ) from None
    return support


def _send_support_confirmation(need: Need, email: str, raw_token: str, language: str) -> None:
    with translation.override(language):
        path = reverse("needs:support_confirm", kwargs={"token": raw_token})
    send_templated_mail(
        to=email,
        template="needs/emails/confirm_support",
        context={"need": need, "confirm_url": f"{settings.SITE_URL}{path}"},
        language=language,
    )


def confirm_support(*, raw_token: str) -> Support:
    with transaction.atomic():
        support = (
            Support.objects.with_scopes_disabled()
            .select_for_update()
            .select_related("need")
            .filter(token_hash=hash_secret(raw_token))
            .first()
        )
        if support is None:
            raise ValidationError(
                _("This confirmation link is not valid. Check that it was copied whole."),
                code="unknown",
            )
        if support.confirmed_at is None:
            support.confirmed_at = timezone.now()
            with university_scope(support.university_id):
                support.save(update_fields=["confirmed_at", "updated_at"])
    return support


def withdraw_support(*, need: Need, user) -> None:
    with university_scope(need.university_id):
        Support.objects.filter(need=need, user=user).delete()


def follow_need(*, need: Need, user) -> Follow:
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to follow a need."))
    with university_scope(need.university_id):
        existing = Follow.objects.filter(need=need, user=user).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                return Follow.objects.create(university_id=need.university_id, need=need, user=user)
        except IntegrityError:
            # Two clicks at once: the other one created it.
            return Follow.objects.get(need=need, user=user)


def unfollow_need(*, need: Need, user) -> None:
    with university_scope(need.university_id):
        Follow.objects.filter(need=need, user=user).delete()


# Fields of a need its moderators may correct (a typo, a wrong category); never the state.
EDITABLE_FIELDS = frozenset(
    {
        "title",
        "description",
        "language",
        "category",
        "affected_group",
        "urgency",
        "district",
        "latitude",
        "longitude",
        "sdgs",
        "partner_organisation",
        *(f"decline_reason_{c}" for c in CONTENT_LANGUAGES),
        *(f"report_{c}" for c in CONTENT_LANGUAGES),
    }
)


def update_need(*, actor, need: Need, values: dict) -> Need:
    """Correct a need's content (the admin); its state moves only through the workflow."""
    _require(actor, "needs.moderate_need", need)
    refused = sorted(set(values) - EDITABLE_FIELDS)
    if refused:
        raise ValidationError(
            _("These fields change only through the workflow: %(fields)s.")
            % {"fields": ", ".join(refused)},
            code="workflow_field",
        )
    with transaction.atomic(), university_scope(need.university_id):
        locked = _lock(need)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
    return locked
