from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_online_link(value: str) -> None:
    """An online meeting link must be a web address people can open (https)."""
    if value and not value.lower().startswith("https://"):
        raise ValidationError(_("The online link must start with https://."), code="not_https")
