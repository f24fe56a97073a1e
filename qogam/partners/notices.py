"""The partners app's kinds of notice."""

from django.utils.translation import gettext_lazy as _

from qogam.notifications.kinds import NoticeKind, register_kind

AGREEMENT_EXPIRING = "agreement_expiring"

register_kind(NoticeKind(AGREEMENT_EXPIRING, _("An agreement with a partner is ending soon")))
