"""The councils app's kinds of notice."""

from django.utils.translation import gettext_lazy as _

from qogam.notifications.kinds import NoticeKind, register_kind

DECISION_OVERDUE = "decision_overdue"

register_kind(NoticeKind(DECISION_OVERDUE, _("A council decision you own is overdue")))
