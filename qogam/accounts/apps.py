from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "qogam.accounts"
    label = "accounts"
    verbose_name = _("People and access")

    def ready(self) -> None:
        # Imports here need loaded models; each line registers something at start-up.
        from qogam.accounts import dashboard, navigation, notices  # noqa: F401, PLC0415
        from qogam.accounts.models import ApiToken, Invitation, Membership, User  # noqa: PLC0415
        from qogam.accounts.queries import build_viewer  # noqa: PLC0415
        from qogam.core.audit import register_audited  # noqa: PLC0415
        from qogam.core.visibility import set_viewer_builder  # noqa: PLC0415

        set_viewer_builder(build_viewer)
        register_audited(User, exclude_fields=["password", "last_login"])
        register_audited(Membership)
        register_audited(Invitation, exclude_fields=["token_hash"])
        register_audited(ApiToken, exclude_fields=["key_hash", "last_used_at"])
