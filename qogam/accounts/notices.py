from django.utils.translation import gettext_lazy as _

from qogam.notifications.kinds import NoticeKind, register_kind

ROLE_GRANTED = "role_granted"
INVITATION_ACCEPTED = "invitation_accepted"

register_kind(NoticeKind(ROLE_GRANTED, _("A role was given to you")))
register_kind(NoticeKind(INVITATION_ACCEPTED, _("Someone accepted your invitation")))
