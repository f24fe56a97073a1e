from django.utils.translation import gettext_lazy as _

from qogam.notifications.kinds import NoticeKind, register_kind

SIGN_UP_PROMOTED = "volunteering_promoted"

register_kind(
    NoticeKind(SIGN_UP_PROMOTED, _("A place opened on a volunteering shift you waited for"))
)
