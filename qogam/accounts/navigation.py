from django.utils.translation import gettext_lazy as _

from qogam.core.navigation import NavItem, register_nav_item


def _signed_in(request) -> bool:
    return request.user.is_authenticated


register_nav_item(NavItem("home", _("Home"), "accounts:home", _signed_in, 10))
register_nav_item(
    NavItem(
        "people",
        _("People"),
        "accounts:people",
        lambda r: r.user.has_perm("accounts.manage_people"),
        30,
    )
)
register_nav_item(
    NavItem(
        "audit",
        _("Audit trail"),
        "accounts:audit",
        lambda r: r.user.has_perm("accounts.view_audit"),
        80,
    )
)
register_nav_item(
    NavItem("admin", _("Administration"), "admin:index", lambda r: r.user.is_staff, 90)
)
