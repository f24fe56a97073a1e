from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "qogam.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        # Importing it registers the menu item that leads to the public site.
        from qogam.portal import navigation  # noqa: F401, PLC0415
        from qogam.portal.cache import connect_signals  # noqa: PLC0415

        # Any change of what the portal shows throws its cached pages away.
        connect_signals()
