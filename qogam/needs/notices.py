from django.utils.translation import gettext_lazy as _

from qogam.notifications.kinds import NoticeKind, register_kind

NEED_TO_MODERATE = "need_to_moderate"
NEED_UPDATED = "need_updated"
NEED_REPORTED = "need_reported"

register_kind(NoticeKind(NEED_TO_MODERATE, _("A community need waits for moderation")))
register_kind(NoticeKind(NEED_UPDATED, _("A community need you follow changed")))
register_kind(NoticeKind(NEED_REPORTED, _("Someone reported a need or a comment")))
