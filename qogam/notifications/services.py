"""Telling people things: in-app notices and e-mail, in the recipient's language."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from qogam.core.mail import send_templated_mail
from qogam.notifications.enums import Delivery
from qogam.notifications.kinds import get_kind
from qogam.notifications.models import Notice, Preference


def delivery_for(user, kind: str) -> str:
    """The person's choice for this kind, else their general choice, else immediate."""
    choices = dict(
        Preference.objects.filter(user=user, kind__in=[kind, ""]).values_list("kind", "delivery")
    )
    return choices.get(kind) or choices.get("") or Delivery.IMMEDIATE


def notify(*, user, kind: str, context: dict, url: str = "") -> Notice:
    """Make a notice for `user` and, if they want it at once, e-mail it after commit.

    The text is rendered now, in the recipient's language, from the kind's templates.
    """
    get_kind(kind)  # fails loudly on a kind nobody registered
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        title = " ".join(render_to_string(f"notifications/kinds/{kind}_title.txt", context).split())
        body = render_to_string(f"notifications/kinds/{kind}_body.txt", context).strip()
    notice = Notice.objects.create(
        user=user,
        kind=kind,
        title=title[:300],
        body=body,
        url=url,
        delivery=delivery_for(user, kind),
    )
    if notice.delivery == Delivery.IMMEDIATE and user.email:
        from qogam.notifications.tasks import send_notice_email  # noqa: PLC0415 -- tasks import services

        transaction.on_commit(lambda: send_notice_email.enqueue(notice_id=notice.pk))
    return notice


def email_notice(*, notice_id: int) -> None:
    notice = Notice.objects.select_related("user").get(pk=notice_id)
    if notice.emailed_at is not None:
        return  # a retried task must not send twice
    send_templated_mail(
        to=notice.user.email,
        template="emails/notice",
        context={
            "notice": notice,
            "user": notice.user,
            "preferences_url": _preferences_url(notice.user),
        },
        language=notice.user.language,
    )
    Notice.objects.filter(pk=notice.pk).update(emailed_at=timezone.now())


def _preferences_url(user) -> str:
    with translation.override(user.language):
        return settings.SITE_URL + reverse("notifications:preferences")


def send_digests(*, delivery: str) -> int:
    """One e-mail per person with every notice waiting for this digest; returns how many sent."""
    pending = Notice.objects.filter(delivery=delivery, emailed_at__isnull=True).select_related(
        "user"
    )
    by_user: dict[int, list[Notice]] = {}
    for notice in pending.order_by("user_id", "created_at"):
        by_user.setdefault(notice.user_id, []).append(notice)
    sent = 0
    for notices in by_user.values():
        user = notices[0].user
        if not user.is_active or not user.email:
            continue
        send_templated_mail(
            to=user.email,
            template="emails/digest",
            context={
                "notices": notices,
                "user": user,
                "delivery": delivery,
                "preferences_url": _preferences_url(user),
            },
            language=user.language,
        )
        Notice.objects.filter(pk__in=[n.pk for n in notices]).update(emailed_at=timezone.now())
        sent += 1
    return sent


def mark_read(*, user, notice_ids: list[int] | None = None) -> int:
    qs = Notice.objects.filter(user=user, read_at__isnull=True)
    if notice_ids is not None:
        qs = qs.filter(pk__in=notice_ids)
    return qs.update(read_at=timezone.now())


def set_preferences(*, user, default: str, per_kind: dict[str, str]) -> None:
    """Save the general choice and the per-kind ones; a kind set to "same as general" is cleared."""
    with transaction.atomic():
        Preference.objects.update_or_create(user=user, kind="", defaults={"delivery": default})
        for kind, delivery in per_kind.items():
            get_kind(kind)
            if delivery:
                Preference.objects.update_or_create(
                    user=user, kind=kind, defaults={"delivery": delivery}
                )
            else:
                Preference.objects.filter(user=user, kind=kind).delete()
