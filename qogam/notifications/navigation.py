from django.utils.translation import gettext_lazy as _

from qogam.core.navigation import NavItem, register_nav_item


def _unread(request) -> int | None:
    return request.user.notices.filter(read_at__isnull=True).count() or None


register_nav_item(
    NavItem(
        "notices",
        _("Notices"),
        "notifications:inbox",
        lambda r: r.user.is_authenticated,
        70,
        section="notifications",
        badge=_unread,
    )
)
